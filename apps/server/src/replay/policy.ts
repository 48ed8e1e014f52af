// How a replay chooses units: by road travel time (our recommendations), or by straight-line distance, the
// choice many dispatch systems make. Both cover the same needs with the same matching; only the order differs.
import { haversineMeters, type Incident } from '@civdef/core';
import { fills, suggest } from '../dispatch/match.js';
import { needsOf } from '../dispatch/needs.js';
import type { AppContext } from '../services/context.js';
import { assignedCapabilities, freeUnits, recommendFor } from '../services/recommendations.js';
import type { Policy } from './policies.js';

/** The units a policy sends to an incident now, leaving out those in `skip`. Precondition: the incident is open. */
export async function chooseUnits(ctx: AppContext, policy: Policy, incident: Incident, skip: ReadonlySet<string>): Promise<string[]> {
  if (policy === 'road-time') return (await recommendFor(ctx, incident, { limit: 1, exclude: skip })).suggested;
  const needs = needsOf(incident);
  const candidates = (await freeUnits(ctx.storage.db))
    .filter((u) => !skip.has(u.id) && fills(needs, u.capabilities).length > 0)
    .map((u) => ({ ...u, d: haversineMeters(u.lat, u.lon, incident.lat, incident.lon) }))
    .sort((a, b) => a.d - b.d);
  return suggest(needs, await assignedCapabilities(ctx.storage.db, incident.id), candidates).picked.map((u) => u.id);
}
