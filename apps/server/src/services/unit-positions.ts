// Where each unit is: its last fix from the field app, or, for a unit on the move (en route to an incident,
// returning to its centre) that has sent no fix since it set off, the point along its route it has reached
// by now at the router's travel times, marked estimated. A dispatched unit that has not reported leaving is
// taken to be where it was.
import type { Unit, UnitPosition, UnitStatus } from '@civdef/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { positionAlong, segmentSeconds } from '../dispatch/along-route.js';
import { profileOf, routeOn } from '../dispatch/road-times.js';
import type { RoadNetwork } from '../roads/network.js';
import type { AppContext } from './context.js';

const degrees = (x: number) => Math.round(x * 1e7) / 1e7;

interface Row {
  id: string;
  name: string;
  kind: string;
  status: string;
  lat: number;
  lon: number;
  position_at: string | null;
  created_at: string;
  incident_id: string | null;
  incident_lat: number | null;
  incident_lon: number | null;
  centre_lat: number;
  centre_lon: number;
}

async function rowsOf(db: Kysely<Database>, ids: readonly string[] | undefined): Promise<Row[]> {
  let q = db
    .selectFrom('units')
    .innerJoin('centres', 'centres.id', 'units.centre_id')
    .leftJoin('assignments', (j) => j.onRef('assignments.unit_id', '=', 'units.id').on('assignments.released_at', 'is', null))
    .leftJoin('incidents', 'incidents.id', 'assignments.incident_id')
    .select([
      'units.id', 'units.name', 'units.kind', 'units.status', 'units.lat', 'units.lon', 'units.position_at', 'units.created_at',
      'assignments.incident_id', 'incidents.lat as incident_lat', 'incidents.lon as incident_lon',
      'centres.lat as centre_lat', 'centres.lon as centre_lon',
    ]);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('units.id', 'in', ids);
  }
  return q.orderBy('units.name').execute();
}

/** Where a moving unit is heading: its incident when en route, its centre when returning; else nowhere. */
function destinationOf(r: Row): { lat: number; lon: number } | null {
  if (r.status === 'en-route' && r.incident_lat !== null && r.incident_lon !== null) return { lat: r.incident_lat, lon: r.incident_lon };
  if (r.status === 'returning') return { lat: r.centre_lat, lon: r.centre_lon };
  if ((r.status === 'dispatched' || r.status === 'on-scene') && r.incident_lat !== null && r.incident_lon !== null) return { lat: r.incident_lat, lon: r.incident_lon };
  return null;
}

/** When each unit entered its current status (the last change to it). */
async function enteredAt(db: Kysely<Database>, units: readonly Row[]): Promise<Map<string, string>> {
  if (units.length === 0) return new Map();
  const rows = await db
    .selectFrom('unit_status_changes')
    .select(['unit_id', 'to_status', (eb) => eb.fn.max('at').as('at')])
    .where('unit_id', 'in', units.map((u) => u.id))
    .groupBy(['unit_id', 'to_status'])
    .execute();
  const byUnit = new Map<string, string>();
  const status = new Map(units.map((u) => [u.id, u.status]));
  for (const r of rows) if (status.get(r.unit_id) === r.to_status) byUnit.set(r.unit_id, String(r.at));
  return byUnit;
}

/**
 * The position of a unit moving from its fix (taken at fixAt) since departedAt towards dest: along the current
 * fastest route at its travel times; the fix itself when it has not moved since or no route exists.
 * Precondition: ISO times; nowMs the clock's now.
 */
export function estimateAlongRoute(
  net: RoadNetwork,
  nowMs: number,
  kind: Unit['kind'],
  fix: { lat: number; lon: number; at: string },
  departedAt: string,
  dest: { lat: number; lon: number },
): { lat: number; lon: number; estimated: boolean } {
  const t0 = Math.max(Date.parse(fix.at), Date.parse(departedAt));
  const elapsedS = (nowMs - t0) / 1000;
  if (!(elapsedS > 0)) return { lat: fix.lat, lon: fix.lon, estimated: false };
  const found = routeOn(net, nowMs, profileOf(kind), fix, dest);
  if (!found) return { lat: fix.lat, lon: fix.lon, estimated: false };
  const [lon, lat] = positionAlong(found.route.geometry, segmentSeconds(found.route, found.graph.weights), elapsedS);
  return { lat: degrees(lat), lon: degrees(lon), estimated: true };
}

/** Positions of the given units (every unit when ids is undefined), estimated where they move unreported. Precondition: none. */
export async function unitPositions(ctx: AppContext, ids?: readonly string[]): Promise<UnitPosition[]> {
  const rows = await rowsOf(ctx.storage.db, ids);
  const now = ctx.now();
  const moving = rows.filter((r) => r.status === 'en-route' || r.status === 'returning');
  const entered = await enteredAt(ctx.storage.db, moving);
  const net = moving.length ? await ctx.roads.ready() : null;
  return rows.map((r) => {
    const fix = { lat: r.lat, lon: r.lon, at: r.position_at ?? r.created_at };
    const dest = destinationOf(r);
    const departed = entered.get(r.id);
    const pos = net && dest && departed && moving.includes(r) ? estimateAlongRoute(net, now.getTime(), r.kind as Unit['kind'], fix, departed, dest) : { ...fix, estimated: false };
    return {
      unit_id: r.id,
      name: r.name,
      kind: r.kind as UnitPosition['kind'],
      status: r.status as UnitStatus,
      lat: pos.lat,
      lon: pos.lon,
      estimated: pos.estimated,
      at: pos.estimated ? now.toISOString() : fix.at,
      fix,
      heading_to: dest,
      incident_id: r.incident_id,
    };
  });
}
