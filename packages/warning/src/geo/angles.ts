// Compass angles on the local map: degrees clockwise from north, as spotters report them.
import type { XY } from './projection.js';

const RAD = Math.PI / 180;

/** The compass bearing from a to b in [0, 360). Precondition: a and b differ. */
export function bearingDeg(a: XY, b: XY): number {
  const deg = Math.atan2(b.x - a.x, b.y - a.y) / RAD;
  return deg < 0 ? deg + 360 : deg;
}

/** The signed smallest turn from a to b, in (-180, 180]. */
export function angleDiffDeg(a: number, b: number): number {
  const d = (((b - a) % 360) + 540) % 360 - 180;
  return d === -180 ? 180 : d;
}

/** The unit vector of a compass bearing. */
export function unitOf(bearing: number): XY {
  return { x: Math.sin(bearing * RAD), y: Math.cos(bearing * RAD) };
}

/** The point `distance` metres from p along `bearing`. Precondition: finite inputs. */
export function destination(p: XY, bearing: number, distance: number): XY {
  const u = unitOf(bearing);
  return { x: p.x + u.x * distance, y: p.y + u.y * distance };
}

/** Euclidean distance on the local map. */
export function dist(a: XY, b: XY): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}
