// Which zones an alert names: the likeliest zones the aircraft can reach within the horizon, until they
// cover enough of the forecast probability, few enough to be believed.
import type { TrackForecast, ZoneForecast } from '../forecast/forecast.js';

export interface AlertPolicy {
  /** Up to this many zones on the aircraft's path just ahead (or under its circle); default 3. */
  maxImminent: number;
  /** Add imminent zones until they hold this share of the path ahead; default 0.7. */
  imminentCoverage: number;
  /** An imminent zone needs at least this share of the path ahead; default 0.1. */
  minImminent: number;
  /** ... and at least this probability of being the target (flying over a zone is not striking it); default 0. */
  minImminentProbability: number;
  /** Only zones the aircraft may reach within this many minutes; default 10. */
  horizonMin: number;
  /** Stop adding zones once they hold this share of the probability; default 0.9. */
  coverage: number;
  /** At most this many zones at once, within the alert's budget (meanZones); default 6. */
  maxZones: number;
  /** A zone below this probability is never added; default 0.02. */
  minProbability: number;
  /** A zone already warned weighs this much more when ranking, so warnings do not flicker; default 4. */
  stickiness: number;
  /** A warned zone drops out below this probability; default 0.01. */
  keepProbability: number;
  /** The all clear waits until no zone has been at risk for this long; default 60 s. */
  allClearAfterMs: number;
  /**
   * A warned zone the aircraft may reach within this long keeps its place whatever else turns likelier; default
   * 3 min. Zones dropped in the last minute before the aircraft got there were the largest share of missed strikes.
   */
  holdMs: number;
  /** Slots the held zones leave free for the path just ahead and new targets; default 1. */
  holdFree: number;
  /**
   * Each alert names at most this many zones per message on average over its messages so far, default 4: a
   * running budget, so a message may name up to maxZones when the alert's earlier messages named fewer.
   */
  meanZones: number;
}

/** What an alert has published so far: its messages (issue or update) and the zones they named, summed. */
export interface Spent {
  messages: number;
  zones: number;
}

// Chosen on the raid simulator (seeds 1-5) to keep zones per message under 4 while catching most strikes (each
// alert's mean within 4 by its budget, up to 6 in a message). A zone stays named unless a rival is four times likelier (names that come and go cost people their lead time),
// or at all while the aircraft may reach it within 3 minutes; the path just ahead earns a slot only where a
// strike is plausible, not wherever the aircraft passes.
export const DEFAULT_POLICY: AlertPolicy = {
  maxImminent: 3,
  imminentCoverage: 0.7,
  minImminent: 0.1,
  minImminentProbability: 0.02,
  horizonMin: 10,
  coverage: 0.9,
  maxZones: 6,
  minProbability: 0.02,
  stickiness: 4,
  keepProbability: 0.01,
  allClearAfterMs: 60_000,
  holdMs: 180_000,
  holdFree: 1,
  meanZones: 4,
};

/**
 * How many zones the next message of an alert may name: maxZones, within what the alert's earlier messages left
 * of its budget of meanZones per message, so its mean stays within meanZones whatever comes. A message naming
 * fewer (its likeliest zones already cover the forecast) saves slots for later ones that need more.
 * Precondition: spent counts only this alert's published messages, each named within its own cap.
 */
export function zoneCap(spent: Spent, p: AlertPolicy): number {
  return Math.max(0, Math.min(p.maxZones, Math.floor(p.meanZones * (spent.messages + 1) + 1e-9) - spent.zones));
}

/**
 * The zones to warn now for one forecast, given those warned already: first the warned zones the aircraft may
 * reach within holdMs that are still plausible (held), then those on the path just ahead (a strike there would
 * come before the next update), then the likeliest targets within the horizon, at most maxZones in all.
 * Precondition: forecast.zones sorted by probability.
 */
export function selectZones(f: TrackForecast, warned: ReadonlySet<number>, p: AlertPolicy): ZoneForecast[] {
  const held = heldZones(f, warned, p);
  if (!held.length) return selectFresh(f, warned, p);
  const taken = new Set(held.map((z) => z.zone));
  const room = p.maxZones - held.length;
  const rest = selectFresh({ ...f, zones: f.zones.filter((z) => !taken.has(z.zone)) }, warned, { ...p, maxZones: room, maxImminent: Math.min(p.maxImminent, room) });
  return [...held, ...rest].sort(byProbability);
}

const byProbability = (a: ZoneForecast, b: ZoneForecast) => b.probability - a.probability || a.zone - b.zone;

// Arrival-window aware: a zone warned earlier whose window is open or about to open is where people are taking
// shelter now; swapping it for a likelier rival a minute before the aircraft arrives cost more strikes than it caught.
function heldZones(f: TrackForecast, warned: ReadonlySet<number>, p: AlertPolicy): ZoneForecast[] {
  if (p.holdMs <= 0 || !warned.size) return [];
  const weight = (z: ZoneForecast) => Math.max(z.probability, z.imminent);
  return f.zones
    .filter((z) => warned.has(z.zone) && z.earliest <= f.time + p.holdMs && z.latest >= f.time && (z.probability >= p.keepProbability || z.imminent >= p.minImminent))
    .sort((a, b) => weight(b) - weight(a) || a.zone - b.zone)
    .slice(0, Math.max(0, p.maxZones - p.holdFree));
}

function selectFresh(f: TrackForecast, warned: ReadonlySet<number>, p: AlertPolicy): ZoneForecast[] {
  const imminent: ZoneForecast[] = [];
  let onPath = 0;
  for (const z of [...f.zones].sort((a, b) => b.imminent - a.imminent || a.zone - b.zone)) {
    if (imminent.length >= Math.min(p.maxImminent, p.maxZones) || onPath >= p.imminentCoverage || z.imminent < p.minImminent) break;
    if (z.probability < p.minImminentProbability) continue;
    imminent.push(z);
    onPath += z.imminent;
  }
  const targets = selectTargets(f, warned, p, new Set(imminent.map((z) => z.zone)));
  return [...imminent, ...targets.slice(0, p.maxZones - imminent.length)].sort(byProbability);
}

function selectTargets(f: TrackForecast, warned: ReadonlySet<number>, p: AlertPolicy, taken: ReadonlySet<number>): ZoneForecast[] {
  const due = f.time + p.horizonMin * 60_000;
  const candidates = f.zones
    .filter((z) => !taken.has(z.zone) && z.earliest <= due && z.probability >= (warned.has(z.zone) ? p.keepProbability : p.minProbability))
    .map((z) => ({ z, rank: z.probability * (warned.has(z.zone) ? p.stickiness : 1) }))
    .sort((a, b) => b.rank - a.rank || a.z.zone - b.z.zone);
  const chosen: ZoneForecast[] = [];
  let covered = f.zones.filter((z) => taken.has(z.zone)).reduce((s, z) => s + z.probability, 0);
  for (const { z } of candidates) {
    if (chosen.length >= p.maxZones || covered >= p.coverage) break;
    chosen.push(z);
    covered += z.probability;
  }
  return chosen;
}
