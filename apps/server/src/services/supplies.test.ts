import { newUlid } from '@civdef/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, worksiteBody } from '../test-support/field-fixtures.js';
import { seedIncident, seedUnit } from '../test-support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

let t: TestApp;
let lead: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  lead = bearer(await t.tokenFor('team-leader'));
});
afterAll(() => t.close());

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: lead, payload });
const round3 = (x: number) => Math.round(x * 1000) / 1000;

async function centre(): Promise<string> {
  return (await seedUnit(t)).centreId;
}

async function stock(centreId: string, item: string) {
  const items = (await t.app.inject({ url: `/api/v1/supplies?centre_id=${centreId}`, headers: lead })).json().items as { item: string; quantity: number; days_left: number | null; level: string; used_7d: number }[];
  return items.find((i) => i.item === item);
}

describe('supply rules', () => {
  it('never transfers more than the sending centre holds (409 naming what is there), and writes nothing', async () => {
    const [a, b] = [await centre(), await centre()];
    await post('/api/v1/supplies/receipts', { id: newUlid(), centre_id: a, item: 'stretcher', quantity: 3 });
    const res = await post('/api/v1/supplies/transfers', { id: newUlid(), from_centre_id: a, to_centre_id: b, item: 'stretcher', quantity: 4 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ available: 3, requested: 4, item: 'stretcher' });
    expect((await stock(a, 'stretcher'))!.quantity).toBe(3);
    expect(await stock(b, 'stretcher')).toBeUndefined();
    const ok = await post('/api/v1/supplies/transfers', { id: newUlid(), from_centre_id: a, to_centre_id: b, item: 'stretcher', quantity: 3 });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'transfer-out', delta: -3, quantity_after: 0, other_centre_id: b });
    expect((await stock(b, 'stretcher'))!.quantity).toBe(3);
  });

  it('never consumes more than exists (409); a count sets the stock to the shelf', async () => {
    const a = await centre();
    expect((await post('/api/v1/supplies/consumptions', { id: newUlid(), centre_id: a, item: 'medical-kit', quantity: 1 })).statusCode).toBe(409);
    const count = await post('/api/v1/supplies/counts', { id: newUlid(), centre_id: a, item: 'medical-kit', quantity: 7 });
    expect(count.json()).toMatchObject({ kind: 'count', delta: 7, quantity_after: 7 });
    expect((await post('/api/v1/supplies/counts', { id: newUlid(), centre_id: a, item: 'medical-kit', quantity: 5 })).json()).toMatchObject({ delta: -2, quantity_after: 5 });
  });

  it('counts pieces whole and litres to the millilitre (422)', async () => {
    const a = await centre();
    const half = await post('/api/v1/supplies/receipts', { id: newUlid(), centre_id: a, item: 'body-bag', quantity: 1.5 });
    expect(half.statusCode).toBe(422);
    expect(half.json().errors[0].path).toBe('quantity');
    expect((await post('/api/v1/supplies/receipts', { id: newUlid(), centre_id: a, item: 'fuel', quantity: 0.0001 })).statusCode).toBe(422);
    expect((await post('/api/v1/supplies/receipts', { id: newUlid(), centre_id: a, item: 'fuel', quantity: 20.125 })).statusCode).toBe(201);
  });

  it('a transfer to itself or to an unknown centre is refused', async () => {
    const a = await centre();
    await post('/api/v1/supplies/receipts', { id: newUlid(), centre_id: a, item: 'blanket', quantity: 3 });
    expect((await post('/api/v1/supplies/transfers', { id: newUlid(), from_centre_id: a, to_centre_id: a, item: 'blanket', quantity: 1 })).statusCode).toBe(422);
    expect((await post('/api/v1/supplies/transfers', { id: newUlid(), from_centre_id: a, to_centre_id: newUlid(), item: 'blanket', quantity: 1 })).statusCode).toBe(404);
    expect((await stock(a, 'blanket'))!.quantity).toBe(3);
  });

  it('a retried receipt is recorded once; the same id for something else is a 409', async () => {
    const a = await centre();
    const body = { id: newUlid(), centre_id: a, item: 'water', quantity: 100 };
    expect((await post('/api/v1/supplies/receipts', body)).statusCode).toBe(201);
    expect((await post('/api/v1/supplies/receipts', body)).statusCode).toBe(200);
    expect((await stock(a, 'water'))!.quantity).toBe(100);
    expect((await post('/api/v1/supplies/receipts', { ...body, quantity: 99 })).statusCode).toBe(409);
  });

  it('warns of low stock with days left at the recent rate', async () => {
    const a = await centre();
    await post('/api/v1/supplies/receipts', { id: newUlid(), centre_id: a, item: 'tourniquet', quantity: 10 });
    // The stock is minutes old, so its rate is read over one day: 6 used a day leaves 4, two-thirds of a day.
    await post('/api/v1/supplies/consumptions', { id: newUlid(), centre_id: a, item: 'tourniquet', quantity: 6 });
    expect(await stock(a, 'tourniquet')).toMatchObject({ quantity: 4, used_7d: 6, days_left: 0.7, level: 'low' });
    await post('/api/v1/supplies/consumptions', { id: newUlid(), centre_id: a, item: 'tourniquet', quantity: 4 });
    expect(await stock(a, 'tourniquet')).toMatchObject({ quantity: 0, level: 'out' });
  });
});

type Op =
  | { kind: 'receipt' | 'count' | 'consume'; centre: number; item: 'body-bag' | 'fuel'; q: number }
  | { kind: 'transfer'; centre: number; item: 'body-bag' | 'fuel'; q: number }
  | { kind: 'refuel'; q: number }
  | { kind: 'dead-victim' }
  | { kind: 'trip'; m: number };

const item = fc.constantFrom('body-bag' as const, 'fuel' as const);
const qty = fc.integer({ min: 1, max: 120 }).map((n) => n / 2); // half litres; whole pieces below
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('receipt' as const, 'count' as const, 'consume' as const, 'transfer' as const), centre: fc.integer({ min: 0, max: 1 }), item, q: qty }),
  fc.record({ kind: fc.constant('refuel' as const), q: qty }),
  fc.record({ kind: fc.constant('dead-victim' as const) }),
  fc.record({ kind: fc.constant('trip' as const), m: fc.integer({ min: 100, max: 200_000 }) }),
);

describe('random sequences of operations', () => {
  it('keep every stock at or above zero, match a reference model, and make each change an event', async () => {
    const db = t.runtime.ctx.storage.db;
    const countOf = async (table: 'events' | 'supply_movements') => Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        const { centreId, teamId, unitId } = await seedUnit(t, 'rescue-truck');
        const other = await centre();
        const centres = [centreId, other];
        const incidentId = await seedIncident(t);
        const site = await send(t, 'POST', `/api/v1/incidents/${incidentId}/worksites`, worksiteBody({ team_id: teamId }));
        await send(t, 'PUT', `/api/v1/vehicles/${unitId}`, { tank_l: 150, fuel_l: 60, maintenance: 'ok' }, 200);
        const model = new Map<string, number>();
        const get = (c: number, i: string) => model.get(`${c}/${i}`) ?? 0;
        const set = (c: number, i: string, v: number) => model.set(`${c}/${i}`, round3(v));
        let fuel = 60;
        for (const o of ops) {
          const q = 'item' in o && o.item === 'body-bag' ? Math.ceil(o.q) : 'q' in o ? o.q : 0;
          const [events, movements] = [await countOf('events'), await countOf('supply_movements')];
          let res;
          let refused: boolean;
          switch (o.kind) {
            case 'receipt':
              res = await post('/api/v1/supplies/receipts', { id: newUlid(), centre_id: centres[o.centre], item: o.item, quantity: q });
              refused = false;
              set(o.centre, o.item, get(o.centre, o.item) + q);
              break;
            case 'count':
              res = await post('/api/v1/supplies/counts', { id: newUlid(), centre_id: centres[o.centre], item: o.item, quantity: q });
              refused = false;
              set(o.centre, o.item, q);
              break;
            case 'consume':
              res = await post('/api/v1/supplies/consumptions', { id: newUlid(), centre_id: centres[o.centre], item: o.item, quantity: q });
              refused = q > get(o.centre, o.item);
              if (!refused) set(o.centre, o.item, get(o.centre, o.item) - q);
              break;
            case 'transfer':
              res = await post('/api/v1/supplies/transfers', { id: newUlid(), from_centre_id: centres[o.centre], to_centre_id: centres[1 - o.centre], item: o.item, quantity: q });
              refused = q > get(o.centre, o.item);
              if (!refused) {
                set(o.centre, o.item, get(o.centre, o.item) - q);
                set(1 - o.centre, o.item, get(1 - o.centre, o.item) + q);
              }
              break;
            case 'refuel':
              res = await post(`/api/v1/vehicles/${unitId}/refuels`, { id: newUlid(), litres: q });
              refused = q > round3(150 - fuel) || q > get(0, 'fuel');
              if (!refused) {
                set(0, 'fuel', get(0, 'fuel') - q);
                fuel = round3(fuel + q);
              }
              break;
            case 'dead-victim':
              res = await post(`/api/v1/worksites/${site.id}/victims`, { id: newUlid(), condition: 'dead', start_colour: 'black', found_at: new Date().toISOString(), description: 'adult, burnt' });
              refused = false;
              if (get(0, 'body-bag') >= 1) set(0, 'body-bag', get(0, 'body-bag') - 1);
              break;
            case 'trip':
              res = await post(`/api/v1/vehicles/${unitId}/trips`, { id: newUlid(), distance_m: o.m });
              refused = false;
              fuel = Math.max(0, round3(fuel - round3((o.m / 100_000) * 30)));
              break;
          }
          expect(res.statusCode, `${JSON.stringify(o)} -> ${res.body}`).toBe(refused ? 409 : 201);
          if (refused) {
            expect([await countOf('events'), await countOf('supply_movements')]).toEqual([events, movements]);
          } else {
            expect(await countOf('events')).toBeGreaterThan(events);
          }
          for (const [k, want] of model) {
            const [c, i] = k.split('/');
            expect((await stock(centres[Number(c)]!, i!))?.quantity ?? 0, k).toBe(want);
          }
          expect((await t.app.inject({ url: `/api/v1/vehicles/${unitId}`, headers: lead })).json().fuel_l).toBe(fuel);
        }
        // The stored stocks: none below zero, each the sum of its movements.
        const stocks = await db.selectFrom('supply_stock').selectAll().where('centre_id', 'in', centres).execute();
        const sums = await db.selectFrom('supply_movements').select(['centre_id', 'item', (eb) => eb.fn.sum<number>('delta').as('s')]).where('centre_id', 'in', centres).groupBy(['centre_id', 'item']).execute();
        for (const s of stocks) {
          expect(Number(s.quantity)).toBeGreaterThanOrEqual(0);
          expect(round3(Number(sums.find((x) => x.centre_id === s.centre_id && x.item === s.item)!.s))).toBe(Number(s.quantity));
        }
        // Every movement is named by an event.
        const moved = await db.selectFrom('supply_movements').select('id').where('centre_id', 'in', centres).execute();
        const named = new Set<string>();
        const evs = await db.selectFrom('events').select('data').where('subject_id', 'in', [...centres, unitId]).execute();
        for (const e of evs) {
          const d = JSON.parse(e.data) as Record<string, unknown>;
          for (const k of ['id', 'movement_id', 'to_movement_id']) if (typeof d[k] === 'string') named.add(d[k]);
        }
        expect(moved.filter((m) => !named.has(m.id))).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });
});
