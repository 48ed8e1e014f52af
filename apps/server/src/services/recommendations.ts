// Which free units to send to an incident: those that bring something it needs, ranked by road travel time
// from where each is now on today's roads (closures and slowdowns applied), each with its route, and the
// fastest set that covers what is still unmet. Units with no road to the site are listed, as unreachable.
import { ConflictError, type Incident, type Recommendation, type Recommendations, type Unit } from '@civdef/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { holdAdvisory } from '../dispatch/advisory.js';
import { coverage, fills, suggest } from '../dispatch/match.js';
import { needsOf, type Capability } from '../dispatch/needs.js';
import { profileOf, routeOn, travelTimesTo, type TravelTime } from '../dispatch/road-times.js';
import type { AppContext } from './context.js';
import { getIncident } from './incidents.js';

const tenth = (x: number) => Math.round(x * 10) / 10;

export interface FreeUnit {
  id: string;
  name: string;
  kind: Unit['kind'];
  centre_id: string;
  capabilities: Capability[];
  lat: number;
  lon: number;
}

/** Units available and assigned nowhere. Precondition: none. */
export async function freeUnits(db: Kysely<Database>): Promise<FreeUnit[]> {
  const rows = await db
    .selectFrom('units')
    .leftJoin('assignments', (j) => j.onRef('assignments.unit_id', '=', 'units.id').on('assignments.released_at', 'is', null))
    .select(['units.id', 'units.name', 'units.kind', 'units.centre_id', 'units.capabilities', 'units.lat', 'units.lon'])
    .where('units.status', '=', 'available')
    .where('assignments.id', 'is', null)
    .orderBy('units.name')
    .execute();
  return rows.map((r) => ({ ...r, kind: r.kind as Unit['kind'], capabilities: JSON.parse(r.capabilities) as Capability[] }));
}

/** The capabilities of each unit assigned to the incident now. Precondition: none. */
export async function assignedCapabilities(db: Kysely<Database>, incidentId: string): Promise<Capability[][]> {
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('units', 'units.id', 'assignments.unit_id')
    .select('units.capabilities')
    .where('assignments.incident_id', '=', incidentId)
    .where('assignments.released_at', 'is', null)
    .execute();
  return rows.map((r) => JSON.parse(r.capabilities) as Capability[]);
}

export interface RecommendOptions {
  /** Units listed, each with its route (the suggested ones are always listed). */
  limit: number;
  /** Consider only units of these centres (auto-dispatch); all when absent. */
  centres?: ReadonlySet<string>;
  /** Leave these units out (a replay's units found unable to get there). */
  exclude?: ReadonlySet<string>;
}

const order = (t: TravelTime) => (t.reachable ? t.etaS : Infinity);

/** Recommendations for an open incident. Throws NotFoundError, or ConflictError when it is closed. Precondition: limit >= 1. */
export async function recommend(ctx: AppContext, incidentId: string, options: RecommendOptions): Promise<Recommendations> {
  const incident = await getIncident(ctx, incidentId);
  if (incident.status === 'closed') {
    throw new ConflictError(`Incident ${incidentId} is closed; reopen it before dispatching to it`, { incident_id: incidentId });
  }
  return recommendFor(ctx, incident, options);
}

/** Recommendations for an incident as read. Throws NoRoadNearbyError when the incident is off the roads. Precondition: limit >= 1. */
export async function recommendFor(ctx: AppContext, incident: Incident, options: RecommendOptions): Promise<Recommendations> {
  const now = ctx.now();
  const needs = needsOf(incident);
  const assigned = await assignedCapabilities(ctx.storage.db, incident.id);
  const unmet = new Set(coverage(needs, assigned).filter((c) => c.missing > 0).map((c) => c.capability));
  const free = (await freeUnits(ctx.storage.db)).filter(
    (u) => fills(needs, u.capabilities).length > 0 && (!options.centres || options.centres.has(u.centre_id)) && !options.exclude?.has(u.id),
  );
  const net = await ctx.roads.ready();
  const times = travelTimesTo(net, now.getTime(), incident, free.map((u) => ({ id: u.id, lat: u.lat, lon: u.lon, profile: profileOf(u.kind) })));
  const ranked = free
    .map((u) => ({ u, t: times.get(u.id)!, urgent: u.capabilities.some((c) => unmet.has(c)) }))
    .sort((a, b) => Number(b.urgent) - Number(a.urgent) || order(a.t) - order(b.t) || a.u.name.localeCompare(b.u.name));
  const reachable = ranked.filter((r) => r.t.reachable).sort((a, b) => order(a.t) - order(b.t));
  const { picked, coverage: after } = suggest(needs, assigned, reachable.map((r) => ({ ...r, capabilities: r.u.capabilities })));
  const pickedIds = new Set(picked.map((p) => p.u.id));
  const listed = ranked.filter((r, i) => i < options.limit || pickedIds.has(r.u.id));
  const hazards = await ctx.dispatch.hazards.hazardsAt(incident, now);
  const items: Recommendation[] = listed.map(({ u, t }) => {
    const found = t.reachable ? routeOn(net, now.getTime(), profileOf(u.kind), u, incident) : null;
    const route = found ? found.answer.geometry : null;
    return {
      unit_id: u.id,
      name: u.name,
      kind: u.kind,
      centre_id: u.centre_id,
      capabilities: u.capabilities,
      fills: fills(needs, u.capabilities),
      profile: profileOf(u.kind),
      reachable: t.reachable,
      reason: t.reachable ? null : t.reason,
      eta_s: t.reachable ? tenth(t.etaS) : null,
      eta_at: t.reachable ? new Date(now.getTime() + t.etaS * 1000).toISOString() : null,
      distance_m: found ? found.answer.distance_m : null,
      route,
      from: { lat: u.lat, lon: u.lon, estimated: false },
      advisory: hazards[0] ? holdAdvisory(hazards[0], route?.coordinates ?? null) : null,
    };
  });
  return {
    incident_id: incident.id,
    at: now.toISOString(),
    needs: coverage(needs, assigned).map((c) => ({ capability: c.capability, count: c.count, assigned: c.assigned, missing: c.missing, reason: c.reason })),
    hazards,
    items,
    suggested: picked.map((p) => p.u.id),
    uncovered: after.filter((c) => c.missing > 0).map((c) => ({ capability: c.capability, missing: c.missing })),
  };
}
