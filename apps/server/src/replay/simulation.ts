// A replay: historical calls fed through the system's own services on a clock of the replay's own, with
// units responding at the router's travel times. Each call becomes an incident report (merged like any
// other); the policy picks units; each goes en route, arrives after its road travel time, works on scene,
// returns to its centre and is available again. An incident no unit can be sent to waits, in board order,
// for the next unit back. The figure is the response time: from the call to the first unit on scene.
// Units do not wait out hold advisories here, and a call is answered in full or not at all: the needs a
// first wave leaves uncovered are not filled later.
import { newUlid, NotFoundError, type Incident, type Unit } from '@civdef/core';
import { NoRoadNearbyError } from '@civdef/router';
import { byPriority } from '../dispatch/priority.js';
import { profileOf, travelTimesTo } from '../dispatch/road-times.js';
import { quantile } from '../reports/stats.js';
import type { Actor, AppContext } from '../services/context.js';
import { dispatchUnit } from '../services/dispatch-unit.js';
import { changeIncidentStatus, createIncident, getIncident } from '../services/incidents.js';
import { changeUnitStatus } from '../services/units.js';
import type { Policy } from './policies.js';
import { chooseUnits } from './policy.js';
import type { Call } from './scenario.js';

export interface ReplayOptions {
  policy: Policy;
  /** Replay seconds per wall-clock second; Infinity: as fast as the machine goes. */
  speed: number;
  /** How long a unit works on scene before it returns. */
  onSceneMinutes: number;
  actor: Actor;
  /** Told of each call as it is answered. */
  progress?: (line: string) => void;
}

export interface ReplayResult {
  policy: Policy;
  calls: number;
  incidents: number;
  /** Calls merged into an incident already open (the same blast reported twice). */
  merged: number;
  /** Incidents a unit reached, and those none ever did (no road to the site, or no unit that could go). */
  reached: number;
  unreached: number;
  /** Seconds from call to the first unit on scene, ascending. */
  responseS: number[];
  medianS: number | null;
  p90S: number | null;
  meanS: number | null;
}

interface UnitState {
  id: string;
  name: string;
  kind: Unit['kind'];
  home: { lat: number; lon: number };
}

type Happening =
  | { kind: 'arrive'; unitId: string; incidentId: string }
  | { kind: 'leave'; unitId: string; incidentId: string }
  | { kind: 'home'; unitId: string };

interface Pending {
  at: number;
  seq: number;
  what: Happening;
}

const minutes = (s: number) => `${(s / 60).toFixed(1)} min`;

/** Runs the calls against ctx (whose clock it takes over) and answers the response times. Precondition: ctx's units are all available at their centres. */
export async function runReplay(ctx: AppContext, calls: readonly Call[], o: ReplayOptions): Promise<ReplayResult> {
  const start = Math.floor(Date.now() / 1000) * 1000;
  let now = start;
  ctx.now = () => new Date(now);
  const wallStart = Date.now();
  const db = ctx.storage.db;
  const units = new Map<string, UnitState>(
    (await db.selectFrom('units').innerJoin('centres', 'centres.id', 'units.centre_id').select(['units.id', 'units.name', 'units.kind', 'centres.lat', 'centres.lon']).execute()).map(
      (u) => [u.id, { id: u.id, name: u.name, kind: u.kind as Unit['kind'], home: { lat: u.lat, lon: u.lon } }],
    ),
  );
  const pending: Pending[] = [];
  let seq = 0;
  const later = (delayS: number, what: Happening) => pending.push({ at: now + Math.round(delayS * 1000), seq: seq++, what });
  const callAt = new Map<string, number>();
  const firstArrival = new Map<string, number>();
  const waiting = new Set<string>();
  const active = new Map<string, Set<string>>(); // incident -> units assigned now
  let merged = 0;
  const offRoad = new Set<string>();

  const net = await ctx.roads.ready();
  /** The router's travel time from a unit's place to a point, or null when no road leads there. */
  const travel = (u: UnitState, from: { lat: number; lon: number }, to: { lat: number; lon: number }): number | null => {
    const t = travelTimesTo(net, now, to, [{ id: u.id, lat: from.lat, lon: from.lon, profile: profileOf(u.kind) }]).get(u.id)!;
    return t.reachable ? t.etaS : null;
  };

  /** Sends the policy's units to an incident; true if any went. */
  async function send(incident: Incident): Promise<boolean> {
    const skip = new Set<string>();
    const sent: string[] = [];
    for (let round = 0; round < 3; round++) {
      let picks: string[];
      try {
        picks = await chooseUnits(ctx, o.policy, incident, skip);
      } catch (err) {
        if (!(err instanceof NoRoadNearbyError)) throw err;
        offRoad.add(incident.id);
        return false;
      }
      let dropped = false;
      for (const unitId of picks) {
        const u = units.get(unitId)!;
        const eta = travel(u, u.home, incident);
        if (eta === null) {
          // The policy chose a unit with no road to the site: the dispatcher learns it and chooses again.
          skip.add(unitId);
          dropped = true;
          continue;
        }
        await dispatchUnit(ctx, o.actor, incident.id, { id: newUlid(), unit_id: unitId, note: `replay (${o.policy})` });
        await changeUnitStatus(ctx, o.actor, unitId, { id: newUlid(), status: 'en-route' });
        active.set(incident.id, (active.get(incident.id) ?? new Set()).add(unitId));
        later(eta, { kind: 'arrive', unitId, incidentId: incident.id });
        sent.push(`${u.name} ${minutes(eta)}`);
      }
      if (!dropped) break;
    }
    const m = Math.floor((now - start) / 60_000);
    const t = `+${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
    o.progress?.(`${t} ${incident.kind} ${incident.lat.toFixed(4)},${incident.lon.toFixed(4)}: ${sent.length ? `sent ${sent.join(', ')}` : 'no unit free, waiting'}`);
    return sent.length > 0;
  }

  async function call(c: Call): Promise<void> {
    const id = newUlid();
    const r = await createIncident(ctx, o.actor, {
      id,
      kind: c.kind,
      lat: c.lat,
      lon: c.lon,
      occurred_at: new Date(now).toISOString(),
      severity: c.severity,
      source: 'dispatcher',
      reporter: `replay line ${c.line}`,
      casualties: c.casualties ?? undefined,
    });
    if (r.merged) {
      merged++;
      return;
    }
    callAt.set(id, now);
    if (!(await send(r.record)) && !offRoad.has(id)) waiting.add(id);
  }

  async function happen(what: Happening): Promise<void> {
    const u = units.get(what.unitId)!;
    if (what.kind === 'arrive') {
      const incident = await getIncident(ctx, what.incidentId);
      await changeUnitStatus(ctx, o.actor, u.id, { id: newUlid(), status: 'on-scene', lat: incident.lat, lon: incident.lon });
      if (!firstArrival.has(incident.id)) firstArrival.set(incident.id, now);
      later(o.onSceneMinutes * 60, { kind: 'leave', unitId: u.id, incidentId: incident.id });
      return;
    }
    if (what.kind === 'leave') {
      const incident = await getIncident(ctx, what.incidentId);
      await changeUnitStatus(ctx, o.actor, u.id, { id: newUlid(), status: 'returning' });
      later(travel(u, incident, u.home) ?? 0, { kind: 'home', unitId: u.id });
      const left = active.get(incident.id)!;
      left.delete(u.id);
      if (left.size === 0) await changeIncidentStatus(ctx, o.actor, incident.id, { status: 'closed', note: 'replay: every unit has left' });
      return;
    }
    await changeUnitStatus(ctx, o.actor, u.id, { id: newUlid(), status: 'available', lat: u.home.lat, lon: u.home.lon });
    const queue = byPriority(await Promise.all([...waiting].map((id) => getIncident(ctx, id))));
    for (const incident of queue) if (await send(incident)) waiting.delete(incident.id);
  }

  const todo = [...calls].sort((a, b) => a.offsetMs - b.offsetMs);
  let next = 0;
  while (next < todo.length || pending.length) {
    const callTime = next < todo.length ? start + todo[next]!.offsetMs : Infinity;
    pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const at = Math.min(callTime, pending[0]?.at ?? Infinity);
    if (Number.isFinite(o.speed)) {
      const wait = wallStart + (at - start) / o.speed - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    now = at;
    // Units first at a tie: one back at its centre at the very moment of a call can take it.
    if (pending[0] && pending[0].at === at) await happen(pending.shift()!.what);
    else await call(todo[next++]!);
  }
  for (const id of [...waiting, ...offRoad]) await closeIfOpen(ctx, o.actor, id);

  const responseS = [...firstArrival].map(([id, t]) => (t - callAt.get(id)!) / 1000).sort((a, b) => a - b);
  return {
    policy: o.policy,
    calls: calls.length,
    incidents: callAt.size,
    merged,
    reached: responseS.length,
    unreached: callAt.size - responseS.length,
    responseS,
    medianS: quantile(responseS, 0.5),
    p90S: quantile(responseS, 0.9),
    meanS: responseS.length ? responseS.reduce((s, x) => s + x, 0) / responseS.length : null,
  };
}

async function closeIfOpen(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  try {
    await changeIncidentStatus(ctx, actor, id, { status: 'closed', note: 'replay: never reached' });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
}
