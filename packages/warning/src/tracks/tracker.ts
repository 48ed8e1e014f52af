// Joins observations into tracks: same type (or unknown), not silent too long, and where the track's filter
// expects it. Ends tracks that fall silent or are seen flying away from the city.
import type { AircraftType } from '@civdef/core';
import { AIRCRAFT } from './aircraft.js';
import { associationCost, covOf, forgetVelocity, initialState, update } from './kalman.js';
import type { Observation } from './observation.js';
import { headingSdDeg, isCircling, stateAt, withTrailPoint, type Track } from './track.js';

export interface TrackerOptions {
  /** Metres from the map's origin beyond which an aircraft flying outward is leaving. */
  cityRadius: number;
  /**
   * Squared Mahalanobis distance within which an observation joins a track; default 9.21 (chi² 2 dof, 99%). At
   * 99.9% (13.8) one sighting in sixteen on the raid simulator joined another aircraft's track, mostly a second
   * aircraft on the same approach a few km away; a track of its own is better than one bent between the two.
   */
  gate?: number;
  /** Area (m²) over which a new aircraft could appear; default a disc 50 km wider than the city. */
  newTrackArea?: number;
}

const fixOf = (o: Observation) => ({ time: o.time, x: o.pos.x, y: o.pos.y, variance: (o.posCov[0] + o.posCov[2]) / 2 });

const compatible = (a: AircraftType, b: AircraftType) => a === b || a === 'unknown' || b === 'unknown';

function typeOf(votes: Partial<Record<AircraftType, number>>): AircraftType {
  let best: AircraftType = 'unknown';
  let n = 0;
  for (const [t, v] of Object.entries(votes) as [AircraftType, number][]) if (t !== 'unknown' && v > n) [best, n] = [t, v];
  return best;
}

/** The tracks of one city's sky. Precondition: observations arrive roughly in time order. */
export class Tracker {
  private readonly tracks: Track[] = [];
  private readonly gate: number;

  /** Precondition: cityRadius > 0. */
  constructor(private readonly o: TrackerOptions) {
    this.gate = o.gate ?? 9.21;
    // The same tail probability with a velocity too: chi² with 4 degrees of freedom at 99%.
    this.gate4 = this.gate + 4.07;
    // A sighting joins a track only if the track explains it better than a new aircraft anywhere in the area
    // would: N(z; predicted, S) > 1 / area, i.e. d² + ln det S + 2 ln 2π < 2 ln area.
    this.newCost = 2 * Math.log(o.newTrackArea ?? Math.PI * (o.cityRadius + 50_000) ** 2) - 2 * Math.log(2 * Math.PI);
  }

  private readonly newCost: number;
  private readonly gate4: number;

  /** The track with this id, ended or not. */
  get(id: string): Track | undefined {
    return this.tracks.find((t) => t.id === id);
  }

  /** The tracks not ended. */
  live(): Track[] {
    return this.tracks.filter((t) => !t.ended);
  }

  /** Ends the tracks silent too long at `now`; returns them. */
  expire(now: number): Track[] {
    const ended: Track[] = [];
    for (const t of this.live()) {
      if (now - t.lastSeen > AIRCRAFT[t.type].maxSilenceMs) {
        t.ended = { time: now, reason: 'silent' };
        ended.push(t);
      }
    }
    return ended;
  }

  /** Joins o to the best track or starts one; returns it and the tracks that ended. Precondition: o.time is not long before earlier ones. */
  observe(o: Observation): { track: Track; ended: Track[] } {
    const ended = this.expire(o.time);
    const match = this.bestMatch(o);
    if (match) this.join(match, o);
    let track = match ?? this.start(o);
    if (!track.ended) {
      const merged = this.absorbTwins(track, o.time);
      ended.push(...merged);
      if (track.ended) track = this.tracks.find((x) => x.id === track.ended!.into)!;
    }
    const leaving = this.leaving(track);
    if (leaving && !track.ended) {
      track.ended = { time: o.time, reason: 'left' };
      ended.push(track);
    } else if (!leaving && track.ended) {
      // Seen again heading back in: the same aircraft, live again.
      delete track.ended;
    }
    return { track, ended };
  }

  /** Live tracks, and those seen leaving within their silence limit: later sightings of a departing aircraft join it. */
  private candidates(now: number): Track[] {
    return this.tracks.filter((t) => !t.ended || (t.ended.reason === 'left' && now - t.lastSeen <= AIRCRAFT[t.type].maxSilenceMs));
  }

  // Joining also weighs the reported heading when there is one: on a shared corridor an aircraft flying in
  // and one flying home pass within a spotter's error of each other, but not with the same heading.
  private bestMatch(o: Observation): Track | undefined {
    let best: Track | undefined;
    const speed = AIRCRAFT[o.type].speed;
    const newVelCost = 2 * Math.log(Math.PI * (2 * speed) ** 2) - 2 * Math.log(2 * Math.PI);
    let bestCost = this.newCost + (o.velocity ? newVelCost : 0);
    const gate = o.velocity ? this.gate4 : this.gate;
    for (const t of this.candidates(o.time)) {
      if (!compatible(t.type, o.type)) continue;
      // A take-off report starts a new aircraft unless it repeats a take-off just reported.
      if (o.takeOff && (t.sightings > 1 || o.time - t.started > 120_000)) continue;
      const predicted = stateAt(t, o.time);
      let { d2, cost } = associationCost(predicted, 0, o.pos, o.posCov);
      if (o.velocity) {
        const v = associationCost(predicted, 2, o.velocity.v, o.velocity.cov);
        d2 += v.d2;
        cost += v.cost;
      }
      if (d2 < gate && cost < bestCost) [best, bestCost] = [t, cost];
    }
    return best;
  }

  private start(o: Observation): Track {
    const p = AIRCRAFT[o.type];
    // No heading yet: the velocity could point anywhere, at about the type's speed.
    const vel = o.velocity ?? { v: { x: 0, y: 0 }, cov: [p.speed ** 2, 0, p.speed ** 2] as [number, number, number] };
    const track: Track = {
      id: o.id,
      type: o.type,
      votes: { [o.type]: 1 },
      started: o.time,
      lastSeen: o.time,
      state: initialState(o.pos, o.posCov, vel.v, vel.cov),
      at: o.time,
      sightings: 1,
      circlingReports: o.circling ? [o.time] : [],
      circleFixes: o.circling ? [fixOf(o)] : [],
      strikeSites: [],
      trail: [{ time: o.time, x: o.pos.x, y: o.pos.y }],
    };
    this.tracks.push(track);
    return track;
  }

  private join(t: Track, o: Observation): void {
    if (o.circling) t.circlingReports = [...t.circlingReports.slice(-5), o.time];
    let s = stateAt(t, o.time);
    // A sighting said to be circling is a point on the circle even before a second report confirms it.
    if (o.circling || isCircling(t, o.time)) t.circleFixes = [...t.circleFixes.filter((f) => o.time - f.time <= 10 * 60_000), fixOf(o)];
    if (isCircling(t, o.time)) {
      // Round and round: forget the velocity (the position wanders within the circle) and ignore headings.
      s = forgetVelocity(s, AIRCRAFT[t.type].speed);
      s = update(s, 0, o.pos, o.posCov);
    } else {
      s = update(s, 0, o.pos, o.posCov);
      if (o.velocity) s = update(s, 2, o.velocity.v, o.velocity.cov);
    }
    t.state = s;
    t.at = o.time;
    t.trail = withTrailPoint(t.trail, { time: o.time, x: s.x[0]!, y: s.x[1]! });
    t.lastSeen = Math.max(t.lastSeen, o.time);
    t.sightings++;
    t.votes[o.type] = (t.votes[o.type] ?? 0) + 1;
    t.type = typeOf(t.votes);
  }

  /** Merges another live track that is the same aircraft as t (same type, where t is, flying as t flies) into t. */
  private absorbTwins(t: Track, now: number): Track[] {
    const merged: Track[] = [];
    // Only established tracks with a known heading: two vague tracks look alike without being one aircraft.
    const established = (x: Track) => x.sightings >= 3 && !isCircling(x, now) && headingSdDeg(stateAt(x, now)) < 30;
    if (!established(t)) return merged;
    for (const other of this.live()) {
      if (other === t || !compatible(other.type, t.type) || !established(other)) continue;
      const a = stateAt(t, now);
      const b = stateAt(other, now);
      const pos = associationCost(a, 0, { x: b.x[0]!, y: b.x[1]! }, covOf(b, 0));
      const vel = associationCost(a, 2, { x: b.x[2]!, y: b.x[3]! }, covOf(b, 2));
      if (pos.d2 + vel.d2 >= this.gate) continue;
      // The older track keeps its id (its alert goes on); the younger one ends, merged.
      const [keep, drop] = other.started < t.started ? [other, t] : [t, other];
      let s = update(stateAt(keep, now), 0, { x: (drop === t ? a : b).x[0]!, y: (drop === t ? a : b).x[1]! }, covOf(drop === t ? a : b, 0));
      s = update(s, 2, { x: (drop === t ? a : b).x[2]!, y: (drop === t ? a : b).x[3]! }, covOf(drop === t ? a : b, 2));
      keep.state = s;
      keep.at = now;
      keep.lastSeen = Math.max(keep.lastSeen, drop.lastSeen);
      keep.sightings += drop.sightings;
      for (const [type, n] of Object.entries(drop.votes) as [AircraftType, number][]) keep.votes[type] = (keep.votes[type] ?? 0) + n;
      keep.type = typeOf(keep.votes);
      keep.circlingReports = [...keep.circlingReports, ...drop.circlingReports].sort((p, q) => p - q).slice(-6);
      keep.circleFixes = [...keep.circleFixes, ...drop.circleFixes].sort((p, q) => p.time - q.time);
      keep.strikeSites = [...keep.strikeSites, ...drop.strikeSites];
      // One aircraft seen as two: its path is both trails, and the merged estimate now.
      keep.trail = [...drop.trail, { time: now, x: s.x[0]!, y: s.x[1]! }].reduce(withTrailPoint, keep.trail);
      drop.ended = { time: now, reason: 'merged', into: keep.id };
      merged.push(drop);
      if (drop === t) return merged;
    }
    return merged;
  }

  /** Outside the city and flying outward (within 60 degrees of straight away from its centre). */
  private leaving(t: Track): boolean {
    const [x, y, vx, vy] = t.state.x as [number, number, number, number];
    const r = Math.hypot(x, y);
    const v = Math.hypot(vx, vy);
    return r > this.o.cityRadius && v > 0.5 * AIRCRAFT[t.type].speed && (x * vx + y * vy) / (r * v) > 0.5;
  }
}
