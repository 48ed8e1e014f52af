// Random sequences of what a busy operations room does (reports, merges and splits, assignments, every unit
// status change legal or not, breakdowns, assessments, closing and reopening, auto-dispatch switched on and
// off), each through the API, checking after every step: no unit is ever booked twice, units and
// assignments agree, a refused request changes nothing, and whatever changed was written as events.
import { ASSIGNED_STATUSES, newUlid, UNIT_STATUSES, type UnitStatus } from '@civdef/core';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISPATCH_SETTINGS } from '../dispatch/settings.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

let t: TestApp;
let dispatcher: Record<string, string>;
let admin: Record<string, string>;
let centreId: string;

beforeAll(async () => {
  t = await startTestApp({ dispatch: { ...DEFAULT_DISPATCH_SETTINGS, merge: { radiusM: 150, minutes: 30 } } });
  dispatcher = bearer(await t.tokenFor('dispatcher'));
  admin = bearer(await t.tokenFor('admin'));
  centreId = newUlid();
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/centres', headers: admin, payload: { id: centreId, name: 'Property Centre', lat: 36.2, lon: 37.15 } });
  expect(res.statusCode).toBe(201);
});
afterAll(() => t.close());

// Sites in the test city, two of them within merging distance of each other.
const SITES = [
  { lat: 36.2021, lon: 37.1343 },
  { lat: 36.2028, lon: 37.1343 },
  { lat: 36.1956, lon: 37.155 },
];
const KINDS = ['airstrike', 'fire', 'building-collapse'] as const;

type Op =
  | { op: 'report'; site: number; kind: number; severity: number; trapped: number }
  | { op: 'assign'; incident: number; unit: number; free: boolean }
  | { op: 'status'; unit: number; status: number }
  | { op: 'advance'; unit: number; choice: number }
  | { op: 'incident-status'; incident: number; close: boolean }
  | { op: 'assess'; incident: number; severity: number; casualties: number }
  | { op: 'split'; incident: number }
  | { op: 'policy'; on: boolean };

const pick = fc.nat({ max: 1000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('report' as const), site: pick, kind: pick, severity: fc.integer({ min: 1, max: 5 }), trapped: fc.integer({ min: 0, max: 8 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('assign' as const), incident: pick, unit: pick, free: fc.boolean() }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('status' as const), unit: pick, status: pick }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('advance' as const), unit: pick, choice: pick }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('incident-status' as const), incident: pick, close: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('assess' as const), incident: pick, severity: fc.integer({ min: 1, max: 5 }), casualties: fc.integer({ min: 0, max: 9 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('split' as const), incident: pick }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('policy' as const), on: fc.boolean() }), weight: 1 },
);

// The unit life cycle (core's status machine) without dispatch, which only an assignment does.
const NEXT: Record<UnitStatus, UnitStatus[]> = {
  available: ['out-of-service'],
  dispatched: ['en-route', 'available', 'out-of-service'],
  'en-route': ['on-scene', 'out-of-service', 'available'],
  'on-scene': ['returning', 'out-of-service'],
  returning: ['available', 'out-of-service'],
  'out-of-service': ['available'],
};

const TABLES = ['units', 'incidents', 'assignments', 'unit_status_changes', 'incident_reports', 'dispatch_policies'] as const;

/** Every row of the tables dispatch writes, and the number of events, once follow-ups have run. */
async function snapshot(): Promise<{ rows: string; events: number }> {
  await t.runtime.ctx.dispatch.watcher.idle();
  const db = t.runtime.ctx.storage.db;
  const parts: unknown[] = [];
  for (const table of TABLES) parts.push(await db.selectFrom(table).selectAll().orderBy(sql.ref(table === 'dispatch_policies' ? 'centre_id' : 'id')).execute());
  const { rows } = await sql<{ n: number }>`select count(*) as n from events`.execute(db);
  return { rows: JSON.stringify(parts), events: Number(rows[0]!.n) };
}

async function invariants(): Promise<void> {
  const db = t.runtime.ctx.storage.db;
  const active = await db.selectFrom('assignments').innerJoin('units', 'units.id', 'assignments.unit_id').innerJoin('incidents', 'incidents.id', 'assignments.incident_id')
    .select(['assignments.unit_id', 'units.status as unit_status', 'incidents.status as incident_status']).where('assignments.released_at', 'is', null).execute();
  const perUnit = new Map<string, number>();
  for (const a of active) perUnit.set(a.unit_id, (perUnit.get(a.unit_id) ?? 0) + 1);
  for (const [unit, n] of perUnit) expect(n, `unit ${unit} booked ${n} times`).toBe(1);
  for (const a of active) {
    expect(ASSIGNED_STATUSES, `assigned unit ${a.unit_id} is ${a.unit_status}`).toContain(a.unit_status);
    expect(a.incident_status, `unit ${a.unit_id} assigned to a closed incident`).not.toBe('closed');
  }
  const busy = await db.selectFrom('units').select('id').where('status', 'in', [...ASSIGNED_STATUSES]).execute();
  for (const u of busy) expect(perUnit.get(u.id), `unit ${u.id} busy without an assignment`).toBe(1);
}

describe('dispatch under random operations', () => {
  it('never double-books a unit, keeps units and assignments in step, and writes every change as events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (ops) => {
        const units: string[] = [];
        for (const [kind, caps] of [['rescue-truck', ['heavy-rescue', 'light-rescue']], ['ambulance', ['medical']], ['fire-truck', ['firefighting']]] as const) {
          const id = newUlid();
          const res = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: admin, payload: { id, name: `${kind} ${id.slice(-8)}`, kind, centre_id: centreId, capabilities: caps, lat: 36.2, lon: 37.15 } });
          expect(res.statusCode).toBe(201);
          units.push(id);
        }
        const incidents: string[] = [];
        const reports: { incident: string; report: string }[] = [];
        const nth = <T>(list: readonly T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
        try {
          for (const o of ops) {
            const before = await snapshot();
            let res;
            switch (o.op) {
              case 'report': {
                const id = newUlid();
                res = await t.app.inject({ method: 'POST', url: '/api/v1/incidents', headers: dispatcher, payload: { id, kind: nth(KINDS, o.kind), ...nth(SITES, o.site), occurred_at: new Date().toISOString(), severity: o.severity, people_trapped: o.trapped, source: 'team' } });
                const body = res.json() as { id: string; merged: { report_id: string } | null };
                if (res.statusCode === 201 && body.merged) reports.push({ incident: body.id, report: id });
                else if (res.statusCode === 201) incidents.push(id);
                break;
              }
              case 'assign': {
                const incident = nth(incidents, o.incident);
                if (!incident) continue;
                // Half the time a unit that is free (most such tries succeed), else any (most are refused).
                const free = o.free ? (await t.runtime.ctx.storage.db.selectFrom('units').select('id').where('id', 'in', units).where('status', '=', 'available').execute()).map((u) => u.id) : [];
                const unit = nth(free.length ? free : units, o.unit);
                res = await t.app.inject({ method: 'POST', url: `/api/v1/incidents/${incident}/assignments`, headers: dispatcher, payload: { id: newUlid(), unit_id: unit } });
                break;
              }
              case 'status': {
                const status = nth(UNIT_STATUSES, o.status)!;
                const payload = { id: newUlid(), status, ...(status === 'out-of-service' ? { reason: 'overheated' } : {}) };
                res = await t.app.inject({ method: 'POST', url: `/api/v1/units/${nth(units, o.unit)}/status`, headers: dispatcher, payload });
                break;
              }
              case 'advance': {
                // A legal next status (the way units really move), out of service among them.
                const unit = nth(units, o.unit)!;
                const { status } = (await t.app.inject({ url: `/api/v1/units/${unit}`, headers: dispatcher })).json() as { status: UnitStatus };
                const next = NEXT[status];
                if (!next.length) continue;
                const to = nth(next, o.choice)!;
                res = await t.app.inject({ method: 'POST', url: `/api/v1/units/${unit}/status`, headers: dispatcher, payload: { id: newUlid(), status: to, ...(to === 'out-of-service' ? { reason: 'no-fuel' } : {}) } });
                break;
              }
              case 'incident-status': {
                const incident = nth(incidents, o.incident);
                if (!incident) continue;
                res = await t.app.inject({ method: 'POST', url: `/api/v1/incidents/${incident}/status`, headers: dispatcher, payload: { status: o.close ? 'closed' : 'open' } });
                break;
              }
              case 'assess': {
                const incident = nth(incidents, o.incident);
                if (!incident) continue;
                res = await t.app.inject({ method: 'POST', url: `/api/v1/incidents/${incident}/assessment`, headers: dispatcher, payload: { severity: o.severity, casualties: o.casualties } });
                break;
              }
              case 'split': {
                const r = nth(reports, o.incident);
                if (!r) continue;
                res = await t.app.inject({ method: 'POST', url: `/api/v1/incidents/${r.incident}/reports/${r.report}/split`, headers: dispatcher });
                if (res.statusCode === 201) incidents.push(r.report);
                break;
              }
              case 'policy':
                res = await t.app.inject({ method: 'PUT', url: `/api/v1/centres/${centreId}/dispatch-policy`, headers: dispatcher, payload: { auto_dispatch: o.on, max_units: 2 } });
                break;
            }
            const what = `${JSON.stringify(o)} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
            expect(res.statusCode, what).toBeLessThan(500);
            const after = await snapshot();
            if (res.statusCode >= 400) {
              expect([409, 404, 422], what).toContain(res.statusCode);
              expect(after, `a refused request changed something: ${what}`).toEqual(before);
            } else if (after.rows !== before.rows) {
              expect(after.events, `a change without an event: ${what}`).toBeGreaterThan(before.events);
            }
            await invariants();
          }
        } finally {
          // Auto-dispatch off and this run's units out of the way of the next run.
          await t.app.inject({ method: 'PUT', url: `/api/v1/centres/${centreId}/dispatch-policy`, headers: dispatcher, payload: { auto_dispatch: false, max_units: 2 } });
          for (const u of units) {
            for (const status of ['available', 'returning', 'available', 'out-of-service']) {
              await t.app.inject({ method: 'POST', url: `/api/v1/units/${u}/status`, headers: dispatcher, payload: { id: newUlid(), status, reason: 'maintenance' } });
            }
          }
          await t.runtime.ctx.dispatch.watcher.idle();
        }
      }),
      { numRuns: 30 },
    );
  });
});
