import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { northbound, setClock, T0 } from '../test-support/sightings.js';
import { WarningService } from './warning-service.js';

// A restart loses the engine's memory; the stored sightings of the last minutes rebuild it, and the stored
// alerts are made to agree with it: continued, updated or cancelled, never issued twice.

let t: TestApp;
let dispatcher: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  dispatcher = bearer(await t.tokenFor('dispatcher'));
});
afterAll(() => t.close());

async function sight(m: number, at: number) {
  setClock(t, at + m * 60_000 + 5_000);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/sightings', headers: dispatcher, payload: northbound(m, at) });
  expect(res.statusCode, res.body).toBe(201);
}

async function alertEvents(afterSeq: number) {
  const rows = await t.runtime.ctx.storage.db.selectFrom('events').select(['seq', 'type', 'subject_id', 'data']).where('seq', '>', afterSeq).where('type', 'like', 'alert.%').orderBy('seq').execute();
  return rows.map((r) => ({ type: r.type, alert: r.subject_id, data: JSON.parse(r.data) as { reason?: string } }));
}

const maxSeq = async () => Number((await t.runtime.ctx.storage.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('s')).executeTakeFirst())?.s ?? 0);
const inForce = async () => (await t.runtime.ctx.storage.db.selectFrom('alerts').select('id').where('state', '=', 'in-force').execute()).map((a) => a.id);

/** A new engine on the same database, as after a restart of the server. */
async function restart(replayMinutes = 60): Promise<void> {
  await t.runtime.ctx.warning.stop();
  t.runtime.ctx.warning = new WarningService(t.runtime.ctx, { replayMinutes });
  await t.runtime.ctx.warning.ready();
}

describe('a restart', () => {
  it('goes on with the alert in force: the next sighting of the same aircraft updates it, no second alert', async () => {
    const at = T0;
    await sight(0, at);
    await sight(1, at);
    const [alert] = await inForce();
    expect(alert).toBeDefined();
    const seq = await maxSeq();
    setClock(t, at + 90_000);
    await restart();
    await sight(2, at);
    const after = await alertEvents(seq);
    expect(after.filter((e) => e.type !== 'alert.updated'), JSON.stringify(after)).toEqual([]);
    expect(after.every((e) => e.alert === alert)).toBe(true);
    expect(await inForce()).toEqual([alert]);
  });

  it('gives the all clear for an aircraft that fell silent while the server was down', async () => {
    // The rebuilt engine decides why (flown out of reach, or silent); the stored alert follows it.
    const [alert] = await inForce();
    const seq = await maxSeq();
    setClock(t, T0 + 30 * 60_000);
    await restart();
    expect(await alertEvents(seq)).toEqual([{ type: 'alert.cancelled', alert, data: expect.objectContaining({ reason: expect.any(String), zones: [] }) }]);
    expect(await inForce()).toEqual([]);
  });

  it('cancels an alert whose track is older than the minutes it replays, as lost', async () => {
    const at = T0 + 3_600_000;
    await sight(0, at);
    const [alert] = await inForce();
    const seq = await maxSeq();
    // Four minutes on, replaying only the last two: the sighting that made the alert is not replayed.
    setClock(t, at + 4 * 60_000);
    await restart(2);
    expect(await alertEvents(seq)).toEqual([{ type: 'alert.cancelled', alert, data: expect.objectContaining({ reason: 'track-lost' }) }]);
  });

  it('after a write that failed once the engine had taken the sighting, rebuilds it: the retried sighting warns', async () => {
    const at = T0 + 2 * 3_600_000;
    const storage = t.runtime.ctx.storage;
    const write = storage.write;
    // The commit fails after the engine has seen the sighting (a full disk, the database gone).
    storage.write = (work) =>
      write(async (db) => {
        await work(db);
        throw new Error('disk full');
      });
    setClock(t, at + 5_000);
    const body = northbound(0, at);
    const seq = await maxSeq();
    try {
      const failed = await t.app.inject({ method: 'POST', url: '/api/v1/sightings', headers: dispatcher, payload: body });
      expect(failed.statusCode).toBe(500);
    } finally {
      storage.write = write;
    }
    expect(await inForce()).toEqual([]);
    // The phone sends it again, to an engine rebuilt from what is stored (it would otherwise hold a phantom track).
    const built = vi.spyOn(t.runtime.ctx.log, 'info');
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/sightings', headers: dispatcher, payload: body });
    expect(again.statusCode, again.body).toBe(201);
    expect((await alertEvents(seq)).map((e) => e.type)).toEqual(['alert.issued']);
    expect(built.mock.calls.filter((c) => c[1] === 'warning engine built')).toHaveLength(1);
    built.mockRestore();
  });
});
