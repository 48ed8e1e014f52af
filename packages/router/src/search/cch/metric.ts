// Customisation: the weights of the contracted graph for the current closures and slowdowns. An arc
// (x, y), x below y, carries two weights, up[a] for x -> y and down[a] for y -> x: the fastest such drive
// whose inner nodes all rank below x ("basic customisation"). Queries that climb arcs from both ends are
// then exact for every metric, since the structure never depended on weights.
//
// A full customisation walks every lower triangle once. A closure or reopening changes few arcs, so
// update() repairs only the arcs whose weight can change, tail by tail upwards: an arc is recomputed
// from its lower triangles when a triangle that gave its old weight got slower, and lowered in place
// when a triangle got faster. Arc ids grow with their tail rank, so a heap of arc ids yields tails in
// order, and all lower triangles of an arc are final before it is looked at.
import type { RoadGraph } from '../../graph/graph.js';
import { MinHeap } from '../heap.js';
import { arcOf, type CchStructure } from './structure.js';

export class CchMetric {
  readonly up: Float64Array;
  readonly down: Float64Array;
  private readonly heap: MinHeap;
  /** Per arc: the update that queued it (epoch), where its old weights are kept, whether to recompute it. */
  private readonly queued: Uint32Array;
  private readonly slot: Uint32Array;
  private readonly recompute: Uint8Array;
  private epoch = 0;
  /** Old (up, down) pairs of the arcs queued in this update, and scratch for one tail's changed arcs. */
  private before = new Float64Array(256);
  private touchedCount = 0;
  private changed: Uint32Array;
  private rowUp: Float64Array;
  private rowDown: Float64Array;

  /** A metric customised for `current`. Precondition: s was built for graph; current has graph.edgeCount entries. */
  constructor(
    readonly s: CchStructure,
    private readonly graph: RoadGraph,
    current: Float32Array,
  ) {
    const arcs = s.upHead.length;
    this.up = new Float64Array(arcs);
    this.down = new Float64Array(arcs);
    this.heap = new MinHeap(64);
    this.queued = new Uint32Array(arcs);
    this.slot = new Uint32Array(arcs);
    this.recompute = new Uint8Array(arcs);
    let widest = 0;
    for (let r = 0; r < s.n; r++) widest = Math.max(widest, s.upOff[r + 1]! - s.upOff[r]!);
    this.changed = new Uint32Array(widest);
    this.rowUp = new Float64Array(widest);
    this.rowDown = new Float64Array(widest);
    this.customizeAll(current);
  }

  /** Bytes of typed arrays held (weights and repair bookkeeping). Precondition: none. */
  get bytes(): number {
    return [this.up, this.down, this.queued, this.slot, this.recompute, this.before, this.changed, this.rowUp, this.rowDown].reduce((sum, a) => sum + a.byteLength, 0) + this.heap.bytes;
  }

  /** Recomputes every arc from the road weights, O(lower triangles). Precondition: as the constructor. */
  customizeAll(current: Float32Array): void {
    const { up, down } = this;
    const { n, upOff, upHead, edgeArc } = this.s;
    up.fill(Infinity);
    down.fill(Infinity);
    for (let e = 0; e < edgeArc.length; e++) {
      const code = edgeArc[e]!;
      if (code < 0) continue;
      const a = code >> 1;
      const w = current[e]!;
      if (code & 1) {
        if (w < down[a]!) down[a] = w;
      } else if (w < up[a]!) up[a] = w;
    }
    for (let x = 0; x < n; x++) {
      const end = upOff[x + 1]!;
      for (let a = upOff[x]!; a < end; a++) {
        const da = down[a]!;
        const ua = up[a]!;
        if (da === Infinity && ua === Infinity) continue;
        // Triangle (x, y, z) with y = head[a] < z = head[b]: arc (y, z) sits in y's row; both rows are
        // sorted and z is in y's row (upper neighbourhoods are cliques), so one pointer walks it.
        let c = upOff[upHead[a]!]!;
        for (let b = a + 1; b < end; b++) {
          const z = upHead[b]!;
          while (upHead[c] !== z) c++;
          const u = da + up[b]!;
          if (u < up[c]!) up[c] = u;
          const d = down[b]! + ua;
          if (d < down[c]!) down[c] = d;
        }
      }
    }
  }

  /** Repairs the arcs affected by new weights on `edges`. Precondition: current holds the new weights. */
  update(edges: ArrayLike<number>, current: Float32Array): void {
    const { up, down, heap, recompute } = this;
    const { upOff, upHead, edgeArc } = this.s;
    this.epoch++;
    this.touchedCount = 0;
    for (let i = 0; i < edges.length; i++) {
      const code = edgeArc[edges[i]!]!;
      if (code >= 0) this.touch(code >> 1, true);
    }
    const changed = this.changed;
    while (heap.size > 0) {
      // All queued arcs of the lowest tail x: finalise them, then pass their changes upwards.
      const x = tailOf(upOff, heap.topKey());
      const end = upOff[x + 1]!;
      let count = 0;
      while (heap.size > 0 && heap.topKey() < end) {
        const a = heap.pop();
        if (recompute[a]) {
          recompute[a] = 0;
          this.recomputeArc(a, x, current);
        }
        if (up[a] !== this.oldUp(a) || down[a] !== this.oldDown(a)) changed[count++] = a;
      }
      // Old weights of the whole row, read once for all its changed arcs.
      const row0 = upOff[x]!;
      const { rowUp, rowDown } = this;
      for (let b = row0; b < end; b++) {
        rowUp[b - row0] = this.oldUp(b);
        rowDown[b - row0] = this.oldDown(b);
      }
      for (let i = 0; i < count; i++) {
        const c = changed[i]!;
        const y = upHead[c]!;
        const ou = rowUp[c - row0]!;
        const od = rowDown[c - row0]!;
        const nu = up[c]!;
        const nd = down[c]!;
        // Triangles (x, w, y): the dependent arc joins w and y. For w below y it is in w's row (found by
        // bisection); for w above y it is in y's row, at ascending positions as w ascends. A triangle
        // whose other side was and is closed both ways cannot change anything.
        for (let b = row0; b < c; b++) {
          const bu0 = rowUp[b - row0]!;
          const bd0 = rowDown[b - row0]!;
          const bu = up[b]!;
          const bd = down[b]!;
          if (bu0 === Infinity && bd0 === Infinity && bu === Infinity && bd === Infinity) continue;
          // d = (w, y): w -> y is w -> x -> y, y -> w is y -> x -> w.
          this.relay(arcOf(this.s, upHead[b]!, y), bd0 + ou, bd + nu, od + bu0, nd + bu);
        }
        let d = upOff[y]!;
        for (let b = c + 1; b < end; b++) {
          const w = upHead[b]!;
          while (upHead[d] !== w) d++;
          const bu0 = rowUp[b - row0]!;
          const bd0 = rowDown[b - row0]!;
          const bu = up[b]!;
          const bd = down[b]!;
          if (bu0 === Infinity && bd0 === Infinity && bu === Infinity && bd === Infinity) continue;
          // d = (y, w): y -> w is y -> x -> w, w -> y is w -> x -> y.
          this.relay(d, od + bu0, nd + bu, bd0 + ou, bd + nu);
        }
      }
    }
  }

  /**
   * Passes a change in triangle through x to arc d, given d's drive through x before and after, up
   * (tail -> head) and down: lowers d in place, or queues it for recomputation when the triangle gave
   * its old weight and got slower.
   */
  private relay(d: number, upOld: number, upNew: number, downOld: number, downNew: number): void {
    const { up, down } = this;
    if (upNew < up[d]!) {
      this.touch(d, false);
      up[d] = upNew;
    } else if (upNew > upOld && upOld === this.oldUp(d)) this.touch(d, true);
    if (downNew < down[d]!) {
      this.touch(d, false);
      down[d] = downNew;
    } else if (downNew > downOld && downOld === this.oldDown(d)) this.touch(d, true);
  }

  /** Queues arc a (once per update), remembering its weights from before the update. */
  private touch(a: number, full: boolean): void {
    if (this.queued[a] !== this.epoch) {
      this.queued[a] = this.epoch;
      let k = this.touchedCount++;
      if (k === this.before.length >> 1) {
        const bigger = new Float64Array(this.before.length * 2);
        bigger.set(this.before);
        this.before = bigger;
      }
      this.slot[a] = k;
      k <<= 1;
      this.before[k] = this.up[a]!;
      this.before[k + 1] = this.down[a]!;
      this.heap.push(a, a);
    }
    if (full) this.recompute[a] = 1;
  }

  private oldUp(a: number): number {
    return this.queued[a] === this.epoch ? this.before[2 * this.slot[a]!]! : this.up[a]!;
  }

  private oldDown(a: number): number {
    return this.queued[a] === this.epoch ? this.before[2 * this.slot[a]! + 1]! : this.down[a]!;
  }

  /** Arc a = (x, y) from its road edges and its lower triangles (z below x adjacent to both). */
  private recomputeArc(a: number, x: number, current: Float32Array): void {
    const { downOff, downTail, downArc, upHead, node } = this.s;
    const { offsets, targets } = this.graph;
    const y = upHead[a]!;
    const vx = node[x]!;
    const vy = node[y]!;
    let u = Infinity;
    let d = Infinity;
    for (let e = offsets[vx]!; e < offsets[vx + 1]!; e++) if (targets[e] === vy && current[e]! < u) u = current[e]!;
    for (let e = offsets[vy]!; e < offsets[vy + 1]!; e++) if (targets[e] === vx && current[e]! < d) d = current[e]!;
    const { up, down } = this;
    let i = downOff[x]!;
    let j = downOff[y]!;
    const iEnd = downOff[x + 1]!;
    const jEnd = downOff[y + 1]!;
    while (i < iEnd && j < jEnd) {
      const zi = downTail[i]!;
      const zj = downTail[j]!;
      if (zi < zj) i++;
      else if (zi > zj) j++;
      else {
        const zx = downArc[i++]!; // arc (z, x)
        const zy = downArc[j++]!; // arc (z, y)
        const cu = down[zx]! + up[zy]!;
        if (cu < u) u = cu;
        const cd = down[zy]! + up[zx]!;
        if (cd < d) d = cd;
      }
    }
    up[a] = u;
    down[a] = d;
  }
}

/** Tail rank of arc a: the r with upOff[r] <= a < upOff[r+1]. */
function tailOf(upOff: Uint32Array, a: number): number {
  let lo = 0;
  let hi = upOff.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (upOff[mid]! <= a) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
