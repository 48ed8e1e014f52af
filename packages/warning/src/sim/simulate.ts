// A raid over a city, flown in simulated time: sorties from the bases, spotters' sightings, strike reports,
// and the engine deciding alerts as the sightings arrive. Deterministic for a seed.
import type { AircraftType } from '@civdef/core';
import type { AlertDecision } from '../alerts/alert-book.js';
import { WarningEngine, type EngineOptions } from '../engine.js';
import { destination, dist } from '../geo/angles.js';
import type { DoubleTapAdvisory } from '../forecast/double-tap.js';
import type { Prior } from '../prior/prior.js';
import type { ZoneSet } from '../zones/zone.js';
import { Prng } from './prng.js';
import { score, type Score } from './score.js';
import { planSortie, type Base, type SimStrike, type SortieOptions, type Sortie } from './sorties.js';
import { placePosts, sightingsOf, type SimSighting } from './spotters.js';

export interface RaidOptions extends SortieOptions {
  zones: ZoneSet;
  prior: Prior;
  /** Default: defaultBases(zones). */
  bases?: Base[];
  seed: number;
  /** Stop planning sorties once this many strikes are planned; default 200. */
  strikes?: number;
  /** Epoch ms of the first take-off; default 2026-01-01T06:00Z. */
  start?: number;
  /** Mean minutes between take-offs; default 6. */
  meanGapMin?: number;
  engine?: EngineOptions;
  /** How often the engine refreshes its forecasts between sightings; default 30 s. */
  tickMs?: number;
}

export interface RaidReport extends Score {
  seed: number;
  sorties: number;
  sightings: number;
  decisions: AlertDecision[];
  advisories: DoubleTapAdvisory[];
  /** Double-tap strikes, and those inside an advisory raised before them. */
  doubleTaps: number;
  doubleTapsAdvised: number;
  /** The strike figures per aircraft type (types that struck), scored over that type's strikes alone. */
  byType: Partial<Record<AircraftType, TypeScore>>;
}

export type TypeScore = Pick<Score, 'strikes' | 'hitRate' | 'medianLeadMin' | 'visible5' | 'visible5MedianLeadMin' | 'visible5ShareLead5'>;

/** Four bases around a city (as in the north of Syria: helicopters from the south-west, jets from the south and east, drones close by). */
export function defaultBases(set: ZoneSet): Base[] {
  const at = (name: string, bearing: number, km: number, types: AircraftType[]): Base => ({ name, ...set.projection.toLatLon(destination({ x: 0, y: 0 }, bearing, km * 1000)), types });
  return [
    at('South-west airbase', 215, 40, ['helicopter']),
    at('South airbase', 190, 90, ['jet', 'helicopter']),
    at('East airbase', 95, 45, ['jet']),
    at('North-west drone site', 300, 20, ['drone']),
  ];
}

const MIX: Record<AircraftType, number> = { helicopter: 0.45, jet: 0.45, drone: 0.1, unknown: 0 };
const TYPES: AircraftType[] = ['helicopter', 'jet', 'drone', 'unknown'];

type Event = { t: number; order: number } & ({ kind: 'sighting'; s: SimSighting } | { kind: 'strike'; strike: SimStrike; reportedAt: number } | { kind: 'tick' });

/** Flies the raid and scores the engine's alerts. Precondition: prior built on zones; bases fly every type in the mix. */
export function simulateRaid(o: RaidOptions): RaidReport {
  const rng = new Prng(o.seed);
  const bases = o.bases ?? defaultBases(o.zones);
  const mix = TYPES.map((t) => o.mix?.[t] ?? MIX[t]);
  const target = o.strikes ?? 200;
  const sorties: Sortie[] = [];
  let t = o.start ?? Date.UTC(2026, 0, 1, 6);
  for (let planned = 0; planned < target; ) {
    const s = planSortie(sorties.length, TYPES[rng.weighted(mix)]!, t, o.zones, o.prior, bases, rng, o);
    s.strikes.splice(target - planned);
    planned += s.strikes.length;
    sorties.push(s);
    t += Math.round(rng.exponential((o.meanGapMin ?? 6) * 60_000));
  }
  const posts = placePosts(rng, o.zones.radius, bases.map((b) => o.zones.projection.toXY(b.lat, b.lon)));
  let ids = 0;
  const nextId = () => `SIM${String(++ids).padStart(23, '0')}`;
  const sightings = sorties.flatMap((s) => sightingsOf(s, posts, o.zones.projection, rng, nextId));
  const strikes = sorties.flatMap((s) => s.strikes);
  const end = Math.max(...sorties.map((s) => s.end)) + 10 * 60_000;

  const events: Event[] = [];
  let order = 0;
  for (const s of sightings) events.push({ t: s.receivedAt, order: order++, kind: 'sighting', s });
  // Strike reports reach the operations room a minute or three after the blast.
  for (const strike of strikes) {
    const reportedAt = strike.time + rng.uniform(60, 180) * 1000;
    events.push({ t: reportedAt, order: order++, kind: 'strike', strike, reportedAt });
  }
  for (let k = o.start ?? Date.UTC(2026, 0, 1, 6); k <= end; k += (o.tickMs ?? 30_000)) events.push({ t: k, order: order++, kind: 'tick' });
  events.sort((a, b) => a.t - b.t || a.order - b.order);

  const engine = new WarningEngine(o.zones, o.prior, o.engine);
  const decisions: AlertDecision[] = [];
  const advisories: DoubleTapAdvisory[] = [];
  for (const e of events) {
    const out =
      e.kind === 'sighting'
        ? engine.sighting(e.s.sighting, e.t)
        : e.kind === 'strike'
          ? engine.strike({ ...o.zones.projection.toLatLon(e.strike.at), time: e.reportedAt })
          : engine.tick(e.t);
    decisions.push(...out.decisions);
    advisories.push(...out.advisories);
  }

  const firstSeen = new Map<number, number>();
  for (const s of sightings) firstSeen.set(s.sortie, Math.min(firstSeen.get(s.sortie) ?? Infinity, Date.parse(s.sighting.time)));
  const doubleTaps = strikes.filter((s) => s.doubleTap);
  const advised = doubleTaps.filter((s) => advisories.some((a) => a.time < s.time && s.time <= a.until && dist(o.zones.projection.toXY(a.lat, a.lon), s.at) <= a.radiusM));
  const byType: RaidReport['byType'] = {};
  for (const type of TYPES) {
    const mine = strikes.filter((x) => sorties[x.sortie]!.type === type);
    if (!mine.length) continue;
    const { strikes: n, hitRate, medianLeadMin, visible5, visible5MedianLeadMin, visible5ShareLead5 } = score(o.zones, mine, decisions, firstSeen, end);
    byType[type] = { strikes: n, hitRate, medianLeadMin, visible5, visible5MedianLeadMin, visible5ShareLead5 };
  }
  return {
    seed: o.seed,
    sorties: sorties.length,
    sightings: sightings.length,
    ...score(o.zones, strikes, decisions, firstSeen, end),
    decisions,
    advisories,
    doubleTaps: doubleTaps.length,
    doubleTapsAdvised: advised.length,
    byType,
  };
}
