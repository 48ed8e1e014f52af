// One-to-many on the contracted graph: seconds from many sources to one target. A backward climb from the
// target gives, for each of its elimination-tree ancestors, the fastest drive down to the target. Then
// the union of the sources' ancestors is swept from the top down: a node's time to the target is the
// best of driving down from it directly and of driving up one arc to an ancestor whose time is already
// known. Every shortest path in the contracted graph goes up then down, so this is exact; and ancestors
// shared by many sources (the city's top separators) are swept once per query, not once per source.
//
// Both loops read the packed arcs of one rank after another (query-lists.ts: arcs that a detour matches
// are left out), and take only typed arrays, so the JIT compiles each for one shape of input.
import type { CchMetric } from './metric.js';
import type { CchStructure } from './structure.js';

export class CchQuery {
  /** The current query's stamp: the arrays below hold values where their stamp array equals it. */
  gen = 0;
  /** Time from a node down to the target (valid where back[] === gen). */
  readonly toTarget: Float64Array;
  readonly back: Uint32Array;
  /** Time to the target of a swept node (valid where swept[] === gen). */
  readonly time: Float64Array;
  readonly swept: Uint32Array;
  /** Scratch of checked-query.ts (a second climb, and which nodes' paths may use a changed road). */
  readonly toVia: Float64Array;
  readonly backVia: Uint32Array;
  readonly hit: Uint32Array;
  readonly hitAbove: Uint32Array;
  readonly stack: Uint32Array;
  /** Ranks of the current query's ends and sources, and the ends' extra costs. */
  private endRanks = new Uint32Array(8);
  private endCosts = new Float64Array(8);
  private sourceRanks = new Uint32Array(64);
  private readonly one = new Uint32Array(1);
  private readonly oneOut = new Float64Array(1);

  /** Scratch for queries on structure s. Precondition: none. */
  constructor(readonly s: CchStructure) {
    const n = s.n;
    this.toTarget = new Float64Array(n);
    this.back = new Uint32Array(n);
    this.time = new Float64Array(n);
    this.swept = new Uint32Array(n);
    this.toVia = new Float64Array(n);
    this.backVia = new Uint32Array(n);
    this.hit = new Uint32Array(n);
    this.hitAbove = new Uint32Array(n);
    this.stack = new Uint32Array(n);
  }

  /** Bytes held by this scratch. Precondition: none. */
  get bytes(): number {
    const arrays = [this.toTarget, this.back, this.time, this.swept, this.toVia, this.backVia, this.hit, this.hitAbove, this.stack, this.endRanks, this.endCosts, this.sourceRanks];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0);
  }

  /**
   * out[i] = seconds from node sources[i] to the nearest end, where ends[j] is a node reached at extra
   * cost endCosts[j]; Infinity when unreachable. Precondition: m customised for s; valid node ids.
   */
  run(m: CchMetric, ends: ArrayLike<number>, endCosts: ArrayLike<number>, sources: ArrayLike<number>, out: Float64Array): void {
    this.begin(m, ends, endCosts);
    this.sweepFrom(m, sources, out);
  }

  /**
   * Starts a query: a new stamp, and the climb from the ends (toTarget). Returns the stamp.
   * Precondition: m customised for s; valid node ids.
   */
  begin(m: CchMetric, ends: ArrayLike<number>, endCosts: ArrayLike<number>): number {
    if (this.gen === 0xffffffff) {
      for (const a of [this.back, this.swept, this.backVia, this.hit, this.hitAbove]) a.fill(0);
      this.gen = 0;
    }
    const gen = ++this.gen;
    const { rank } = this.s;
    if (this.endRanks.length < ends.length) {
      this.endRanks = new Uint32Array(2 * ends.length);
      this.endCosts = new Float64Array(2 * ends.length);
    }
    for (let j = 0; j < ends.length; j++) {
      this.endRanks[j] = rank[ends[j]!]!;
      this.endCosts[j] = endCosts[j]!;
    }
    const l = m.lists;
    climb(this.s.upOff, l.downEnd, l.downHeads, l.downWeights, this.s.parent, this.toTarget, this.back, this.stack, this.endRanks, this.endCosts, ends.length, gen);
    return gen;
  }

  /**
   * After begin: out[i] = seconds from node sources[i] to the ends; nodes swept by an earlier call of this
   * query are kept. Returns how many nodes it swept, listed in `order` (when given) as they were finalised.
   * Precondition: begin called with m; valid node ids; order (if any) has room for s.n entries.
   */
  sweepFrom(m: CchMetric, sources: ArrayLike<number>, out: Float64Array, order?: Uint32Array): number {
    const { rank, upOff, parent } = this.s;
    if (this.sourceRanks.length < sources.length) this.sourceRanks = new Uint32Array(2 * sources.length);
    for (let i = 0; i < sources.length; i++) this.sourceRanks[i] = rank[sources[i]!]!;
    const l = m.lists;
    return sweep(upOff, l.upEnd, l.upHeads, l.upWeights, parent, this.toTarget, this.back, this.time, this.swept, this.stack, this.sourceRanks, sources.length, this.gen, out, order ?? NO_ORDER);
  }

  /** After begin: seconds from node v to the ends, sweeping the ancestors of v not swept yet. Precondition: begin called with m; valid node id. */
  timeOf(m: CchMetric, v: number): number {
    const r = this.s.rank[v]!;
    if (this.swept[r] === this.gen) return this.time[r]!;
    this.one[0] = v;
    this.sweepFrom(m, this.one, this.oneOut);
    return this.oneOut[0]!;
  }
}

const NO_ORDER = new Uint32Array(0);

/** toTarget[] on the ends' ancestors: each relaxes its arcs downwards, lowest first. Precondition: as CchQuery.begin. */
export function climb(
  upOff: Uint32Array,
  downEnd: Uint32Array,
  heads: Uint32Array,
  down: Float32Array,
  parent: Int32Array,
  toTarget: Float64Array,
  back: Uint32Array,
  stack: Uint32Array,
  endRanks: Uint32Array,
  endCosts: Float64Array,
  endCount: number,
  gen: number,
): void {
  let k = 0;
  for (let j = 0; j < endCount; j++) {
    const r = endRanks[j]!;
    for (let x = r; x >= 0 && back[x] !== gen; x = parent[x]!) {
      back[x] = gen;
      toTarget[x] = Infinity;
      stack[k++] = x;
    }
    if (endCosts[j]! < toTarget[r]!) toTarget[r] = endCosts[j]!;
  }
  // One end's ancestors come out of the walk already ascending; several ends' paths need merging.
  if (endCount > 1) stack.subarray(0, k).sort();
  for (let i = 0; i < k; i++) {
    const x = stack[i]!;
    const dx = toTarget[x]!;
    if (dx === Infinity) continue;
    for (let a = upOff[x]!, end = downEnd[x]!; a < end; a++) {
      const y = heads[a]!;
      const d = dx + down[a]!;
      if (d < toTarget[y]!) toTarget[y] = d;
    }
  }
}

/**
 * Top-down sweep over the sources' ancestors, path by path: each new stretch is swept from its top,
 * and everything above it was swept before.
 */
function sweep(
  upOff: Uint32Array,
  upEnd: Uint32Array,
  heads: Uint32Array,
  up: Float32Array,
  parent: Int32Array,
  toTarget: Float64Array,
  back: Uint32Array,
  time: Float64Array,
  swept: Uint32Array,
  stack: Uint32Array,
  sourceRanks: Uint32Array,
  sourceCount: number,
  gen: number,
  out: Float64Array,
  order: Uint32Array,
): number {
  let swept0 = 0;
  for (let i = 0; i < sourceCount; i++) {
    const r = sourceRanks[i]!;
    let sp = 0;
    for (let x = r; x >= 0 && swept[x] !== gen; x = parent[x]!) {
      swept[x] = gen;
      stack[sp++] = x;
    }
    while (sp > 0) {
      const x = stack[--sp]!;
      let best = back[x] === gen ? toTarget[x]! : Infinity;
      for (let a = upOff[x]!, end = upEnd[x]!; a < end; a++) {
        const d = up[a]! + time[heads[a]!]!;
        if (d < best) best = d;
      }
      time[x] = best;
      if (swept0 < order.length) order[swept0] = x;
      swept0++;
    }
    out[i] = time[r]!;
  }
  return swept0;
}
