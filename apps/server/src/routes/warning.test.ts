import { AlertEventData, DoubleTapAdvisoryData, newUlid, type DomainEvent } from '@civdef/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentBody } from '../test-support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { CENTRE, northbound, setClock, T0 } from '../test-support/sightings.js';

let t: TestApp;
let spotter: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  spotter = bearer(await t.tokenFor('spotter'));
});
afterAll(() => t.close());

const post = (payload: unknown, headers = spotter) => t.app.inject({ method: 'POST', url: '/api/v1/sightings', headers, payload: payload as object });

async function eventsAfter(seq: number, prefix: string): Promise<DomainEvent[]> {
  const rows = await t.runtime.ctx.storage.db.selectFrom('events').selectAll().where('seq', '>', seq).orderBy('seq').execute();
  return rows.filter((r) => r.type.startsWith(prefix)).map((r) => ({ ...r, seq: Number(r.seq), data: JSON.parse(r.data) as Record<string, unknown> }));
}

async function lastSeq(): Promise<number> {
  const row = await t.runtime.ctx.storage.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

async function count(table: 'sightings' | 'alerts' | 'events'): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.runtime.ctx.storage.db);
  return Number(rows[0]!.n);
}

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['info', 'area', 'polygon'].includes(name) });

/** The CAP document, checked well formed. */
function capOf(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return (parser.parse(xml) as { alert: CapAlert }).alert;
}
interface CapAlert {
  '@_xmlns': string;
  identifier: string;
  msgType: string;
  references?: string;
  info: { language: string; headline: string; description: string; responseType: string; area?: { areaDesc: string; polygon: string[] }[] }[];
}

describe('a helicopter flying over the city', () => {
  let before: number;
  let events: DomainEvent[];
  beforeAll(async () => {
    before = await lastSeq();
    for (let m = 0; m <= 6; m++) {
      setClock(t, T0 + m * 60_000 + 5_000);
      const res = await post(northbound(m));
      expect(res.statusCode, res.body).toBe(201);
    }
    // Silent for longer than a helicopter track lives: the tick gives the all clear.
    setClock(t, T0 + 20 * 60_000);
    await t.runtime.ctx.warning.tick();
    events = await eventsAfter(before, 'alert.');
  });

  it('issues an alert, updates it as the aircraft moves, and cancels it, each event in the delivery contract', () => {
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('alert.issued');
    expect(types[types.length - 1]).toBe('alert.cancelled');
    expect(types).toContain('alert.updated');
    for (const e of events) {
      // The exact shape: a strict schema (no field more) and the subject the channels filter on.
      expect(AlertEventData.safeParse(e.data).error).toBeUndefined();
      expect(e.subject_type).toBe('alert');
      expect(e.subject_id).toBe(e.data.alert_id);
      expect(e.data.action).toBe({ 'alert.issued': 'issue', 'alert.updated': 'update', 'alert.cancelled': 'cancel' }[e.type]);
    }
    const issued = events[0]!.data as AlertEventData;
    expect(issued).toMatchObject({ aircraft: 'helicopter', track_id: expect.stringMatching(/^[0-9A-Z]{26}$/) });
    expect(issued.zones.length).toBeGreaterThan(0);
    for (const z of issued.zones) {
      expect(z).toEqual({ id: expect.stringMatching(/^zone-\d\d$/), name_en: expect.any(String), name_ar: expect.stringMatching(/[\u0600-\u06FF]/), probability: expect.any(Number), earliest: expect.any(String), latest: expect.any(String) });
      expect(Date.parse(z.latest)).toBeGreaterThanOrEqual(Date.parse(z.earliest));
      expect(new Date(z.earliest).toISOString()).toBe(z.earliest);
    }
    expect(new Set(events.map((e) => e.subject_id)).size).toBe(1);
    const cancelled = events[events.length - 1]!.data as AlertEventData;
    expect(cancelled.zones).toEqual([]);
    expect(cancelled.reason).toEqual(expect.any(String));
    const lastWarned = events[events.length - 2]!.data as AlertEventData;
    expect(cancelled.previous_zones).toEqual(lastWarned.zones);
    // North of the city and flying away: the track ends as leaving.
    expect(cancelled.reason).toBe('left');
  });

  it('stores every sighting with its event, and each event of the alert in the order the engine decided', async () => {
    const sightings = await eventsAfter(before, 'sighting.reported');
    expect(sightings).toHaveLength(7);
    const times = events.map((e) => Date.parse(e.data.issued_at as string));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('answers the alert as JSON and lists it only while in force', async () => {
    const id = events[0]!.subject_id;
    const one = await t.app.inject({ url: `/api/v1/alerts/${id}` });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id, state: 'cancelled', aircraft: 'helicopter', zones: [], messages: events.length, cap_url: `/api/v1/alerts/${id}.cap` });
    expect((await t.app.inject({ url: '/api/v1/alerts' })).json()).toEqual({ items: [] });
    const all = (await t.app.inject({ url: '/api/v1/alerts?all=1' })).json() as { items: { id: string }[] };
    expect(all.items.map((a) => a.id)).toContain(id);
    // Public, and nothing about who saw it or where they stood.
    expect(one.body).not.toMatch(/spotter|reported_by|"lat"|"lon"/);
  });

  it('publishes the latest message as CAP 1.2 in Arabic and English, referring to every earlier one', async () => {
    const id = events[0]!.subject_id;
    const res = await t.app.inject({ url: `/api/v1/alerts/${id}.cap` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/cap\+xml/);
    const cap = capOf(res.body);
    expect(cap['@_xmlns']).toBe('urn:oasis:names:tc:emergency:cap:1.2');
    expect(cap.msgType).toBe('Cancel');
    expect(cap.identifier).toBe(`${id}.${events.length}`);
    expect(cap.references!.split(' ')).toHaveLength(events.length - 1);
    expect(cap.info.map((i) => i.language)).toEqual(['ar', 'en']);
    expect(cap.info.map((i) => i.responseType)).toEqual(['AllClear', 'AllClear']);
    // The cancel names the zones it clears, by name in each language.
    const cleared = (events[events.length - 1]!.data as AlertEventData).previous_zones!;
    expect(cap.info[0]!.area!.map((a) => a.areaDesc)).toEqual(cleared.map((z) => z.name_ar));
    expect(cap.info[1]!.area!.map((a) => a.areaDesc)).toEqual(cleared.map((z) => z.name_en));
  });

  it('answers 404 for an alert that does not exist, as JSON and as CAP', async () => {
    const id = newUlid();
    expect((await t.app.inject({ url: `/api/v1/alerts/${id}` })).statusCode).toBe(404);
    const cap = await t.app.inject({ url: `/api/v1/alerts/${id}.cap` });
    expect(cap.statusCode).toBe(404);
    expect(cap.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('the first CAP message of an alert', () => {
  it('is an Alert to shelter with an area per zone, in both languages', async () => {
    const at = T0 + 3_600_000;
    setClock(t, at + 5_000);
    const before = await lastSeq();
    expect((await post(northbound(0, at))).statusCode).toBe(201);
    const [issued] = await eventsAfter(before, 'alert.issued');
    const cap = capOf((await t.app.inject({ url: `/api/v1/alerts/${issued!.subject_id}.cap` })).body);
    expect(cap.msgType).toBe('Alert');
    expect(cap.references).toBeUndefined();
    const zones = (issued!.data as AlertEventData).zones;
    for (const [k, info] of cap.info.entries()) {
      expect(info.responseType).toBe('Shelter');
      expect(info.area!.map((a) => a.areaDesc)).toEqual(zones.map((z) => (k === 0 ? z.name_ar : z.name_en)));
      for (const a of info.area!) expect(a.polygon[0]).toMatch(/^(-?\d+\.\d+,-?\d+\.\d+ ){3,}-?\d+\.\d+,-?\d+\.\d+$/);
    }
    expect(cap.info[0]!.headline).toMatch(/[\u0600-\u06FF]/);
    expect(cap.info[1]!.headline).toMatch(/helicopter/);
    // An airstrike under the helicopter a minute later: the teams heading there are told to hold.
    setClock(t, at + 65_000);
    const incident = incidentBody({ lat: CENTRE.lat - 0.055, lon: CENTRE.lon, occurred_at: new Date(at + 60_000).toISOString() });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/incidents', headers: bearer(await t.tokenFor('dispatcher')), payload: incident });
    expect(res.statusCode, res.body).toBe(201);
    let advisory: DomainEvent | undefined;
    for (let i = 0; i < 100 && !advisory; i++) {
      [advisory] = await eventsAfter(before, 'advisory.double-tap');
      if (!advisory) await new Promise((r) => setTimeout(r, 50));
    }
    expect(advisory).toMatchObject({ subject_type: 'incident', subject_id: incident.id });
    expect(DoubleTapAdvisoryData.safeParse(advisory!.data).error).toBeUndefined();
    expect(advisory!.data).toMatchObject({ incident_id: incident.id, track_ids: [(issued!.data as AlertEventData).track_id] });
    // Then nothing more is heard of it: the timer's tick gives the all clear once the track is silent too long.
    await t.runtime.ctx.warning.tick(at + 20 * 60_000);
    const [cancelled] = await eventsAfter(before, 'alert.cancelled');
    expect(cancelled!.data).toMatchObject({ alert_id: issued!.subject_id, reason: 'silent', zones: [], issued_at: new Date(at + 20 * 60_000).toISOString() });
  });
});

describe('sightings refused or repeated', () => {
  const now = T0 + 2 * 3_600_000;
  const body = (over: Record<string, unknown> = {}) => ({ ...northbound(0, now - 60_000), ...over });

  it('refuses, with 422 saying why and nothing written: a time in the future, off the globe, no way to place the aircraft', async () => {
    setClock(t, now);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [body({ time: new Date(now + 10 * 60_000).toISOString() }), 'time', /in the future/],
      [body({ spotter: { lat: 91, lon: 37 } }), 'spotter.lat', /latitude must be <= 90/],
      [body({ overhead: undefined, heading_deg: 10 }), '', /cannot place the aircraft/],
      [body({ overhead: undefined, distance_m: 2000 }), 'bearing_deg', /is required/],
    ];
    const counts = [await count('sightings'), await count('events')];
    for (const [payload, path, why] of cases) {
      const res = await post(payload);
      expect(res.statusCode, res.body).toBe(422);
      const problem = res.json() as { errors: { path: string; message: string }[] };
      expect(problem.errors.find((e) => e.path === path)?.message).toMatch(why);
    }
    expect([await count('sightings'), await count('events')]).toEqual(counts);
  });

  it('answers the same sighting sent again with 200 and the stored record, and a changed one under its id with 409', async () => {
    setClock(t, now);
    const first = body();
    const created = await post(first);
    expect(created.statusCode).toBe(201);
    const events = await count('events');
    const again = await post(first);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(created.json());
    expect(await count('events')).toBe(events);
    const changed = await post({ ...first, aircraft: 'jet' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ fields: ['aircraft'] });
    expect(await count('events')).toBe(events);
  });

  it('limits a spotter to 20 sightings a minute: the 21st gets 429 with Retry-After; an operator relaying is not limited', async () => {
    setClock(t, now + 120_000);
    const own = bearer(await t.tokenFor('spotter'));
    // Seen half an hour ago: stored as evidence, too old to move any track.
    const old = (i: number) => ({ ...body(), id: newUlid(), time: new Date(now - 30 * 60_000 + i).toISOString() });
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await post(old(i), own)).statusCode);
    expect(new Set(statuses)).toEqual(new Set([201]));
    const sightings = await count('sightings');
    const limited = await post(old(21), own);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count('sightings')).toBe(sightings);
    expect((await post(old(22), bearer(await t.tokenFor('admin')))).statusCode).toBe(201);
  });

  it('is not open to viewers or team leaders', async () => {
    for (const role of ['viewer', 'team-leader'] as const) expect((await post(body(), bearer(await t.tokenFor(role)))).statusCode).toBe(403);
  });
});

describe('GET /zones', () => {
  it('gives the demo city\'s neighbourhoods as GeoJSON with ids and both names, to anyone', async () => {
    const res = await t.app.inject({ url: '/api/v1/zones' });
    expect(res.statusCode).toBe(200);
    const fc = res.json() as { type: string; source: string; features: { id: string; properties: Record<string, string>; geometry: { type: string; coordinates: number[][][][] } }[] };
    expect(fc).toMatchObject({ type: 'FeatureCollection', source: 'demo-city' });
    expect(fc.features.length).toBeGreaterThanOrEqual(30);
    for (const f of fc.features) {
      expect(f.properties.id).toBe(f.id);
      expect(f.properties.name_en).toMatch(/[A-Za-z]/);
      expect(f.properties.name_ar).toMatch(/[\u0600-\u06FF]/);
      expect(f.geometry.type).toBe('MultiPolygon');
      const [lon, lat] = f.geometry.coordinates[0]![0]![0]!;
      expect(Math.abs(lat! - CENTRE.lat)).toBeLessThan(0.05);
      expect(Math.abs(lon! - CENTRE.lon)).toBeLessThan(0.05);
    }
  });
});
