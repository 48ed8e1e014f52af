// A replay on a store set up as an operator would have it: two centres, their units, a slowed street.
import { newUlid } from '@civdef/core';
import { parseStrikeCsv } from '@civdef/warning';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { travelTimesTo } from '../dispatch/road-times.js';
import { openRuntime } from '../runtime.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import { createClosure } from '../services/closures.js';
import { changeUnitStatus, createUnit } from '../services/units.js';
import { createCentre } from '../services/organisation.js';
import { freshCliStore, type CliStore } from '../test-support/cli-run.js';
import { testConfig } from '../test-support/harness.js';
import { callsOf } from './scenario.js';
import { runReplay } from './simulation.js';
import { openReplayWorld } from './world.js';

// The test city (seed 1, 2,000 nodes): West Centre, North-East Centre, and a point 500 m west of West Centre.
const WEST = { lat: 36.2020611, lon: 37.1398968 };
const NORTH_EAST = { lat: 36.2050624, lon: 37.1556407 };
const SITE = { lat: 36.2021, lon: 37.1343 };
const actor = { userId: 'replay', deviceId: null };

let s: CliStore;
let near: string;
let far: string;
beforeAll(async () => {
  s = await freshCliStore();
  const r = await openRuntime(testConfig(s.dataDir, { databaseUrl: s.databaseUrl }));
  try {
    const west = newUlid();
    const ne = newUlid();
    await createCentre(r.ctx, SYSTEM_ACTOR, { id: west, name: 'West', ...WEST });
    await createCentre(r.ctx, SYSTEM_ACTOR, { id: ne, name: 'North-East', ...NORTH_EAST });
    near = newUlid();
    far = newUlid();
    const truck = (id: string, name: string, centre: string, at: typeof WEST) =>
      createUnit(r.ctx, SYSTEM_ACTOR, { id, name, kind: 'rescue-truck', centre_id: centre, crew: [], capabilities: ['heavy-rescue'], ...at });
    await truck(near, 'Near', west, WEST);
    await truck(far, 'Far', ne, NORTH_EAST);
    const broken = newUlid();
    await truck(broken, 'Broken', west, WEST);
    await changeUnitStatus(r.ctx, SYSTEM_ACTOR, broken, { id: newUlid(), status: 'out-of-service', reason: 'damaged' });
    // Rubble all round West Centre: its truck is nearest the site as the crow flies, not by road.
    await createClosure(r.ctx, SYSTEM_ACTOR, { id: newUlid(), kind: 'slowdown', factor: 50, reason: 'rubble', target: { circle: { ...WEST, radius_m: 150 } } });
  } finally {
    await r.close();
  }
});
afterAll(() => s.cleanup());

const csv = (rows: string[]) => callsOf(parseStrikeCsv(`date,time,latitude,longitude,kind,killed,injured\n${rows.join('\n')}\n`).rows);
const config = () => testConfig(s.dataDir, { databaseUrl: s.databaseUrl });

describe('runReplay', () => {
  it('replays on a copy of the organisation and its closures, and road time beats the straight line around rubble', async () => {
    const calls = csv([`2025-01-01,10:00,${SITE.lat},${SITE.lon},collapse,0,0`]);
    const figures: Record<string, number> = {};
    for (const policy of ['road-time', 'nearest-straight-line'] as const) {
      const world = await openReplayWorld(config(), actor);
      try {
        expect(world).toMatchObject({ organisation: 'configured', units: 2, closures: 1 });
        const r = await runReplay(world.ctx, calls, { policy, speed: Infinity, onSceneMinutes: 20, actor });
        expect(r).toMatchObject({ calls: 1, incidents: 1, merged: 0, reached: 1, unreached: 0 });
        figures[policy] = r.medianS!;
        const sent = await world.ctx.storage.db.selectFrom('assignments').select('unit_id').execute();
        expect(sent.map((a) => a.unit_id)).toEqual([policy === 'road-time' ? far : near]);
        // The figure is the router's own travel time for the unit sent.
        const net = await world.ctx.roads.ready();
        const from = policy === 'road-time' ? NORTH_EAST : WEST;
        const t = travelTimesTo(net, Date.now(), SITE, [{ id: 'u', ...from, profile: 'vehicle' }]).get('u')!;
        expect(t.reachable && r.medianS!).toBeCloseTo(t.reachable ? t.etaS : NaN, 0);
        // Every unit is back and available, every incident closed, each change an event.
        const units = await world.ctx.storage.db.selectFrom('units').select('status').execute();
        expect(units.every((u) => u.status === 'available')).toBe(true);
        const open = await world.ctx.storage.db.selectFrom('incidents').select('id').where('status', '!=', 'closed').execute();
        expect(open).toEqual([]);
        const types = (await world.ctx.storage.db.selectFrom('events').select('type').execute()).map((e) => e.type);
        for (const type of ['incident.reported', 'assignment.created', 'unit.status-changed', 'assignment.released', 'incident.status-changed']) expect(types).toContain(type);
      } finally {
        await world.close();
      }
    }
    expect(figures['road-time']!).toBeLessThan(figures['nearest-straight-line']!);
    // The live store saw none of it.
    const r = await openRuntime(config());
    try {
      expect(await r.ctx.storage.db.selectFrom('incidents').select('id').execute()).toEqual([]);
    } finally {
      await r.close();
    }
  });

  it('holds a call no unit is free for until one comes back, then sends it', async () => {
    const calls = csv([`2025-01-01,10:00,${SITE.lat},${SITE.lon},collapse,0,0`, `2025-01-01,10:00,${NORTH_EAST.lat},${NORTH_EAST.lon},collapse,0,0`, `2025-01-01,10:01,36.1956,37.155,collapse,0,0`]);
    const world = await openReplayWorld(config(), actor);
    try {
      const lines: string[] = [];
      const r = await runReplay(world.ctx, calls, { policy: 'road-time', speed: Infinity, onSceneMinutes: 15, actor, progress: (l) => lines.push(l) });
      expect(r).toMatchObject({ incidents: 3, reached: 3, unreached: 0 });
      expect(r.responseS.at(-1)!).toBeGreaterThan(15 * 60);
      expect(lines.some((l) => l.includes('no unit free, waiting'))).toBe(true);
    } finally {
      await world.close();
    }
  });
});
