// Search state reused between queries on one graph. Each search takes two new stamp values, `reached`
// and `reached + 1` (settled): a node's distance is valid where stamp[v] === reached, final where
// stamp[v] === reached + 1, and any smaller stamp is left over from an earlier search. Starting a search
// is O(1) (two more stamp values) instead of O(n) (refilling arrays): on a 50k-node city a refill alone
// would cost more than a dispatch query that settles a few thousand nodes. One Uint32 stamp per node
// instead of separate reached/settled/goal arrays keeps a million-node city's state at 16 bytes a node.
import type { RoadGraph } from '../graph/graph.js';
import { MinHeap } from './heap.js';

/** Largest `reached` stamp before the stamps are cleared and restarted. */
const LAST_STAMP = 0xfffffffc;

export class SearchState {
  /** Stamp of nodes reached in the current search; settled nodes carry reached + 1. */
  reached = 0;
  readonly stamp: Uint32Array;
  readonly dist: Float64Array;
  /** Forward edge by which each node was reached; -1 for a start node. */
  readonly parentEdge: Int32Array;
  /** The current search's goal nodes. */
  readonly goal: NodeSet;
  readonly heap: MinHeap;
  private orderArray: Uint32Array | null = null;

  /** State for a graph of n nodes. Precondition: n >= 0. */
  constructor(n: number) {
    this.stamp = new Uint32Array(n);
    this.dist = new Float64Array(n);
    this.parentEdge = new Int32Array(n);
    this.goal = new NodeSet(n);
    // The heap holds the search frontier (plus stale entries), far fewer than n on a road network; it
    // grows by doubling when a search needs more.
    this.heap = new MinHeap(Math.min(Math.max(n, 1), 4096));
  }

  /** Starts a new search; returns its `reached` stamp (settled is one more). Precondition: none. */
  begin(): number {
    if (this.reached >= LAST_STAMP) {
      this.stamp.fill(0);
      this.reached = 0;
    }
    this.heap.clear();
    this.goal.clear();
    this.reached += 2;
    return this.reached;
  }

  /** Offers a start node at distance d with heap key `key` (d plus any A* bound). Precondition: begin() was called. */
  offer(v: number, d: number, key: number, parentEdge: number): void {
    const st = this.stamp[v]!;
    if (st < this.reached || (st === this.reached && d < this.dist[v]!)) {
      this.stamp[v] = this.reached;
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
    return this.stamp[v] === this.reached + 1;
  }
}

/** A set of node ids as a bitmap, cleared in O(size) by remembering its members. */
export class NodeSet {
  private readonly bits: Uint8Array;
  private members = new Uint32Array(16);
  /** Number of distinct members. */
  size = 0;

  /** An empty set of nodes below n. Precondition: n >= 0. */
  constructor(n: number) {
    this.bits = new Uint8Array((n + 7) >> 3);
  }

  /** Adds v; returns whether it was new. Precondition: 0 <= v < n. */
  add(v: number): boolean {
    const bit = 1 << (v & 7);
    const i = v >> 3;
    if (this.bits[i]! & bit) return false;
    this.bits[i]! |= bit;
    if (this.size === this.members.length) {
      const bigger = new Uint32Array(this.size * 2);
      bigger.set(this.members);
      this.members = bigger;
    }
    this.members[this.size++] = v;
    return true;
  }

  /** Whether v is in the set. Precondition: 0 <= v < n. */
  has(v: number): boolean {
    return (this.bits[v >> 3]! & (1 << (v & 7))) !== 0;
  }

  /** Empties the set. Precondition: none. */
  clear(): void {
    for (let i = 0; i < this.size; i++) this.bits[this.members[i]! >> 3] = 0;
    this.size = 0;
  }
}

const states = new WeakMap<RoadGraph, SearchState>();

/**
 * The graph's reusable search state. Searches are synchronous and never nest, so forward and backward
 * searches share one (on a 1M-node graph it is ~16 MB). `_reverse` is kept for callers that say which
 * direction they search. Precondition: callers copy answers out before the next search on the graph.
 */
export function stateFor(graph: RoadGraph, _reverse = false): SearchState {
  let s = states.get(graph);
  if (!s) {
    s = new SearchState(graph.nodeCount);
    states.set(graph, s);
  }
  return s;
}
