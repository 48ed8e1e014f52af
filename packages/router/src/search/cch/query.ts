// One-to-many on the contracted graph: seconds from many sources to one target. A backward climb from the
// target gives, for each of its elimination-tree ancestors, the fastest drive down to the target. Then
// the union of the sources' ancestors is swept from the top down: a node's time to the target is the
// best of driving down from it directly and of driving up one arc to an ancestor whose time is already
// known. Every shortest path in the contracted graph goes up then down, so this is exact; and ancestors
// shared by many sources (the city's top separators) are swept once per query, not once per source.
import type { CchMetric } from './metric.js';
import type { CchStructure } from './structure.js';

export class CchQuery {
  private gen = 0;
  /** Time from a node up the tree to the target (valid where back[] === gen). */
  private readonly toTarget: Float64Array;
  private readonly back: Uint32Array;
  /** Time to the target of a swept node (valid where swept[] === gen). */
  private readonly time: Float64Array;
  private readonly swept: Uint32Array;
  private readonly stack: Uint32Array;

  /** Scratch for queries on structure s. Precondition: none. */
  constructor(readonly s: CchStructure) {
    const n = s.n;
    this.toTarget = new Float64Array(n);
    this.back = new Uint32Array(n);
    this.time = new Float64Array(n);
    this.swept = new Uint32Array(n);
    this.stack = new Uint32Array(n);
  }

  /** Bytes held by this scratch. Precondition: none. */
  get bytes(): number {
    return this.toTarget.byteLength + this.back.byteLength + this.time.byteLength + this.swept.byteLength + this.stack.byteLength;
  }

  /**
   * out[i] = seconds from node sources[i] to the nearest end, where ends[j] is a node reached at extra
   * cost endCosts[j]; Infinity when unreachable. Precondition: m customised for s; valid node ids.
   */
  run(m: CchMetric, ends: ArrayLike<number>, endCosts: ArrayLike<number>, sources: ArrayLike<number>, out: Float64Array): void {
    if (this.gen === 0xffffffff) {
      this.back.fill(0);
      this.swept.fill(0);
      this.gen = 0;
    }
    const gen = ++this.gen;
    const { rank, upOff, upHead, parent } = this.s;
    const { up, down } = m;
    const { toTarget, back, time, swept, stack } = this;
    // Backward: the ends' ancestors in ascending rank (collected in stack[], then sorted).
    let k = 0;
    for (let j = 0; j < ends.length; j++) {
      const r = rank[ends[j]!]!;
      const c = endCosts[j]!;
      for (let x = r; x >= 0 && back[x] !== gen; x = parent[x]!) {
        back[x] = gen;
        toTarget[x] = Infinity;
        stack[k++] = x;
      }
      if (c < toTarget[r]!) toTarget[r] = c;
    }
    // One end's ancestors come out of the walk already ascending; two ends' paths need merging.
    const climb = ends.length > 1 ? stack.subarray(0, k).sort() : stack;
    for (let i = 0; i < k; i++) {
      const x = climb[i]!;
      const dx = toTarget[x]!;
      if (dx === Infinity) continue;
      for (let a = upOff[x]!, end = upOff[x + 1]!; a < end; a++) {
        const y = upHead[a]!;
        const d = dx + down[a]!;
        if (d < toTarget[y]!) toTarget[y] = d;
      }
    }
    // Top-down sweep over the sources' ancestors, path by path: each new stretch is swept from its top,
    // and everything above it was swept before.
    for (let i = 0; i < sources.length; i++) {
      let sp = 0;
      for (let x = rank[sources[i]!]!; x >= 0 && swept[x] !== gen; x = parent[x]!) {
        swept[x] = gen;
        stack[sp++] = x;
      }
      while (sp > 0) {
        const x = stack[--sp]!;
        let best = back[x] === gen ? toTarget[x]! : Infinity;
        for (let a = upOff[x]!, end = upOff[x + 1]!; a < end; a++) {
          const d = up[a]! + time[upHead[a]!]!;
          if (d < best) best = d;
        }
        time[x] = best;
      }
      out[i] = time[rank[sources[i]!]!]!;
    }
  }
}
