// Where a live track can strike in the next minutes. The target is taken to lie along the aircraft's
// heading: each zone sample point is weighed by the prior's density there and by how well the bearing to
// it matches the heading (a density over the bearing, so near and far along the heading count alike),
// within an angle that widens with the heading's, the position's and the pilot's uncertainty (a cone), out
// to the distance the aircraft covers within the horizon. A circling aircraft
// weighs the points under its circle instead. Sums per zone, normalised, give each zone's probability.
import { angleDiffDeg } from '../geo/angles.js';
import type { XY } from '../geo/projection.js';
import type { Prior } from '../prior/prior.js';
import { AIRCRAFT } from '../tracks/aircraft.js';
import { covOf } from '../tracks/kalman.js';
import { CIRCLING_HOLD_MS, circleCentre, isCircling, stateAt, type Track } from '../tracks/track.js';
import type { ZoneSet } from '../zones/zone.js';
import { pathShares } from './path.js';
import { sampleGrid } from './sample-grid.js';

export interface ForecastOptions {
  /** How far ahead to range the cone, minutes; default 12. */
  horizonMin?: number;
  /** How far a pilot's path strays from the straight line to the target, degrees (one s.d.); default 12. */
  pathSdDeg?: number;
  /** The stretch of path ahead whose zones are "imminent": this many minutes of flight, at most imminentMaxM; default 1. */
  imminentMin?: number;
  /** Default 4000 m. */
  imminentMaxM?: number;
  /**
   * Density of targets outside the zones, relative to the zones' mean; default 0.0006: about one aircraft in
   * twenty bound somewhere else within 50 km of the city (80 times its area). More drowns an aircraft inbound
   * from far out, whose cone covers far more land outside the city than in it, so its zones are named late;
   * none at all would warn the city of an aircraft flying past it.
   */
  outsideDensity?: number;
  /** Share of the forecast given to the site of a strike the aircraft made, while it stays near; default 0.3. */
  returnWeight?: number;
  /** How long a strike site draws its aircraft back, minutes; default 20. */
  returnHoldMin?: number;
}

export interface ZoneForecast {
  /** Index into the zone set. */
  zone: number;
  /** Probability that the target is in this zone. */
  probability: number;
  /** Share of the aircraft's path over the next minutes (or of its circle) that lies in this zone, whatever the prior. */
  imminent: number;
  /** Epoch ms: the earliest and latest the aircraft may be over the zone. */
  earliest: number;
  latest: number;
}

export interface TrackForecast {
  trackId: string;
  time: number;
  mode: 'cone' | 'circling' | 'any-direction';
  position: XY;
  /** Metres, one standard deviation. */
  positionSd: number;
  /** Compass heading and its s.d. in degrees; absent when unknown. */
  heading?: number;
  headingSd?: number;
  /** m/s used for ranging. */
  speed: number;
  /** Zones with probability or imminence >= 0.001, most likely target first. */
  zones: ZoneForecast[];
}

const RAD = Math.PI / 180;

/** The forecast for one live track at `now`. Precondition: prior built on `set`; now >= the track's last sighting. */
export function forecastTrack(track: Track, now: number, set: ZoneSet, prior: Prior, o: ForecastOptions = {}): TrackForecast {
  const profile = AIRCRAFT[track.type];
  const s = stateAt(track, now);
  const [px, py, vx, vy] = s.x as [number, number, number, number];
  const pc = covOf(s, 0);
  const vc = covOf(s, 2);
  const posSd = Math.sqrt((pc[0] + pc[2]) / 2);
  const v = Math.hypot(vx, vy);
  // Velocity variance across the direction of flight gives the heading's uncertainty.
  const [ux, uy] = v > 0 ? [vx / v, vy / v] : [0, 1];
  const across = vc[0] * uy * uy - 2 * vc[1] * ux * uy + vc[2] * ux * ux;
  const along = vc[0] * ux * ux + 2 * vc[1] * ux * uy + vc[2] * uy * uy;
  const headingSdRad = v > 0 ? Math.sqrt(across) / v : Infinity;
  const knownHeading = headingSdRad < 80 * RAD;
  // Measured speed when the filter knows it better than the type's typical speed does.
  const speed = Math.sqrt(along) < 0.5 * profile.speedSpread * profile.speed && v > 0.3 * profile.speed ? v : profile.speed;
  const circling = isCircling(track, now);
  const mode = circling ? 'circling' : knownHeading ? 'cone' : 'any-direction';
  const heading = (Math.atan2(vx, vy) / RAD + 360) % 360;
  const pathSd = (o.pathSdDeg ?? 12) * RAD;
  const reach = speed * (o.horizonMin ?? 12) * 60 + 2 * posSd;
  // A circling aircraft strikes under its circle, most likely near the middle.
  const centre = circling ? circleCentre(track, now) : undefined;
  const [cx, cy] = centre ? [centre.x, centre.y] : [px, py];
  const circleVar = (centre ? centre.sd ** 2 : posSd ** 2) + (profile.circleRadius / 2) ** 2;

  const g = sampleGrid(set);
  const n = set.zones.length;
  const mass = new Float64Array(n);
  const circlePath = new Float64Array(n);
  let circleTotal = 0;
  const near = new Float64Array(n).fill(Infinity);
  const far = new Float64Array(n).fill(-Infinity);
  let total = 0;
  let inside = 0; // the likelihood summed over the zones, unweighted by the prior
  for (let k = 0; k < g.x.length; k++) {
    const dx = g.x[k]! - px;
    const dy = g.y[k]! - py;
    const d = Math.hypot(dx, dy);
    let like: number;
    if (mode === 'circling') like = Math.exp(-((g.x[k]! - cx) ** 2 + (g.y[k]! - cy) ** 2) / (2 * circleVar));
    else {
      like = d <= reach ? 1 : Math.exp(-(((d - reach) / (0.2 * reach)) ** 2) / 2);
      if (mode === 'cone' && d > 0) {
        const off = angleDiffDeg(heading, (Math.atan2(dx, dy) / RAD + 360) % 360) * RAD;
        const sd2 = headingSdRad ** 2 + pathSd ** 2 + (posSd / Math.max(d, posSd)) ** 2;
        like *= coneDensity(off, sd2, d, posSd);
      }
    }
    const z = g.zone[k]!;
    inside += like;
    if (mode === 'circling') {
      circlePath[z]! += like;
      circleTotal += like;
    }
    const w = like * prior.density[z]!;
    mass[z]! += w;
    total += w;
    if (like >= 0.1) {
      near[z] = Math.min(near[z]!, d);
      far[z] = Math.max(far[z]!, d);
    }
  }
  const spread = profile.speedSpread;
  // What it flies over next: under its circle, or along its heading (just where it is, when the heading is unknown).
  const ahead =
    mode === 'circling'
      ? circlePath.map((v) => (circleTotal > 0 ? v / circleTotal : 0))
      : pathShares(g, prior.density, {
          x: px,
          y: py,
          ...(mode === 'cone' ? { heading } : {}),
          angleSd: Math.sqrt(headingSdRad ** 2 + pathSd ** 2),
          positionSd: posSd,
          length: Math.min(speed * (o.imminentMin ?? 1) * 60, o.imminentMaxM ?? 4000),
        });
  // The aircraft may be bound beyond the zones: the rest of the cone (or circle) counts at a lower density, so
  // a track heading out of the city stops putting the city's zones at risk.
  const cell = set.sampleSpacing ** 2;
  const plane = likelihoodOverPlane(mode, reach, circleVar, posSd, (d) => headingSdRad ** 2 + pathSd ** 2 + (posSd / Math.max(d, posSd)) ** 2);
  const meanDensity = 1 / set.zones.reduce((a, z) => a + z.areaM2, 0);
  total += Math.max(0, plane - inside * cell) * meanDensity * (o.outsideDensity ?? 0.0006) / cell;
  // Double tap: an aircraft that has just struck may return to the same site.
  const sites = track.strikeSites.filter((x) => now - x.time <= (o.returnHoldMin ?? 20) * 60_000);
  const ret = sites.length && mode === 'circling' ? o.returnWeight ?? 0.3 : 0;
  const siteShare = sites.length ? pathShares(g, new Float64Array(n).fill(1), { x: sites[sites.length - 1]!.x, y: sites[sites.length - 1]!.y, angleSd: 0, positionSd: 400, length: 0 }) : undefined;
  const zones: ZoneForecast[] = [];
  for (let z = 0; z < n; z++) {
    const probability = (1 - ret) * (total > 0 ? mass[z]! / total : 0) + ret * (siteShare?.[z] ?? 0);
    const imminent = ahead[z]!;
    if (probability < 0.001 && imminent < 0.001) continue;
    // A zone with no point well inside the cone: time it by its centre.
    const centre = Math.hypot(set.zones[z]!.centre.x - px, set.zones[z]!.centre.y - py);
    const [dNear, dFar] = Number.isFinite(near[z]!) ? [near[z]!, far[z]!] : [centre, centre];
    const window =
      mode === 'circling'
        ? { earliest: now, latest: now + CIRCLING_HOLD_MS + (dFar / speed) * 1000 }
        : {
            earliest: now + (Math.max(0, dNear - 2 * posSd) / (speed * (1 + 2 * spread))) * 1000,
            latest: now + ((dFar + 2 * posSd) / (speed * Math.max(0.3, 1 - 2 * spread))) * 1000,
          };
    zones.push({ zone: z, probability, imminent, ...window });
  }
  zones.sort((a, b) => b.probability - a.probability || a.zone - b.zone);
  return {
    trackId: track.id,
    time: now,
    mode,
    position: { x: px, y: py },
    positionSd: posSd,
    ...(knownHeading ? { heading, headingSd: headingSdRad / RAD } : {}),
    speed,
    zones,
  };
}

/**
 * The cone's weight per square metre at distance d and angle `off` (radians) from the heading: a Gaussian
 * density over the bearing, spread over the arc d wide. Without the 1/d, the city 12 km ahead counted 1.8
 * times the city 6 km ahead at the same prior (its arc is wider), and alerts named the far side first.
 * Scaled by 1 km so the weights stay near 1. Precondition: sd2 > 0, posSd > 0.
 */
function coneDensity(off: number, sd2: number, d: number, posSd: number): number {
  return (Math.exp(-(off * off) / (2 * sd2)) * 1000) / (Math.max(d, posSd) * Math.sqrt(sd2));
}

/**
 * The likelihood integrated over the whole plane (m²): the cone in polar form, ∫ d · √(2π) σ(d) · coneDensity
 * scale dd (σ capped so the angle integral stays within a full turn) with the range fall-off beyond `reach`;
 * the circle's Gaussian 2πσ²; or the reach disc when any direction will do.
 */
function likelihoodOverPlane(mode: TrackForecast['mode'], reach: number, circleVar: number, posSd: number, angleVar: (d: number) => number): number {
  if (mode === 'circling') return 2 * Math.PI * circleVar;
  const steps = 400;
  const end = reach * 2;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const d = ((i + 0.5) / steps) * end;
    const range = d <= reach ? 1 : Math.exp(-(((d - reach) / (0.2 * reach)) ** 2) / 2);
    const across = mode === 'cone' ? (Math.min(2 * Math.PI, Math.sqrt(2 * Math.PI * angleVar(d))) * 1000) / (Math.max(d, posSd) * Math.sqrt(angleVar(d))) : 2 * Math.PI;
    sum += d * across * range * (end / steps);
  }
  return sum;
}
