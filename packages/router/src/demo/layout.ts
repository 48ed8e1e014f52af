// The large-scale shape of the demo city, in metres east (x) and north (y) of its centre: the city disc,
// the old town in the middle, a river meandering north to south through the western districts, the ring
// road, and the neighbourhood seeds whose Voronoi cells are both the zones and the street districts.
import type { Prng } from './prng.js';

export interface Layout {
  /** City radius. */
  readonly radius: number;
  /** Old town radius (centred on the origin). */
  readonly oldTownRadius: number;
  /** Radius of the boulevard that rings the old town where its wall stood. */
  readonly boulevardRadius: number;
  readonly ringRadius: (angle: number) => number;
  readonly river: River;
  readonly seeds: readonly Seed[];
}

export interface Seed {
  readonly x: number;
  readonly y: number;
  readonly oldTown: boolean;
}

export class River {
  readonly halfWidth = 40;
  constructor(
    private readonly base: number,
    private readonly a1: number,
    private readonly a2: number,
    private readonly l1: number,
    private readonly l2: number,
    private readonly p1: number,
    private readonly p2: number,
  ) {}

  /** x of the river's centre line at y. Precondition: finite y. */
  centreX(y: number): number {
    return this.base + this.a1 * Math.sin(y / this.l1 + this.p1) + this.a2 * Math.sin(y / this.l2 + this.p2);
  }

  /** -1 west of the river, 1 east of it. Precondition: finite coordinates. */
  side(x: number, y: number): number {
    return x < this.centreX(y) ? -1 : 1;
  }

  /** Whether (x, y) is in the water or within `margin` metres of it (no building on the banks). Precondition: margin >= 0. */
  wet(x: number, y: number, margin = 15): boolean {
    return Math.abs(x - this.centreX(y)) < this.halfWidth + margin;
  }
}

/** The layout for a radius. Precondition: radius > 0. */
export function makeLayout(rng: Prng, radius: number, seedCount: number): Layout {
  const oldTownRadius = 0.2 * radius;
  const river = new River(
    -0.36 * radius,
    0.06 * radius,
    0.025 * radius,
    0.35 * radius,
    0.11 * radius,
    rng.range(0, 2 * Math.PI),
    rng.range(0, 2 * Math.PI),
  );
  const ringBase = 0.62 * radius;
  const ringPhase = rng.range(0, 2 * Math.PI);
  const oldSeeds = rng.int(4, 6);
  const seeds: Seed[] = [];
  place(rng, seeds, oldSeeds, 0, 0.8 * oldTownRadius, true);
  place(rng, seeds, seedCount - oldSeeds, 1.15 * oldTownRadius, 0.95 * radius, false);
  return {
    radius,
    oldTownRadius,
    boulevardRadius: oldTownRadius + 35,
    ringRadius: (angle) => ringBase * (1 + 0.04 * Math.sin(3 * angle + ringPhase)),
    river,
    seeds,
  };
}

/** Scatters n seeds in an annulus, keeping them apart (dart throwing with a shrinking spacing). */
function place(rng: Prng, out: Seed[], n: number, r0: number, r1: number, oldTown: boolean): void {
  let spacing = 0.9 * Math.sqrt((Math.PI * (r1 * r1 - r0 * r0)) / n);
  const first = out.length;
  for (let placed = 0, tries = 0; placed < n; tries++) {
    if (tries > 200) {
      spacing *= 0.9;
      tries = 0;
    }
    // Uniform over the annulus area.
    const r = Math.sqrt(rng.range(r0 * r0, r1 * r1));
    const a = rng.range(0, 2 * Math.PI);
    const x = r * Math.cos(a);
    const y = r * Math.sin(a);
    let ok = true;
    for (let i = first; i < out.length && ok; i++) ok = Math.hypot(out[i]!.x - x, out[i]!.y - y) >= spacing;
    if (!ok) continue;
    out.push({ x, y, oldTown });
    placed++;
  }
}

/** Index of the seed nearest to (x, y). Precondition: seeds not empty. */
export function nearestSeed(seeds: readonly Seed[], x: number, y: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < seeds.length; i++) {
    const d = (seeds[i]!.x - x) ** 2 + (seeds[i]!.y - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/**
 * The Voronoi cell of seed i clipped to the city disc (a 96-gon), counter-clockwise, as [x, y] pairs:
 * the disc polygon clipped by the bisector half-plane of every other seed (Sutherland-Hodgman).
 * Precondition: seeds are distinct.
 */
export function voronoiCell(seeds: readonly Seed[], i: number, radius: number): [number, number][] {
  let poly: [number, number][] = [];
  for (let k = 0; k < 96; k++) {
    const a = (2 * Math.PI * k) / 96;
    poly.push([radius * Math.cos(a), radius * Math.sin(a)]);
  }
  const s = seeds[i]!;
  for (let j = 0; j < seeds.length && poly.length; j++) {
    if (j === i) continue;
    const o = seeds[j]!;
    // Keep points closer to s than to o: (p - m) . (o - s) <= 0, m the midpoint.
    const nx = o.x - s.x;
    const ny = o.y - s.y;
    const c = (nx * (o.x + s.x)) / 2 + (ny * (o.y + s.y)) / 2;
    const f = (p: [number, number]) => nx * p[0] + ny * p[1] - c;
    const next: [number, number][] = [];
    for (let k = 0; k < poly.length; k++) {
      const p = poly[k]!;
      const q = poly[(k + 1) % poly.length]!;
      const fp = f(p);
      const fq = f(q);
      if (fp <= 0) next.push(p);
      if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
        const t = fp / (fp - fq);
        next.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
    poly = next;
  }
  return poly;
}
