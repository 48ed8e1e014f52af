// A query on a metric that is behind the live weights by some rises only (closures and slowdowns not yet
// repaired into it), exact all the same: from the metric for the units those roads cannot matter to, by
// a search for the others.
//
// When weights only rise, no time gets shorter, and a source's time is unchanged when at least one of
// its fastest paths on the metric's weights uses no risen road. With T the metric's times to the target,
// a risen road u -> v (weight w before) lies on some fastest path to the target only when it is tight:
// w + T(v) = T(u); and on some fastest path from source s only when moreover d(s, u) + T(u) = T(s). So:
//
//  1. the usual climb from the target, and a sweep over the risen roads' end nodes for their T;
//  2. a second climb, from the tails u of the tight roads at cost T(u): "via" times down to the target
//     through a tight road;
//  3. a flag per swept node, "one of its fastest paths may use a tight road": true where its via time
//     equals its time, or where an arc on one of its fastest ways up (up + T(head) = T(node)) leads to a
//     flagged node. Computed top-down with the times themselves, in the sources' sweep, ties included.
//
// A source whose flag stays clear keeps its time exactly. A flagged one gets its time from a search on the
// live weights guided by the metric's times (detour-search.ts); if those searches grow too large the caller
// repairs the metric and asks again. All comparisons lean towards flagging (<=): rounding can only cost work.
import type { RoadGraph } from '../../graph/graph.js';
import { LIVE_EXACT_S } from '../../weights/edge-weights.js';
import { DetourSearch } from './detour-search.js';
import type { CchMetric } from './metric.js';
import type { CchQuery } from './query.js';

/** The roads whose live weight rose above what the metric holds: tails, heads, and the held weights. */
export interface Risen {
  readonly count: number;
  readonly edges: Uint32Array;
  readonly tails: Uint32Array;
  readonly targets: Uint32Array;
  readonly held: Float32Array;
}

/** Scratch of the checked query, per structure. */
export class CheckScratch {
  private ends = new Uint32Array(64);
  private endTimes = new Float64Array(64);
  private endRanks = new Uint32Array(64);
  private endCosts = new Float64Array(64);
  private flagged = new Uint32Array(64);
  private readonly order: Uint32Array;
  private readonly detour: DetourSearch;

  /** Scratch for queries on this graph's structure of n nodes. Precondition: none. */
  constructor(graph: RoadGraph, n: number) {
    this.order = new Uint32Array(n);
    this.detour = new DetourSearch(graph);
  }

  /** Bytes held. Precondition: none. */
  get bytes(): number {
    const arrays = [this.ends, this.endTimes, this.endRanks, this.endCosts, this.flagged, this.order];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0) + this.detour.bytes;
  }

  /** Nodes settled by the searches for flagged sources so far (all queries). Precondition: none. */
  get detourSettled(): number {
    return this.detour.settled;
  }

  /**
   * Like CchQuery.run on metric m, which holds `risen.held` for the risen roads and the live weights
   * `current` for every other one; returns true when out holds the exact times for the live weights, false
   * when that would take searches settling more than maxSettled nodes (out is then unspecified; see
   * detourSettled for the work done). Precondition: every risen road's live weight >= its held weight;
   * valid node ids.
   */
  run(
    q: CchQuery,
    m: CchMetric,
    current: Float32Array,
    ends: ArrayLike<number>,
    endCosts: ArrayLike<number>,
    sources: ArrayLike<number>,
    out: Float64Array,
    risen: Risen,
    maxSettled: number,
  ): boolean {
    const gen = q.begin(m, ends, endCosts);
    const { count, edges, tails, targets, held } = risen;
    // 1. T at both ends of every risen road.
    if (this.ends.length < 2 * count) {
      this.ends = new Uint32Array(4 * count);
      this.endTimes = new Float64Array(4 * count);
      this.endRanks = new Uint32Array(2 * count);
      this.endCosts = new Float64Array(2 * count);
    }
    for (let i = 0; i < count; i++) {
      this.ends[2 * i] = tails[i]!;
      this.ends[2 * i + 1] = targets[i]!;
    }
    const ends2 = this.ends.subarray(0, 2 * count);
    const times = this.endTimes.subarray(0, 2 * count);
    const swept = q.sweepFrom(m, ends2, times, this.order);
    // 2. The tight ones, and the climb through them.
    const { rank } = q.s;
    let tight = 0;
    for (let i = 0; i < count; i++) {
      const tu = times[2 * i]!;
      if (tails[i] === targets[i] || tu === Infinity || !(held[edges[i]!]! + times[2 * i + 1]! <= tu)) continue;
      this.endRanks[tight] = rank[tails[i]!]!;
      this.endCosts[tight++] = tu;
    }
    if (tight === 0) {
      q.sweepFrom(m, sources, out);
      return withinExactRange(out, sources.length);
    }
    const { upOff, parent } = q.s;
    const l = m.lists;
    climbVia(q, upOff, l.downEnd, l.downHeads, l.downWeights, parent, this.endRanks, this.endCosts, tight, gen);
    // 3. Flags of the nodes swept so far (finalised top-down), then the sources' sweep with flags.
    flagSwept(q, m, this.order, Math.min(swept, this.order.length), gen);
    if (this.flagged.length < sources.length) this.flagged = new Uint32Array(2 * sources.length);
    const flagged = sweepFlagging(q, m, sources, out, gen, this.flagged);
    if (!withinExactRange(out, sources.length)) return false;
    // 4. The flagged sources' times by a search on the live weights (detour-search.ts).
    let budget = maxSettled;
    for (let k = 0; k < flagged; k++) {
      const i = this.flagged[k]!;
      const before = this.detour.settled;
      const t = this.detour.run(q, m, current, ends, endCosts, sources[i]!, budget);
      if (t === null) return false;
      budget -= this.detour.settled - before;
      out[i] = t;
    }
    return true;
  }
}

/** Sums below LIVE_EXACT_S are exact (edge-weights.ts), so ties are seen as ties; beyond, repair instead. */
function withinExactRange(out: Float64Array, count: number): boolean {
  for (let i = 0; i < count; i++) if (out[i]! >= LIVE_EXACT_S && out[i] !== Infinity) return false;
  return true;
}

/**
 * Via times (toVia, stamped in backVia) on the tight tails' ancestors, climbing like query.ts's climb
 * but not from a node whose via time is above its time: nothing above can then tie with its own time
 * through it (time[y] <= down(y, x) + time[x]), and only ties matter to the flags.
 */
function climbVia(
  q: CchQuery,
  upOff: Uint32Array,
  downEnd: Uint32Array,
  heads: Uint32Array,
  down: Float32Array,
  parent: Int32Array,
  endRanks: Uint32Array,
  endCosts: Float64Array,
  endCount: number,
  gen: number,
): void {
  const { toVia, backVia, stack, time } = q;
  let k = 0;
  for (let j = 0; j < endCount; j++) {
    const r = endRanks[j]!;
    for (let x = r; x >= 0 && backVia[x] !== gen; x = parent[x]!) {
      backVia[x] = gen;
      toVia[x] = Infinity;
      stack[k++] = x;
    }
    if (endCosts[j]! < toVia[r]!) toVia[r] = endCosts[j]!;
  }
  if (endCount > 1) stack.subarray(0, k).sort();
  for (let i = 0; i < k; i++) {
    const x = stack[i]!;
    const dx = toVia[x]!;
    if (!(dx <= time[x]!)) continue;
    for (let a = upOff[x]!, end = downEnd[x]!; a < end; a++) {
      const y = heads[a]!;
      const d = dx + down[a]!;
      if (d < toVia[y]!) toVia[y] = d;
    }
  }
}

/**
 * The flag of each node in `order` (ranks, each after all its upper neighbours), from their times. Upper
 * neighbours are elimination-tree ancestors, so a node with no flagged ancestor need not read its arcs.
 */
function flagSwept(q: CchQuery, m: CchMetric, order: Uint32Array, count: number, gen: number): void {
  const { upOff, parent } = q.s;
  const { upEnd, upHeads, upWeights } = m.lists;
  const { time, toVia, backVia, hit, hitAbove } = q;
  for (let k = 0; k < count; k++) {
    const x = order[k]!;
    const p = parent[x]!;
    const above = p >= 0 && (hit[p] === gen || hitAbove[p] === gen);
    if (above) hitAbove[x] = gen;
    const t = time[x]!;
    if (t === Infinity) continue;
    let f = backVia[x] === gen && toVia[x]! <= t;
    if (above) {
      for (let a = upOff[x]!, end = upEnd[x]!; !f && a < end; a++) {
        const h = upHeads[a]!;
        if (hit[h] === gen && upWeights[a]! + time[h]! <= t) f = true;
      }
    }
    if (f) hit[x] = gen;
  }
}

/**
 * The sources' sweep (as in query.ts) also setting each new node's flag; the ancestors already swept
 * have theirs. A node new here has no via time: the via climb covered only ancestors of risen roads'
 * tails, all swept in step 1. Lists the flagged sources' positions in `flagged`; returns how many.
 */
function sweepFlagging(q: CchQuery, m: CchMetric, sources: ArrayLike<number>, out: Float64Array, gen: number, flagged: Uint32Array): number {
  const { rank, upOff, parent } = q.s;
  const { upEnd, upHeads, upWeights } = m.lists;
  const { time, swept, toTarget, back, hit, stack } = q;
  let count = 0;
  for (let i = 0; i < sources.length; i++) {
    const r = rank[sources[i]!]!;
    let sp = 0;
    for (let x = r; x >= 0 && swept[x] !== gen; x = parent[x]!) {
      swept[x] = gen;
      stack[sp++] = x;
    }
    while (sp > 0) {
      const x = stack[--sp]!;
      let best = back[x] === gen ? toTarget[x]! : Infinity;
      let f = false;
      for (let a = upOff[x]!, end = upEnd[x]!; a < end; a++) {
        const h = upHeads[a]!;
        const d = upWeights[a]! + time[h]!;
        if (d < best) {
          best = d;
          f = hit[h] === gen;
        } else if (d === best && hit[h] === gen) f = true;
      }
      time[x] = best;
      if (f && best !== Infinity) hit[x] = gen;
    }
    out[i] = time[r]!;
    if (hit[r] === gen) flagged[count++] = i;
  }
  return count;
}
