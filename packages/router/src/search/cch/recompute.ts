// Recomputing one arc of the contracted graph from scratch, during a repair: from its road edges and all
// its lower triangles. It then keeps the bookkeeping that depends on the new weights: the slack bits of
// the triangles they made nearly tight, and the query lists' arcs whose detour the arc is part of.
import type { RoadGraph } from '../../graph/graph.js';
import type { QueryLists } from './query-lists.js';
import { SLACK_S, type SlackBits } from './slack-bits.js';
import type { CchStructure } from './structure.js';

export class ArcRecompute {
  /** Scratch: each lower triangle's rank z, arcs (z, x) and (z, y), and its two sums. */
  private triArcs = new Uint32Array(384);
  private triSums = new Float32Array(256);

  /** Recomputes arcs of s in the records w (up at 4a, down at 4a + 1). Precondition: w has four words per arc of s. */
  constructor(
    private readonly s: CchStructure,
    private readonly graph: RoadGraph,
    private readonly w: Float32Array,
    private readonly bits: SlackBits,
    private readonly lists: QueryLists,
  ) {}

  /** Bytes of typed arrays held. Precondition: none. */
  get bytes(): number {
    return this.triArcs.byteLength + this.triSums.byteLength;
  }

  /**
   * Arc a = (x, y) from its road edges and its lower triangles (z below x adjacent to both), given its
   * weights before the repair. Precondition: all arcs of ranks below x final; current are the live weights.
   */
  run(a: number, x: number, current: Float32Array, oldUp: number, oldDown: number): void {
    const { downOff, downTail, downArc, upHead, upOff, node } = this.s;
    const { offsets, targets } = this.graph;
    const { w } = this;
    const y = upHead[a]!;
    const vx = node[x]!;
    const vy = node[y]!;
    let u = Infinity;
    let d = Infinity;
    for (let e = offsets[vx]!; e < offsets[vx + 1]!; e++) if (targets[e] === vy && current[e]! < u) u = current[e]!;
    for (let e = offsets[vy]!; e < offsets[vy + 1]!; e++) if (targets[e] === vx && current[e]! < d) d = current[e]!;
    // The lower neighbours common to x and y: walk the shorter list, gallop through the longer one (the
    // top nodes of a city have thousands of lower neighbours, a low x a handful).
    let i = downOff[x]!;
    let iEnd = downOff[x + 1]!;
    let j = downOff[y]!;
    let jEnd = downOff[y + 1]!;
    const swapped = iEnd - i > jEnd - j;
    if (swapped) [i, iEnd, j, jEnd] = [j, jEnd, i, iEnd];
    if (this.triSums.length < 2 * (iEnd - i)) {
      this.triArcs = new Uint32Array(6 * (iEnd - i));
      this.triSums = new Float32Array(4 * (iEnd - i));
    }
    const { triArcs, triSums } = this;
    let t = 0;
    for (; i < iEnd && j < jEnd; i++) {
      const z = downTail[i]!;
      if (downTail[j]! < z) {
        let step = 1;
        while (j + step < jEnd && downTail[j + step]! < z) step *= 2;
        let lo = j + (step >> 1) + 1;
        let hi = Math.min(j + step, jEnd);
        // First position in lo..hi with a tail >= z (hi when none).
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (downTail[mid]! < z) lo = mid + 1;
          else hi = mid;
        }
        j = lo;
        if (j === jEnd) break;
      }
      if (downTail[j] !== z) continue;
      const zx = downArc[swapped ? j : i]!; // arc (z, x)
      const zy = downArc[swapped ? i : j]!; // arc (z, y)
      j++;
      const cu = Math.fround(w[4 * zx + 1]! + w[4 * zy]!);
      if (cu < u) u = cu;
      const cd = Math.fround(w[4 * zy + 1]! + w[4 * zx]!);
      if (cd < d) d = cd;
      triArcs[3 * t] = z;
      triArcs[3 * t + 1] = zx;
      triArcs[3 * t + 2] = zy;
      triSums[2 * t] = cu;
      triSums[2 * t + 1] = cd;
      t++;
    }
    w[4 * a] = u;
    w[4 * a + 1] = d;
    // A slower arc may no longer match the arcs whose detour it is the upper leg of: (z, y) via x.
    const slower = u > oldUp || d > oldDown;
    // In z's row, x -> z -> y is the triangle from x's position to y's, and y -> z -> x the reverse.
    for (let k = 0; k < t; k++) {
      if (slower) this.lists.recheckDetour(triArcs[3 * k]!, triArcs[3 * k + 1]!, triArcs[3 * k + 2]!, u, d);
      const su = triSums[2 * k]! - u < SLACK_S;
      const sd = triSums[2 * k + 1]! - d < SLACK_S;
      if (!su && !sd) continue;
      const z = triArcs[3 * k]!;
      const row0 = upOff[z]!;
      const width = upOff[z + 1]! - row0;
      const p = triArcs[3 * k + 1]! - row0;
      const q = triArcs[3 * k + 2]! - row0;
      if (su) this.bits.set(z, width, p, q);
      if (sd) this.bits.set(z, width, q, p);
    }
  }
}
