// Road closures and slowdowns: each create, lift and expiry is one transaction writing the row and its
// event; the road network applies the change once it has committed, so a refused request changes no route.
import { NotFoundError, ValidationError, type Closure, type ClosureCreate, type ClosureTarget } from '@civdef/core';
import type { Profile } from '@civdef/router';
import type { Selectable } from 'kysely';
import type { ClosuresTable } from '../db/schema.js';
import { describeTarget } from '../roads/closure-target.js';
import type { ClosureSpec, RoadNetwork } from '../roads/network.js';
import { SYSTEM_ACTOR, type Actor, type AppContext } from './context.js';
import type { Created } from './organisation.js';
import { isReplay, retryOnUniqueViolation } from './replay.js';
import { inTransaction } from './transaction.js';

type Row = Selectable<ClosuresTable>;

/** What the network needs of a stored closure. Precondition: a row written by createClosure. */
export function specOf(row: Row): ClosureSpec {
  return {
    id: row.id,
    kind: row.kind as ClosureSpec['kind'],
    target: JSON.parse(row.target) as ClosureTarget,
    factor: row.factor,
    untilMs: row.until === null ? null : Date.parse(row.until),
    profile: row.profile as Profile | null,
    graphId: row.graph_id,
  };
}

function closureOf(row: Row, net: RoadNetwork): Closure {
  const { graph_id: _internal, ...rest } = row;
  return { ...rest, target: JSON.parse(row.target) as ClosureTarget, applied_edges: net.applied(row.id) } as Closure;
}

/** Refuses a closure that would close nothing or has already expired. */
function checkNew(input: ClosureCreate, net: RoadNetwork, edges: Map<Profile, Uint32Array>, nowMs: number): void {
  if (input.until !== undefined && Date.parse(input.until) <= nowMs) {
    throw new ValidationError([{ path: 'until', message: 'is in the past; a closure must end in the future' }]);
  }
  const graphs = net.graphsFor({ profile: input.profile ?? null, target: input.target });
  if (graphs.length === 0) throw new ValidationError([{ path: 'profile', message: `no ${input.profile} road graph is loaded` }]);
  if ('edge' in input.target && input.target.edge >= graphs[0]!.graph.edgeCount) {
    throw new ValidationError([{ path: 'target.edge', message: `no road segment ${input.target.edge}; the ${graphs[0]!.profile} graph has ${graphs[0]!.graph.edgeCount} edges` }]);
  }
  if (![...edges.values()].some((list) => list.length > 0)) {
    throw new ValidationError([{ path: 'target', message: `${describeTarget(input.target)} covers no road in the loaded map` }]);
  }
}

/** Records a closure and applies it to the road network. A retry with the same id returns the stored one. Precondition: input parsed by ClosureCreate. */
export async function createClosure(ctx: AppContext, actor: Actor, input: ClosureCreate): Promise<Created<Closure>> {
  const net = await ctx.roads.ready();
  const stored = {
    kind: input.kind,
    target: JSON.stringify(input.target),
    factor: input.factor ?? null,
    reason: input.reason,
    note: input.note ?? null,
    until: input.until === undefined ? null : new Date(input.until).toISOString(),
    profile: input.profile ?? null,
  };
  const result = await retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const prior = await tx.db.selectFrom('closures').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (isReplay('closure', input.id, prior, stored)) return { row: prior!, edges: undefined };
      const graphId = 'edge' in input.target ? (net.graphsFor({ profile: stored.profile as Profile | null, target: input.target })[0]?.graphId ?? null) : null;
      const row: Row = { id: input.id, ...stored, graph_id: graphId, created_by: actor.userId, created_at: tx.at, lifted_at: null, lifted_by: null };
      const edges = net.resolve(specOf(row));
      checkNew(input, net, edges, Date.parse(tx.at));
      await tx.db.insertInto('closures').values(row).execute();
      const applied = Object.fromEntries([...edges].map(([p, list]) => [p, list.length]));
      await tx.emit({ type: 'closure.created', subjectType: 'closure', subjectId: input.id, data: { ...stored, target: input.target, applied_edges: applied } });
      return { row, edges };
    }),
  );
  // A replayed create finds it applied already, or (after a restart) applies it now: apply is idempotent.
  if (result.row.lifted_at === null) net.apply(specOf(result.row), result.edges);
  ctx.roads.reschedule();
  return { record: closureOf(result.row, net), created: result.edges !== undefined };
}

/** Lifts a closure (DELETE). Lifting one already lifted or expired returns it unchanged. Throws NotFoundError. Precondition: none. */
export async function liftClosure(ctx: AppContext, actor: Actor, id: string): Promise<Closure> {
  const net = await ctx.roads.ready();
  const row = await inTransaction(ctx, actor, async (tx) => {
    const found = await tx.db
      .selectFrom('closures')
      .selectAll()
      .where('id', '=', id)
      .$if(ctx.storage.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!found) throw new NotFoundError('closure', id);
    if (found.lifted_at !== null) return found;
    const lifted = { ...found, lifted_at: tx.at, lifted_by: actor.userId };
    await tx.db.updateTable('closures').set({ lifted_at: tx.at, lifted_by: actor.userId }).where('id', '=', id).execute();
    await tx.emit({ type: 'closure.lifted', subjectType: 'closure', subjectId: id, data: { kind: found.kind, target: JSON.parse(found.target) as unknown, reason: found.reason } });
    return lifted;
  });
  net.lift(id);
  ctx.roads.reschedule();
  return closureOf(row, net);
}

/** Active closures (not lifted, not past their end), newest first; with `all`, every closure ever made. Precondition: none. */
export async function listClosures(ctx: AppContext, options: { all: boolean; limit: number }): Promise<Closure[]> {
  const net = await ctx.roads.ready();
  const now = ctx.now().toISOString();
  let q = ctx.storage.db.selectFrom('closures').selectAll();
  if (!options.all) q = q.where('lifted_at', 'is', null).where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]));
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map((r) => closureOf(r, net));
}

/**
 * Records the expiry of every closure whose end has passed (a closure.expired event each, lifted_by
 * 'system') and lifts it from the network; returns their ids. Precondition: the network is loaded.
 */
export async function expireDueClosures(ctx: AppContext, net: RoadNetwork): Promise<string[]> {
  const now = ctx.now().toISOString();
  const due = await ctx.storage.db
    .selectFrom('closures')
    .select(['id', 'until'])
    .where('lifted_at', 'is', null)
    .where('until', '<=', now)
    .execute();
  const expired: string[] = [];
  for (const { id, until } of due) {
    const done = await inTransaction(ctx, SYSTEM_ACTOR, async (tx) => {
      // Only the first of two racing sweeps (or a sweep racing a DELETE) records the end.
      const r = await tx.db.updateTable('closures').set({ lifted_at: until, lifted_by: SYSTEM_ACTOR.userId }).where('id', '=', id).where('lifted_at', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      await tx.emit({ type: 'closure.expired', subjectType: 'closure', subjectId: id, data: { until } });
      return true;
    });
    net.lift(id);
    if (done) expired.push(id);
  }
  return expired;
}

/** Applies every closure not yet lifted, as at start-up; returns how many. Precondition: a freshly loaded network. */
export async function replayClosures(ctx: AppContext, net: RoadNetwork): Promise<number> {
  const rows = await ctx.storage.db.selectFrom('closures').selectAll().where('lifted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
  // Those already past their end are applied too; the first sweep records their expiry moments later.
  for (const row of rows) net.apply(specOf(row));
  return rows.length;
}
