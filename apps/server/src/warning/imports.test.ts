import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../services/context.js';
import { startTestApp, type TestApp } from '../test-support/harness.js';
import { northbound, setClock, T0 } from '../test-support/sightings.js';
import { ImportFileError } from './errors.js';
import { importHistory, importZones } from './imports.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const square = (lon: number, lat: number, d = 0.01) => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
/** Two rows of three squares over the demo city's centre, named in both languages. */
function zonesFile(): string {
  const features = [];
  for (let row = 0; row < 2; row++) {
    for (let col = 0; col < 3; col++) {
      const id = `n-${row}${col}`;
      features.push({ type: 'Feature', properties: { id, name: `North ${row}${col}`, 'name:en': `North ${row}${col}`, 'name:ar': `الشمال ${row}${col}` }, geometry: { type: 'Polygon', coordinates: [square(37.135 + col * 0.01, 36.19 + row * 0.01)] } });
    }
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

async function tableCount(table: 'zones' | 'strike_history' | 'warning_imports' | 'events'): Promise<number> {
  const row = await t.runtime.ctx.storage.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('importZones', () => {
  it('refuses a file naming the feature at fault, and writes nothing', async () => {
    const bad = JSON.parse(zonesFile()) as { features: { geometry: { coordinates: unknown } }[] };
    bad.features[4]!.geometry.coordinates = [[[37.1, 95], [37.2, 36.2], [37.2, 36.3]]];
    const before = [await tableCount('zones'), await tableCount('events')];
    const err = await importZones(t.runtime.ctx, SYSTEM_ACTOR, 'bad.geojson', JSON.stringify(bad)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect((err as Error).message).toMatch(/^bad\.geojson: feature 4: .*off the globe/);
    const notJson = await importZones(t.runtime.ctx, SYSTEM_ACTOR, 'cut.geojson', '{"type": "FeatureCollection",\n "features": [}]}').catch((e: unknown) => e);
    expect((notJson as Error).message).toMatch(/^cut\.geojson: not JSON/);
    expect([await tableCount('zones'), await tableCount('events')]).toEqual(before);
  });

  it('replaces the zones in use, names in both languages kept; the engine warns them from its next tick', async () => {
    setClock(t, T0 + 5_000);
    await t.runtime.ctx.warning.ready();
    expect((await t.runtime.ctx.warning.zones()).source).toBe('demo-city');
    const r = await importZones(t.runtime.ctx, SYSTEM_ACTOR, 'north.geojson', zonesFile());
    expect(r).toMatchObject({ zones: 6, unchanged: false });
    await t.runtime.ctx.warning.tick(T0 + 5_000);
    const fc = await t.runtime.ctx.warning.zones();
    expect(fc.source).toBe('imported');
    expect(fc.features.map((f) => f.properties)).toContainEqual({ id: 'n-12', name: 'North 12', name_en: 'North 12', name_ar: 'الشمال 12' });
    // The same file again changes nothing.
    const events = await tableCount('events');
    expect(await importZones(t.runtime.ctx, SYSTEM_ACTOR, 'north.geojson', zonesFile())).toMatchObject({ unchanged: true });
    expect(await tableCount('events')).toBe(events);
    // A helicopter heading for them: the alert names the imported zones.
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/sightings', headers: { authorization: `Bearer ${await t.tokenFor('dispatcher')}` }, payload: northbound(2) });
    expect(res.statusCode, res.body).toBe(201);
    const { items } = (await t.app.inject({ url: '/api/v1/alerts' })).json() as { items: { zones: { id: string; name_ar: string }[] }[] };
    expect(items).toHaveLength(1);
    for (const z of items[0]!.zones) expect(z.id).toMatch(/^n-\d\d$/);
  });
});

describe('importHistory', () => {
  const csv = [
    'event_date,time,latitude,longitude,event_type,fatalities',
    '2026-01-10,08:15,36.205,37.14,Air strike,3',
    '2026-01-11,,36.195,37.16,Air strike,',
    '2026-02-30,09:00,36.2,37.15,Air strike,1',
    '2026-01-12,10:00,136.2,37.15,Air strike,0',
    '2026-01-13,11:00,36.21,37.13,"Barrel, bomb",2',
  ].join('\n');

  it('stores the readable rows and reports each unreadable one by its line', async () => {
    const before = await tableCount('strike_history');
    const r = await importHistory(t.runtime.ctx, SYSTEM_ACTOR, 'acled.csv', csv);
    expect(r.rows).toBe(3);
    expect(r.problems).toEqual([
      { line: 4, reason: expect.stringMatching(/not a real date/) },
      { line: 5, reason: expect.stringMatching(/latitude "136.2"/) },
    ]);
    expect(await tableCount('strike_history')).toBe(before + 3);
    const stored = await t.runtime.ctx.storage.db.selectFrom('strike_history').selectAll().orderBy('line').execute();
    expect(stored.map((s) => [s.line, s.time, s.kind, s.killed])).toEqual([
      [2, '2026-01-10T08:15:00.000Z', 'Air strike', 3],
      [3, '2026-01-11T00:00:00.000Z', 'Air strike', null],
      [6, '2026-01-13T11:00:00.000Z', 'Barrel, bomb', 2],
    ]);
    const imp = await t.runtime.ctx.storage.db.selectFrom('warning_imports').selectAll().where('id', '=', r.importId!).executeTakeFirstOrThrow();
    expect(JSON.parse(imp.skipped)).toEqual(r.problems);
  });

  it('imports a file once: the same file again writes nothing', async () => {
    const before = [await tableCount('strike_history'), await tableCount('events')];
    expect(await importHistory(t.runtime.ctx, SYSTEM_ACTOR, 'acled.csv', csv)).toMatchObject({ unchanged: true, rows: 3 });
    expect([await tableCount('strike_history'), await tableCount('events')]).toEqual(before);
  });

  it('writes nothing for a file without the required columns, and says which are missing', async () => {
    const before = await tableCount('warning_imports');
    const r = await importHistory(t.runtime.ctx, SYSTEM_ACTOR, 'wrong.csv', 'when,where\n2026-01-01,here\n');
    expect(r).toMatchObject({ rows: 0, importId: null, problems: [{ line: 1, reason: expect.stringMatching(/missing date, latitude, longitude/) }] });
    expect(await tableCount('warning_imports')).toBe(before);
  });
});
