// Search state reused between queries on one graph. A node's distance is valid only where
// mark[v] === gen, and it is final where done[v] === gen, so starting a new search is O(1) (bump gen)
// instead of O(n) (refill arrays): on a 50k-node city a refill alone would cost more than a dispatch
// query that settles a few thousand nodes.
import type { RoadGraph } from '../graph/graph.js';
import { MinHeap } from './heap.js';

export class SearchState {
  gen = 0;
  readonly dist: Float64Array;
  readonly mark: Uint32Array;
  readonly done: Uint32Array;
  /** Forward edge by which each node was reached; -1 for a start node. */
  readonly parentEdge: Int32Array;
  /** Stamps goal nodes in the current generation. */
  readonly goal: Uint32Array;
  readonly heap: MinHeap;
  private orderArray: Uint32Array | null = null;

  /** State for a graph of n nodes. Precondition: n >= 0. */
  constructor(n: number) {
    this.dist = new Float64Array(n);
    this.mark = new Uint32Array(n);
    this.done = new Uint32Array(n);
    this.parentEdge = new Int32Array(n);
    this.goal = new Uint32Array(n);
    // The heap holds the search frontier (plus stale entries), far fewer than n on a road network; it
    // grows by doubling when a search needs more.
    this.heap = new MinHeap(Math.min(Math.max(n, 1), 4096));
  }

  /** Starts a new search; returns its generation. Precondition: none. */
  begin(): number {
    if (this.gen === 0xfffffffe) {
      this.mark.fill(0);
      this.done.fill(0);
      this.goal.fill(0);
      this.gen = 0;
    }
    this.heap.clear();
    return ++this.gen;
  }

  /** Offers a start node at distance d with heap key `key` (d plus any A* bound). Precondition: begin() was called. */
  offer(v: number, d: number, key: number, parentEdge: number): void {
    if (this.mark[v] !== this.gen || d < this.dist[v]!) {
      this.mark[v] = this.gen;
      this.dist[v] = d;
      this.parentEdge[v] = parentEdge;
      this.heap.push(v, key);
    }
  }

  /** A node-sized scratch array for collecting nodes in settle order, allocated on first use. Precondition: none. */
  get order(): Uint32Array {
    return (this.orderArray ??= new Uint32Array(this.dist.length));
  }

  /** Whether v was settled in this search. Precondition: none. */
  settled(v: number): boolean {
    return this.done[v] === this.gen;
  }
}

const states = new WeakMap<RoadGraph, SearchState>();

/**
 * The graph's reusable search state. Searches are synchronous and never nest, so forward and backward
 * searches share one (on a 1M-node graph each copy is ~24 MB). `_reverse` is kept for callers that say
 * which direction they search. Precondition: callers copy answers out before the next search on the graph.
 */
export function stateFor(graph: RoadGraph, _reverse = false): SearchState {
  let s = states.get(graph);
  if (!s) {
    s = new SearchState(graph.nodeCount);
    states.set(graph, s);
  }
  return s;
}
