// Which road weights the metric holds, and which roads' live weights have moved away from them since it
// was last repaired. A closure is not repaired into the metric while queries can answer around it
// (checked-query.ts); when it is lifted, the live weights are the held ones again and there is nothing
// left to repair.
import type { RoadGraph } from '../../graph/graph.js';
import type { Risen } from './checked-query.js';

/** What the pending roads' live weights did relative to the held ones (HeldWeights.drift). */
export const NONE = 0;
/** Every pending road is slower (or closed): the metric's times are lower bounds. */
export const ROSE = 1;
/** Some pending road is faster: the metric must be repaired before answering. */
export const FELL = 2;

export class HeldWeights implements Risen {
  /** The road weights the metric was customised or last repaired for. */
  readonly held: Float32Array;
  /** The pending roads (live weight != held), their tails and heads: the first `count` entries. */
  edges = new Uint32Array(64);
  tails = new Uint32Array(64);
  targets = new Uint32Array(64);
  count = 0;
  private readonly pending: Uint8Array;
  private taken = new Uint32Array(64);

  /** In step with `current`. Precondition: current has graph.edgeCount entries. */
  constructor(
    private readonly graph: RoadGraph,
    current: Float32Array,
  ) {
    this.held = current.slice();
    this.pending = new Uint8Array(graph.edgeCount);
  }

  /** Bytes of typed arrays held. Precondition: none. */
  get bytes(): number {
    const arrays = [this.held, this.pending, this.edges, this.tails, this.targets, this.taken];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0);
  }

  /** Notes roads whose live weight may have changed (repeats allowed). Precondition: valid edge ids. */
  note(edges: ArrayLike<number>): void {
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i]!;
      if (this.pending[e]) continue;
      this.pending[e] = 1;
      if (this.count === this.edges.length) this.grow();
      this.edges[this.count++] = e;
    }
  }

  /**
   * Drops the pending roads whose live weight is the held one again, finds the tails of new ones, and
   * says how the rest moved. Precondition: current is the live weights noted so far.
   */
  drift(current: Float32Array): number {
    const { edges, tails, targets, held, pending } = this;
    const { offsets } = this.graph;
    let k = 0;
    let fell = false;
    for (let i = 0; i < this.count; i++) {
      const e = edges[i]!;
      if (current[e] === held[e]) {
        pending[e] = 0;
        continue;
      }
      if (current[e]! < held[e]!) fell = true;
      edges[k] = e;
      let u = tails[i]!;
      // Tails are found once per road (binary search), then kept beside it.
      if (!(offsets[u]! <= e && e < offsets[u + 1]!)) u = tailOf(offsets, e);
      tails[k] = u;
      targets[k++] = this.graph.targets[e]!;
    }
    this.count = k;
    return k === 0 ? NONE : fell ? FELL : ROSE;
  }

  /**
   * Takes pending roads out to be repaired into the metric: the oldest `max` of them, or with `onlyFalls`
   * those whose live weight is below the held one. Their live weights become the held ones (the metric
   * must then be repaired for them against `held`); the rest stay pending, in order. Returns the roads
   * taken (valid until the next call). Precondition: drift called since the last change.
   */
  take(current: Float32Array, onlyFalls: boolean, max: number): Uint32Array {
    const { edges, tails, targets, held, pending } = this;
    if (this.taken.length < this.count) this.taken = new Uint32Array(this.edges.length);
    let n = 0;
    let k = 0;
    for (let i = 0; i < this.count; i++) {
      const e = edges[i]!;
      if (n < max && (!onlyFalls || current[e]! < held[e]!)) {
        held[e] = current[e]!;
        pending[e] = 0;
        this.taken[n++] = e;
        continue;
      }
      edges[k] = e;
      tails[k] = tails[i]!;
      targets[k++] = targets[i]!;
    }
    this.count = k;
    return this.taken.subarray(0, n);
  }

  private grow(): void {
    const size = 2 * this.edges.length;
    for (const key of ['edges', 'tails', 'targets'] as const) {
      const bigger = new Uint32Array(size);
      bigger.set(this[key]);
      this[key] = bigger;
    }
  }
}

/** The node whose edge list holds edge e. */
function tailOf(offsets: Uint32Array, e: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (offsets[mid]! <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
