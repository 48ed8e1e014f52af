// Sending one unit: the assignment itself (services/incidents.ts), and, when the site lies in a hazard (a
// strike moments ago), a hold advisory with a staging point on the unit's route, recorded as an event in
// the same transaction and given in the answer.
import { type AssignmentAnswer, type HoldAdvisory, type Unit } from '@civdef/core';
import { holdAdvisory } from '../dispatch/advisory.js';
import { profileOf, routeOn } from '../dispatch/road-times.js';
import type { Actor, AppContext } from './context.js';
import { assignUnit } from './incidents.js';
import type { Created } from './organisation.js';

/** The hold advisory for a unit sent to an incident now, or null (no hazard there, or either one missing). Precondition: none. */
export async function advisoryFor(ctx: AppContext, incidentId: string, unitId: string): Promise<HoldAdvisory | null> {
  const db = ctx.storage.db;
  const incident = await db.selectFrom('incidents').select(['lat', 'lon']).where('id', '=', incidentId).executeTakeFirst();
  const unit = await db.selectFrom('units').select(['kind', 'lat', 'lon']).where('id', '=', unitId).executeTakeFirst();
  if (!incident || !unit) return null;
  const now = ctx.now();
  const [hazard] = await ctx.dispatch.hazards.hazardsAt(incident, now);
  if (!hazard) return null;
  let geometry: [number, number][] | null = null;
  try {
    const net = await ctx.roads.ready();
    geometry = routeOn(net, now.getTime(), profileOf(unit.kind as Unit['kind']), unit, incident)?.answer.geometry.coordinates ?? null;
  } catch (err) {
    // The advisory stands without a staging point: a road network that will not load must not stop a dispatch.
    ctx.log.warn({ err, incident: incidentId, unit: unitId }, 'no route for the staging point of a hold advisory');
  }
  return holdAdvisory(hazard, geometry);
}

/**
 * Assigns a unit to an incident (refused as assignUnit refuses) and records a hold advisory with it when the
 * site is in a hazard. A retry answers the stored assignment with the advisory as it stands now.
 */
export async function dispatchUnit(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  input: { id: string; unit_id: string; note?: string | undefined },
): Promise<Created<AssignmentAnswer>> {
  const advisory = await advisoryFor(ctx, incidentId, input.unit_id);
  const done = await assignUnit(ctx, actor, incidentId, input, async (tx, a) => {
    if (!advisory) return;
    await tx.emit({
      type: 'dispatch.hold-advisory',
      subjectType: 'incident',
      subjectId: incidentId,
      data: { assignment_id: a.id, unit_id: a.unit_id, ...advisory },
    });
  });
  return { record: { ...done.record, advisory }, created: done.created };
}

