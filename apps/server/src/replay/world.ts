// The world a replay runs in: a scratch SQLite database of its own (a replay's made-up incidents never
// enter the live record or its evidence log), the configured data folder's road graphs, the closures in
// force in the configured storage, and the configured organisation's centres and units (each available at
// its centre); the demo organisation when the configured storage has none.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newUlid, type Unit } from '@civdef/core';
import { nodeLat, nodeLon } from '@civdef/router';
import { Prng } from '@civdef/warning';
import type { Config } from '../config.js';
import { openStorage, type Storage } from '../db/connect.js';
import { RoadService } from '../roads/road-service.js';
import { openRuntime } from '../runtime.js';
import { seedDemo } from '../seed/demo.js';
import type { Actor, AppContext } from '../services/context.js';
import { createClosure } from '../services/closures.js';
import { createCentre } from '../services/organisation.js';
import { createUnit } from '../services/units.js';

export interface ReplayWorld {
  ctx: AppContext;
  /** Where the organisation came from. */
  organisation: 'configured' | 'demo';
  units: number;
  closures: number;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Rubble fields to add: this many closed circles of radiusM at random road nodes (seeded), on top of the real closures. */
  rubble?: { count: number; radiusM: number; seed: number } | undefined;
}

/** Closes `count` circles of streets around random road nodes, each a closure with its event. Precondition: roads loaded. */
async function addRubble(ctx: AppContext, actor: Actor, o: NonNullable<WorldOptions['rubble']>): Promise<void> {
  const g = (await ctx.roads.ready()).primary().graph;
  const rng = new Prng(o.seed);
  for (let i = 0; i < o.count; i++) {
    const v = Math.floor(rng.next() * g.nodeCount);
    const circle = { lat: nodeLat(g, v), lon: nodeLon(g, v), radius_m: o.radiusM };
    await createClosure(ctx, actor, { id: newUlid(), kind: 'closure', reason: 'rubble', target: { circle }, note: 'replay: made-up rubble' });
  }
}

interface Organisation {
  centres: { id: string; name: string; lat: number; lon: number }[];
  units: { id: string; name: string; kind: string; centre_id: string; capabilities: string }[];
  closures: Record<string, unknown>[];
}

/** What the configured storage holds, read only; empty when it does not exist yet. */
async function readConfigured(config: Config): Promise<Organisation> {
  const empty = { centres: [], units: [], closures: [] };
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'civdef.sqlite'))) return empty;
  const live: Storage = openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const centres = await live.db.selectFrom('centres').select(['id', 'name', 'lat', 'lon']).execute();
    const units = await live.db.selectFrom('units').select(['id', 'name', 'kind', 'centre_id', 'capabilities']).where('status', '!=', 'out-of-service').execute();
    const now = new Date().toISOString();
    const closures = await live.db
      .selectFrom('closures')
      .selectAll()
      .where('lifted_at', 'is', null)
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
      .execute();
    return { centres, units, closures };
  } catch {
    // A store never initialised has no tables yet: replay on the demo organisation.
    return empty;
  } finally {
    await live.close();
  }
}

/** Opens a replay world. Precondition: config names the data folder whose roads to use. */
export async function openReplayWorld(config: Config, actor: Actor, options: WorldOptions = {}): Promise<ReplayWorld> {
  const org = await readConfigured(config);
  const dir = mkdtempSync(join(tmpdir(), 'civdef-replay-'));
  const runtime = await openRuntime({ ...config, dataDir: dir, databaseUrl: undefined }, openStorage({ dataDir: dir }));
  const ctx = runtime.ctx;
  try {
    ctx.roads.close();
    ctx.roads = new RoadService(ctx, { dataDir: config.dataDir, demoCityNodes: config.demoCityNodes, maxSnapM: config.maxSnapM });
    // Copied before the roads load, which replays them onto the graphs.
    for (const c of org.closures) await ctx.storage.db.insertInto('closures').values(c as never).execute();
    await ctx.roads.ready();
    if (options.rubble) await addRubble(ctx, actor, options.rubble);
    let organisation: ReplayWorld['organisation'] = 'configured';
    if (org.centres.length && org.units.length) {
      for (const c of org.centres) await createCentre(ctx, actor, c);
      const home = new Map(org.centres.map((c) => [c.id, c]));
      for (const u of org.units) {
        const centre = home.get(u.centre_id)!;
        await createUnit(ctx, actor, { id: u.id, name: u.name, kind: u.kind as Unit['kind'], centre_id: u.centre_id, crew: [], capabilities: JSON.parse(u.capabilities) as Unit['capabilities'], lat: centre.lat, lon: centre.lon });
      }
    } else {
      await seedDemo(ctx, actor);
      organisation = 'demo';
    }
    const units = (await ctx.storage.db.selectFrom('units').select('id').execute()).length;
    return {
      ctx,
      organisation,
      units,
      closures: org.closures.length + (options.rubble?.count ?? 0),
      async close() {
        await runtime.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
