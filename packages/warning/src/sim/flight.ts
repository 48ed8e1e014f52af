// One sortie's flight: straight legs and circles flown at a constant speed, with the strikes it makes.
import { bearingDeg, dist } from '../geo/angles.js';
import type { XY } from '../geo/projection.js';

export type Segment =
  | { kind: 'line'; from: XY; to: XY; t0: number; t1: number }
  | { kind: 'circle'; centre: XY; radius: number; t0: number; t1: number; phase0: number; clockwise: boolean; speed: number };

export interface FlightState {
  pos: XY;
  /** Compass heading, degrees. */
  heading: number;
  circling: boolean;
}

/** Builds a flight leg by leg from a start point and time. */
export class FlightBuilder {
  readonly segments: Segment[] = [];
  private at: XY;
  private t: number;

  /** Precondition: speed > 0 (m/s); t in epoch ms. */
  constructor(
    start: XY,
    t: number,
    private readonly speed: number,
  ) {
    this.at = start;
    this.t = t;
  }

  get time(): number {
    return this.t;
  }

  get position(): XY {
    return this.at;
  }

  /** Flies straight to `to`. */
  lineTo(to: XY): this {
    const t1 = this.t + (dist(this.at, to) / this.speed) * 1000;
    this.segments.push({ kind: 'line', from: this.at, to, t0: this.t, t1 });
    [this.at, this.t] = [to, t1];
    return this;
  }

  /** Flies to the nearest point of a circle round `centre`, then round it for `ms`. Precondition: radius > 0. */
  circle(centre: XY, radius: number, ms: number, clockwise: boolean): this {
    const d = dist(centre, this.at);
    const entry = d === 0 ? { x: centre.x, y: centre.y + radius } : { x: centre.x + ((this.at.x - centre.x) * radius) / d, y: centre.y + ((this.at.y - centre.y) * radius) / d };
    this.lineTo(entry);
    const phase0 = Math.atan2(entry.y - centre.y, entry.x - centre.x);
    this.segments.push({ kind: 'circle', centre, radius, t0: this.t, t1: this.t + ms, phase0, clockwise, speed: this.speed });
    const end = phase0 + ((clockwise ? -1 : 1) * this.speed * ms) / 1000 / radius;
    [this.at, this.t] = [{ x: centre.x + radius * Math.cos(end), y: centre.y + radius * Math.sin(end) }, this.t + ms];
    return this;
  }
}

/** Where the aircraft is at t, or undefined outside the flight. */
export function flightStateAt(segments: Segment[], t: number): FlightState | undefined {
  const s = segments.find((g) => t >= g.t0 && t <= g.t1);
  if (!s) return undefined;
  if (s.kind === 'line') {
    const f = s.t1 > s.t0 ? (t - s.t0) / (s.t1 - s.t0) : 0;
    const pos = { x: s.from.x + (s.to.x - s.from.x) * f, y: s.from.y + (s.to.y - s.from.y) * f };
    return { pos, heading: dist(s.from, s.to) > 0 ? bearingDeg(s.from, s.to) : 0, circling: false };
  }
  const a = s.phase0 + ((s.clockwise ? -1 : 1) * s.speed * (t - s.t0)) / 1000 / s.radius;
  const pos = { x: s.centre.x + s.radius * Math.cos(a), y: s.centre.y + s.radius * Math.sin(a) };
  // Velocity is along the tangent, in the direction of turning.
  const [vx, vy] = s.clockwise ? [Math.sin(a), -Math.cos(a)] : [-Math.sin(a), Math.cos(a)];
  return { pos, heading: (Math.atan2(vx, vy) * 180 / Math.PI + 360) % 360, circling: true };
}
