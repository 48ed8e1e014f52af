// What dispatch does by itself once a change has committed, in the order the changes were made:
// - a new incident is sent the best units of the centres whose policy says so;
// - a unit that goes out of service on the way (its assignment released "out-of-service: ...") raises a
//   dispatch.alert on its incident with fresh recommendations, then auto-dispatch replaces it where allowed.
// It follows the event bus, so every path that changes a unit (API, CLI, sync) is covered. The follow-up
// runs after the change commits: a crash between the two loses the alert (the release itself is recorded).
import { ConflictError, newUlid, type DomainEvent, type Recommendations } from '@civdef/core';
import type { EventBus } from '../events/bus.js';
import { SYSTEM_ACTOR, type AppContext } from './context.js';
import { autoDispatchCentres } from './dispatch-policy.js';
import { dispatchUnit } from './dispatch-unit.js';
import { getIncident } from './incidents.js';
import { recommendFor } from './recommendations.js';
import { inTransaction } from './transaction.js';

export interface DispatchWatcher {
  /** Resolves once every follow-up of the events published so far has run. */
  idle(): Promise<void>;
  /** Stops following and waits for the follow-up under way. */
  stop(): Promise<void>;
}

/** Sends the centres' own units to an incident as far as their auto-dispatch policies allow. Precondition: none. */
export async function autoDispatch(ctx: AppContext, incidentId: string, why: string): Promise<string[]> {
  const centres = await autoDispatchCentres(ctx);
  if (centres.size === 0) return [];
  const incident = await getIncident(ctx, incidentId);
  if (incident.status === 'closed') return [];
  const rec = await recommendFor(ctx, incident, { limit: 1, centres: new Set(centres.keys()) });
  const sent = await ctx.storage.db
    .selectFrom('assignments')
    .innerJoin('units', 'units.id', 'assignments.unit_id')
    .select('units.centre_id')
    .where('assignments.incident_id', '=', incidentId)
    .where('assignments.released_at', 'is', null)
    .execute();
  const perCentre = new Map<string, number>();
  for (const s of sent) perCentre.set(s.centre_id, (perCentre.get(s.centre_id) ?? 0) + 1);
  const assigned: string[] = [];
  for (const unitId of rec.suggested) {
    const centre = rec.items.find((i) => i.unit_id === unitId)!.centre_id;
    if ((perCentre.get(centre) ?? 0) >= centres.get(centre)!) continue;
    try {
      await dispatchUnit(ctx, SYSTEM_ACTOR, incidentId, { id: newUlid(), unit_id: unitId, note: `auto-dispatch: ${why}` });
      perCentre.set(centre, (perCentre.get(centre) ?? 0) + 1);
      assigned.push(unitId);
    } catch (err) {
      // A dispatcher took the unit a moment ago: not a failure of the policy.
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  return assigned;
}

const brief = (rec: Recommendations) =>
  rec.suggested.map((id) => {
    const i = rec.items.find((x) => x.unit_id === id)!;
    return { unit_id: id, name: i.name, eta_s: i.eta_s };
  });

/** Alerts the dispatcher that a unit on its way to the incident went out of service, with fresh recommendations. */
async function unitLost(ctx: AppContext, e: DomainEvent): Promise<void> {
  const unitId = String(e.data.unit_id);
  const reason = String(e.data.reason).replace(/^out-of-service: /, '');
  const incident = await getIncident(ctx, e.subject_id);
  const unit = await ctx.storage.db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
  let rec: Recommendations | null = null;
  let problem: string | null = null;
  if (incident.status !== 'closed') {
    try {
      rec = await recommendFor(ctx, incident, { limit: 5 });
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
  }
  const uncovered = rec ? rec.needs.filter((n) => n.missing > 0).map((n) => ({ capability: n.capability, missing: n.missing })) : [];
  await inTransaction(ctx, SYSTEM_ACTOR, (tx) =>
    tx.emit({
      type: 'dispatch.alert',
      subjectType: 'incident',
      subjectId: incident.id,
      data: {
        alert: 'unit-lost',
        incident_id: incident.id,
        unit_id: unitId,
        reason,
        detail: `${unit?.name ?? unitId} is out of service (${reason}) and no longer going to this incident${uncovered.length ? `; uncovered: ${uncovered.map((u) => u.capability).join(', ')}` : ''}`,
        uncovered,
        recommended: rec ? brief(rec) : [],
        problem,
      },
    }),
  );
  await autoDispatch(ctx, incident.id, `replacing ${unit?.name ?? unitId} (${reason})`);
}

function followUpOf(ctx: AppContext, e: DomainEvent): (() => Promise<unknown>) | null {
  if (e.type === 'incident.reported') return () => autoDispatch(ctx, e.subject_id, 'new incident');
  if (e.type === 'assignment.released' && String(e.data.reason).startsWith('out-of-service')) return () => unitLost(ctx, e);
  return null;
}

/** Follows the bus and runs the follow-ups one after another. Precondition: ctx fully wired (roads, dispatch). */
export function startDispatchWatcher(ctx: AppContext, bus: EventBus): DispatchWatcher {
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const unsubscribe = bus.subscribe((e) => {
    const job = stopped ? null : followUpOf(ctx, e);
    if (!job) return;
    chain = chain
      .then(() => (stopped ? undefined : job()))
      .catch((err: unknown) => ctx.log.error({ err, event: e.seq, type: e.type }, 'dispatch follow-up failed'));
  });
  return {
    async idle() {
      let seen: Promise<unknown>;
      do {
        seen = chain;
        await seen;
      } while (seen !== chain);
    },
    async stop() {
      stopped = true;
      unsubscribe();
      await chain;
    },
  };
}
