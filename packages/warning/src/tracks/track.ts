import type { AircraftType } from '@civdef/core';
import { AIRCRAFT } from './aircraft.js';
import { fitCircleCentre } from './circle-fit.js';
import { predict, type KalmanState } from './kalman.js';

export type TrackEnd = 'silent' | 'left' | 'merged';

/** One aircraft's path, made of the sightings joined to it. */
export interface Track {
  /** The id of its first sighting. */
  id: string;
  type: AircraftType;
  /** Sightings per reported type: the track's type is the most reported known one. */
  votes: Partial<Record<AircraftType, number>>;
  started: number;
  lastSeen: number;
  /** The filter's state at time `at` (its last sighting). */
  state: KalmanState;
  at: number;
  sightings: number;
  /** When spotters reported it circling (the last few). */
  circlingReports: number[];
  /** Where it was seen while circling (positions and variances), to find the circle's centre. */
  circleFixes: { time: number; x: number; y: number; variance: number }[];
  ended?: { time: number; reason: TrackEnd; into?: string };
  /** Strikes reported near it while it flew: aircraft come back to strike the same site (double tap). */
  strikeSites: { x: number; y: number; time: number }[];
  /** Where the filter put it after each sighting, oldest first: its recent path for a map (at most TRAIL_POINTS). */
  trail: TrailPoint[];
}

export interface TrailPoint {
  time: number;
  x: number;
  y: number;
}

/** How many past positions a track keeps: about half an hour of sightings a minute apart. */
export const TRAIL_POINTS = 32;

/** The trail with p added in time order, the oldest dropped beyond TRAIL_POINTS. Precondition: trail sorted by time. */
export function withTrailPoint(trail: readonly TrailPoint[], p: TrailPoint): TrailPoint[] {
  let i = trail.length;
  while (i > 0 && trail[i - 1]!.time > p.time) i--;
  return [...trail.slice(0, i), p, ...trail.slice(i)].slice(-TRAIL_POINTS);
}

/** How long a circling report holds: a circling aircraft's heading says nothing of where it will go. */
export const CIRCLING_HOLD_MS = 3 * 60_000;

/** Whether two reports within CIRCLING_HOLD_MS before now say it circles: one could belong to another aircraft. */
export function isCircling(track: Track, now: number): boolean {
  let n = 0;
  for (const t of track.circlingReports) if (now - t <= CIRCLING_HOLD_MS && t <= now) n++;
  return n >= 2;
}

/**
 * Process noise by type: about 15% of the cruise speed of velocity change in a minute, one s.d. (turns, dog-legs).
 * Twice that forgot an aircraft's heading between sightings a minute apart, and the cone stayed too wide to name
 * the zones on a straight run in; half of it lagged behind turns (measured on the raid simulator).
 */
export function processNoise(type: AircraftType): number {
  return (0.15 * AIRCRAFT[type].speed) ** 2 / 60;
}

/** The track's state at `now`, dead-reckoned from the time of its state (backwards too, for late reports). */
export function stateAt(track: Track, now: number): KalmanState {
  return predict(track.state, (now - track.at) / 1000, processNoise(track.type));
}

/** The standard deviation of the state's heading in degrees (Infinity when it is not moving). */
export function headingSdDeg(s: KalmanState): number {
  const [vx, vy] = [s.x[2]!, s.x[3]!];
  const v = Math.hypot(vx, vy);
  if (v === 0) return Infinity;
  const [ux, uy] = [vx / v, vy / v];
  const across = s.P[10]! * uy * uy - 2 * s.P[11]! * ux * uy + s.P[15]! * ux * ux;
  return (Math.sqrt(Math.max(0, across)) / v) * (180 / Math.PI);
}

/** How far back circling fixes count toward the circle's centre. */
const CIRCLE_WINDOW_MS = 5 * 60_000;

/**
 * The centre of the circle a circling track flies, as the weighted mean of its recent fixes (sightings all round
 * the circle average out to its middle), with the centre's s.d.; undefined without fixes. Each fix stands for the
 * centre give or take the circle's radius as well as its own error: weighing fixes by their own error alone let
 * the few close to a spotter, all on the circle's near side, pull the centre a kilometre or more that way, and
 * claimed it to within 200 m (measured on the raid simulator: jets' centres 1.4 km off, median; 0.9 km with these
 * weights). Fixes bunched on one arc still leave the mean short of the centre, so the centre is then fitted to
 * the circle's radius from the mean (0.5 km). Precondition: radius >= 0 (the type's circle radius).
 */
export function circleCentre(track: Track, now: number, radius = AIRCRAFT[track.type].circleRadius): { x: number; y: number; sd: number } | undefined {
  let w = 0, x = 0, y = 0;
  const recent = track.circleFixes.filter((f) => now - f.time <= CIRCLE_WINDOW_MS);
  for (const f of recent) {
    const v = f.variance + radius ** 2 / 2;
    w += 1 / v;
    x += f.x / v;
    y += f.y / v;
  }
  if (w === 0) return undefined;
  const mean = { x: x / w, y: y / w, sd: Math.sqrt(1 / w) };
  return radius > 0 ? { ...fitCircleCentre(recent, radius, mean), sd: mean.sd } : mean;
}
