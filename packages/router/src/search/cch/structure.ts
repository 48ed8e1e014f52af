// The contracted graph's structure for a contraction order: every node's upper neighbours after
// eliminating all lower nodes (the chordal supergraph, computed like a symbolic Cholesky factorisation
// along the elimination tree). Everything is indexed by rank, and arcs are stored by tail rank, so arc
// ids increase with their tail: arcs of rank r are upOff[r] .. upOff[r+1]-1, heads sorted ascending.
import { Growable } from '../../graph/growable.js';
import type { RoadGraph } from '../../graph/graph.js';
import type { Undirected } from './undirected.js';

export interface CchStructure {
  readonly n: number;
  /** rank[v] of node v, and node[r] of rank r. */
  readonly rank: Uint32Array;
  readonly node: Uint32Array;
  readonly upOff: Uint32Array;
  /** Head rank of each arc (always above its tail). */
  readonly upHead: Uint32Array;
  /** Elimination-tree parent rank (lowest upper neighbour), -1 for a root. */
  readonly parent: Int32Array;
  /** Arcs into rank r from below: downOff[r] .. downOff[r+1]-1, tails ascending, with their arc ids. */
  readonly downOff: Uint32Array;
  readonly downTail: Uint32Array;
  readonly downArc: Uint32Array;
  /** Per road edge: 2 * arc + 0 when it runs up the arc (tail to head), + 1 when down; -1 for a loop. */
  readonly edgeArc: Int32Array;
}

/** The structure of the order's chordal supergraph. Precondition: u = undirectedOf(graph); order a permutation. */
export function buildStructure(graph: RoadGraph, u: Undirected, order: Uint32Array): CchStructure {
  const { n, off, adj } = u;
  const rank = new Uint32Array(n);
  for (let r = 0; r < n; r++) rank[order[r]!] = r;
  const upOff = new Uint32Array(n + 1);
  const heads = new Growable(Uint32Array, Math.max(1024, adj.length));
  const parent = new Int32Array(n).fill(-1);
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  const seen = new Int32Array(n).fill(-1);
  let row = new Uint32Array(64);
  let k = 0;
  const add = (h: number, r: number): void => {
    if (seen[h] === r) return;
    seen[h] = r;
    if (k === row.length) {
      const bigger = new Uint32Array(row.length * 2);
      bigger.set(row);
      row = bigger;
    }
    row[k++] = h;
  };
  for (let r = 0; r < n; r++) {
    k = 0;
    const v = order[r]!;
    for (let i = off[v]!; i < off[v + 1]!; i++) {
      const h = rank[adj[i]!]!;
      if (h > r) add(h, r);
    }
    // N+(r) = its own upper neighbours and those of its children in the elimination tree, minus r.
    for (let c = firstChild[r]!; c >= 0; c = nextSibling[c]!) {
      for (let i = upOff[c]!; i < upOff[c + 1]!; i++) {
        const h = heads.get(i);
        if (h !== r) add(h, r);
      }
    }
    const sorted = row.subarray(0, k).sort();
    for (let i = 0; i < k; i++) heads.push(sorted[i]!);
    upOff[r + 1] = upOff[r]! + k;
    if (k > 0) {
      const p = sorted[0]!;
      parent[r] = p;
      nextSibling[r] = firstChild[p]!;
      firstChild[p] = r;
    }
  }
  const upHead = heads.toArray();
  const { downOff, downTail, downArc } = downLists(n, upOff, upHead);
  const s = { n, rank, node: order, upOff, upHead, parent, downOff, downTail, downArc };
  return { ...s, edgeArc: edgeArcs(graph, s) };
}

function downLists(n: number, upOff: Uint32Array, upHead: Uint32Array) {
  const downOff = new Uint32Array(n + 1);
  for (let a = 0; a < upHead.length; a++) downOff[upHead[a]! + 1]!++;
  for (let r = 0; r < n; r++) downOff[r + 1]! += downOff[r]!;
  const fill = downOff.slice(0, n);
  const downTail = new Uint32Array(upHead.length);
  const downArc = new Uint32Array(upHead.length);
  // Tails visited in ascending order, so each list comes out sorted.
  for (let r = 0; r < n; r++) {
    for (let a = upOff[r]!; a < upOff[r + 1]!; a++) {
      const at = fill[upHead[a]!]!++;
      downTail[at] = r;
      downArc[at] = a;
    }
  }
  return { downOff, downTail, downArc };
}

/** Arc id of (tail, head) with tail < head, or -1. Precondition: ranks of this structure. */
export function arcOf(s: Pick<CchStructure, 'upOff' | 'upHead'>, tail: number, head: number): number {
  let lo = s.upOff[tail]!;
  let hi = s.upOff[tail + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const h = s.upHead[mid]!;
    if (h < head) lo = mid + 1;
    else if (h > head) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * Arc id of (tail, head) in tail's row, searching from `from`, a position at or before it: a few steps
 * forward, then bisection. Precondition: the arc exists.
 */
export function arcFrom(upOff: Uint32Array, upHead: Uint32Array, tail: number, from: number, head: number): number {
  let a = from;
  for (let k = 0; k < 4; k++, a++) if (upHead[a] === head) return a;
  let lo = a;
  let hi = upOff[tail + 1]! - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (upHead[mid]! < head) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Tail rank of arc a: the r with upOff[r] <= a < upOff[r+1]. Precondition: a is an arc. */
export function tailOf(upOff: Uint32Array, a: number): number {
  let lo = 0;
  let hi = upOff.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (upOff[mid]! <= a) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function edgeArcs(graph: RoadGraph, s: Pick<CchStructure, 'rank' | 'upOff' | 'upHead'>): Int32Array {
  const { offsets, targets } = graph;
  const edgeArc = new Int32Array(graph.edgeCount).fill(-1);
  for (let v = 0; v < graph.nodeCount; v++) {
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      const a = s.rank[v]!;
      const b = s.rank[targets[e]!]!;
      if (a !== b) edgeArc[e] = a < b ? 2 * arcOf(s, a, b) : 2 * arcOf(s, b, a) + 1;
    }
  }
  return edgeArc;
}
