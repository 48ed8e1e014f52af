// Customisation: the weights of the contracted graph for the current closures and slowdowns. An arc
// (x, y), x below y, carries two weights, up[a] for x -> y and down[a] for y -> x: the fastest such drive
// whose inner nodes all rank below x ("basic customisation"). Queries that climb arcs from both ends are
// then exact for every metric, since the structure never depended on weights.
//
// Weights are Float32: half the memory traffic of Float64 in queries and repairs. Live edge weights are
// whole multiples of 1/1024 s (EdgeWeights), so every sum below 4.5 hours is exact in Float32 and the
// hierarchy agrees with a Dijkstra over the same weights to the bit; longer sums round like Float32
// additions (Math.fround), the same way in a full customisation and in a repair.
//
// A full customisation walks every lower triangle once; a closure or reopening is repaired arc by arc
// (repair.ts).
//
// One 16-byte record per arc: up and down weights (Float32), then the query lists' witnesses of both
// directions (Uint32). A repair reads an arc's weights and witnesses together, so one cache line serves
// what four separate arrays would fetch four times; queries read their own packed lists instead.
import type { RoadGraph } from '../../graph/graph.js';
import { QueryLists } from './query-lists.js';
import { MetricRepair } from './repair.js';
import { SlackBits } from './slack-bits.js';
import type { CchStructure } from './structure.js';

/** Words per arc record: up weight at 4a, down weight at 4a + 1, their witnesses at 4a + 2 and 4a + 3. */
export const ARC_WORDS = 4;

export class CchMetric {
  /** The arc records as Float32 (weights) and as Uint32 (witnesses), over one buffer. */
  readonly w: Float32Array;
  readonly wit: Uint32Array;
  /** Which triangles are nearly tight, for the repair. */
  readonly bits: SlackBits;
  /** The arcs queries read, packed per rank. */
  readonly lists: QueryLists;
  private readonly repair: MetricRepair;

  /** A metric customised for `current`. Precondition: s was built for graph; current has graph.edgeCount entries. */
  constructor(
    readonly s: CchStructure,
    graph: RoadGraph,
    current: Float32Array,
  ) {
    const buffer = new ArrayBuffer(4 * ARC_WORDS * s.upHead.length);
    this.w = new Float32Array(buffer);
    this.wit = new Uint32Array(buffer);
    this.bits = new SlackBits(s);
    this.lists = new QueryLists(s, this.w, this.wit);
    this.repair = new MetricRepair(s, graph, this.w, this.bits, this.lists);
    this.customizeAll(current);
  }

  /** Weight of arc a from its tail up to its head. Precondition: a is an arc. */
  up(a: number): number {
    return this.w[ARC_WORDS * a]!;
  }

  /** Weight of arc a from its head down to its tail. Precondition: a is an arc. */
  down(a: number): number {
    return this.w[ARC_WORDS * a + 1]!;
  }

  /** Up and down weights of every arc, two entries per arc: a copy, for comparing metrics. Precondition: none. */
  weights(): Float32Array {
    const out = new Float32Array(2 * this.s.upHead.length);
    for (let a = 0; a < out.length >> 1; a++) {
      out[2 * a] = this.w[ARC_WORDS * a]!;
      out[2 * a + 1] = this.w[ARC_WORDS * a + 1]!;
    }
    return out;
  }

  /** Bytes of typed arrays held (weights and repair bookkeeping). Precondition: none. */
  get bytes(): number {
    return this.w.byteLength + this.bits.bytes + this.lists.bytes + this.repair.bytes;
  }

  /** Recomputes every arc, slack bit and query list from the road weights, O(triangles). Precondition: as the constructor. */
  customizeAll(current: Float32Array): void {
    const { w } = this;
    const { n, upOff, upHead, edgeArc } = this.s;
    w.fill(Infinity);
    for (let e = 0; e < edgeArc.length; e++) {
      const code = edgeArc[e]!;
      if (code < 0) continue;
      // code = 2 * arc + (0 up, 1 down): the record slot is 4 * arc + (0 or 1).
      const k = 2 * code - (code & 1);
      if (current[e]! < w[k]!) w[k] = current[e]!;
    }
    for (let x = 0; x < n; x++) {
      const end = upOff[x + 1]!;
      for (let a = upOff[x]!; a < end; a++) {
        const ua = w[4 * a]!;
        const da = w[4 * a + 1]!;
        if (da === Infinity && ua === Infinity) continue;
        // Triangle (x, y, z) with y = head[a] < z = head[b]: arc (y, z) sits in y's row; both rows are
        // sorted and z is in y's row (upper neighbourhoods are cliques), so one pointer walks it.
        let c = upOff[upHead[a]!]!;
        for (let b = a + 1; b < end; b++) {
          const z = upHead[b]!;
          while (upHead[c] !== z) c++;
          const u = Math.fround(da + w[4 * b]!);
          if (u < w[4 * c]!) w[4 * c] = u;
          const d = Math.fround(w[4 * b + 1]! + ua);
          if (d < w[4 * c + 1]!) w[4 * c + 1] = d;
        }
      }
    }
    this.bits.computeAll(w);
    this.lists.computeAll();
  }

  /** Repairs the arcs affected by new weights on `edges`. Precondition: current holds the new weights. */
  update(edges: ArrayLike<number>, current: Float32Array): void {
    this.repair.run(edges, current);
  }
}
