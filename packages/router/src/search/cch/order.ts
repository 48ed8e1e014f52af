// A metric-independent contraction order. It never looks at weights, so it holds for every closure and
// slowdown; only the customisation (metric.ts) depends on them.
//
// 1. Nodes of degree <= 2 (the interior of road chains, dead ends) come first: eliminating them adds one
//    arc per chain between its end nodes, as chain contraction would.
// 2. The rest by nested dissection: split a cell by a small vertex separator, give the separator the
//    cell's highest ranks, recurse into both sides. Separators come from max-flow between the two ends
//    of the cell along one of four directions (flow-cut.ts), the smallest of the four; small cells are
//    split geometrically at the median.
import type { RoadGraph } from '../../graph/graph.js';
import { projectionOf } from '../../snap/projection.js';
import { minVertexCut, type LocalGraph } from './flow-cut.js';
import type { Undirected } from './undirected.js';

/** Cells up to this many nodes are split at the median without a flow computation. */
const GEOMETRIC_CELL = 48;
const DIRECTIONS: [number, number][] = [
  [1, 0],
  [0, 1],
  [Math.SQRT1_2, Math.SQRT1_2],
  [Math.SQRT1_2, -Math.SQRT1_2],
];
/**
 * Share of a cell at each end that becomes the flow's source and sink. Measured on the 50k-node demo
 * city: 1/4 and 1/3 give the same query work (~300k arcs swept per 50-source query; 1/2.5 gives 377k),
 * and 1/3 computes the order in 2.6 s against 4.5 s. Eight directions instead of four: within 2%.
 */
const TERMINAL_SHARE = 1 / 3;

/** order[r] is the node of rank r. Precondition: u is undirectedOf(graph). */
export function contractionOrder(graph: RoadGraph, u: Undirected): Uint32Array {
  const { n, off } = u;
  const isCore = new Uint8Array(n);
  for (let v = 0; v < n; v++) isCore[v] = off[v + 1]! - off[v]! > 2 ? 1 : 0;
  const order = new Uint32Array(n);
  const low = orderChains(u, isCore, order);
  const core = coreGraph(u, isCore);
  const p = projectionOf(graph);
  const cx = new Float64Array(core.nodes.length);
  const cy = new Float64Array(core.nodes.length);
  core.nodes.forEach((v, i) => ((cx[i] = p.x(v)), (cy[i] = p.y(v))));
  const coreOrder = dissect(core.graph, cx, cy);
  for (let i = 0; i < coreOrder.length; i++) order[low + i] = core.nodes[coreOrder[i]!]!;
  return order;
}

/**
 * Ranks the nodes of degree <= 2 from 0 up, chain by chain, each chain by bisection (its middle node
 * highest) so that a search from inside a long chain climbs log(length) nodes, not length. Returns how
 * many it ranked.
 */
function orderChains(u: Undirected, isCore: Uint8Array, order: Uint32Array): number {
  const { n, off, adj } = u;
  const seen = new Uint8Array(n);
  let low = 0;
  const seq: number[] = [];
  const spans: number[] = [];
  for (let v = 0; v < n; v++) {
    if (isCore[v] || seen[v]) continue;
    seen[v] = 1;
    // Walk both ways from v along unseen degree-<=2 nodes.
    const halves: number[][] = [];
    for (let i = off[v]!; i < off[v + 1]!; i++) {
      const half: number[] = [];
      let prev = v;
      let w = adj[i]!;
      while (!isCore[w] && !seen[w]) {
        seen[w] = 1;
        half.push(w);
        let next = -1;
        for (let j = off[w]!; j < off[w + 1]!; j++) if (adj[j] !== prev) next = adj[j]!;
        if (next < 0) break;
        prev = w;
        w = next;
      }
      halves.push(half);
    }
    seq.length = 0;
    seq.push(...(halves[0] ?? []).reverse(), v, ...(halves[1] ?? []));
    // Bisection: hand out the chain's ranks from its top down, middles first.
    let top = low + seq.length;
    spans.length = 0;
    spans.push(0, seq.length - 1);
    while (spans.length) {
      const hi = spans.pop()!;
      const lo = spans.pop()!;
      if (lo > hi) continue;
      const mid = (lo + hi) >> 1;
      order[--top] = seq[mid]!;
      spans.push(lo, mid - 1, mid + 1, hi);
    }
    low += seq.length;
  }
  return low;
}

/** The graph among nodes of degree >= 3, a chain of degree-2 nodes between two of them becoming one edge. */
function coreGraph(u: Undirected, isCore: Uint8Array): { nodes: Uint32Array; graph: LocalGraph } {
  const { n, off, adj } = u;
  const id = new Int32Array(n).fill(-1);
  const nodes: number[] = [];
  for (let v = 0; v < n; v++) if (isCore[v]) id[v] = nodes.push(v) - 1;
  const rows: number[][] = nodes.map(() => []);
  for (const v of nodes) {
    for (let i = off[v]!; i < off[v + 1]!; i++) {
      let prev = v;
      let w = adj[i]!;
      // Walk along the chain to its other end (stops at a dead end or back at v).
      while (!isCore[w] && off[w + 1]! - off[w]! === 2) {
        const a = adj[off[w]!]!;
        const next = a === prev ? adj[off[w]! + 1]! : a;
        prev = w;
        w = next;
        if (w === v) break;
      }
      if (isCore[w] && w !== v) rows[id[v]!]!.push(id[w]!);
    }
  }
  return { nodes: Uint32Array.from(nodes), graph: localGraph(rows) };
}

/** A LocalGraph from neighbour lists (made symmetric, sorted and without duplicates). */
export function localGraph(rows: number[][]): LocalGraph {
  const k = rows.length;
  const sym: number[][] = rows.map((r) => r.slice());
  rows.forEach((r, v) => r.forEach((w) => sym[w]!.push(v)));
  const off = new Uint32Array(k + 1);
  const lists = sym.map((r) => [...new Set(r)].filter((w) => w >= 0).sort((a, b) => a - b));
  lists.forEach((r, v) => (off[v + 1] = off[v]! + r.length));
  const adj = new Uint32Array(off[k]!);
  lists.forEach((r, v) => adj.set(r, off[v]!));
  const rev = new Uint32Array(adj.length);
  for (let v = 0; v < k; v++) {
    for (let i = off[v]!; i < off[v + 1]!; i++) {
      const w = adj[i]!;
      // position of v in w's sorted row
      let lo = off[w]!;
      let hi = off[w + 1]! - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (adj[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      rev[i] = lo;
    }
  }
  return { k, off, adj, rev };
}

/** Nested dissection of a local graph: order[r] = local node of rank r. */
function dissect(g: LocalGraph, x: Float64Array, y: Float64Array): Uint32Array {
  const order = new Uint32Array(g.k);
  let next = g.k;
  const stack: Uint32Array[] = g.k ? [Uint32Array.from({ length: g.k }, (_, i) => i)] : [];
  const local = new Int32Array(g.k).fill(-1);
  while (stack.length) {
    const cell = stack.pop()!;
    if (cell.length <= 2) {
      for (const v of cell) order[--next] = v;
      continue;
    }
    const split = cell.length <= GEOMETRIC_CELL ? null : flowSplit(g, cell, x, y, local);
    const side = split ?? medianSplit(g, cell, x, y, local);
    const parts: number[][] = [[], []];
    for (let i = cell.length - 1; i >= 0; i--) if (side[i] === 2) order[--next] = cell[i]!;
    cell.forEach((v, i) => side[i]! < 2 && parts[side[i]!]!.push(v));
    for (const p of parts) if (p.length) stack.push(Uint32Array.from(p));
  }
  return order;
}

/** The cell's subgraph with local ids 0..cell.length-1 (local[] is left all -1 again). */
function subgraph(g: LocalGraph, cell: Uint32Array, local: Int32Array): LocalGraph {
  cell.forEach((v, i) => (local[v] = i));
  const rows: number[][] = [];
  for (const v of cell) {
    const row: number[] = [];
    for (let i = g.off[v]!; i < g.off[v + 1]!; i++) if (local[g.adj[i]!]! >= 0) row.push(local[g.adj[i]!]!);
    rows.push(row);
  }
  for (const v of cell) local[v] = -1;
  return localGraph(rows);
}

/** Sides (0, 1, 2 = separator) of the best of four flow cuts, or null if none applies. */
function flowSplit(g: LocalGraph, cell: Uint32Array, x: Float64Array, y: Float64Array, local: Int32Array): Uint8Array | null {
  const sub = subgraph(g, cell, local);
  const key = new Float64Array(cell.length);
  const terminal = new Uint8Array(cell.length);
  let best: Uint8Array | null = null;
  let bestSize = Infinity;
  for (const [dx, dy] of DIRECTIONS) {
    cell.forEach((v, i) => (key[i] = x[v]! * dx + y[v]! * dy));
    const sorted = key.slice().sort();
    const lo = sorted[Math.floor(sorted.length * TERMINAL_SHARE)]!;
    const hi = sorted[Math.ceil(sorted.length * (1 - TERMINAL_SHARE)) - 1]!;
    if (!(lo < hi)) continue;
    for (let i = 0; i < key.length; i++) terminal[i] = key[i]! <= lo ? 1 : key[i]! >= hi ? 2 : 0;
    const cut = minVertexCut(sub, terminal, bestSize);
    if (cut && cut.size < bestSize) {
      bestSize = cut.size;
      best = cut.side;
    }
  }
  return best;
}

/** Sides of a split at the median along the cell's longer axis, the smaller boundary as separator. */
function medianSplit(g: LocalGraph, cell: Uint32Array, x: Float64Array, y: Float64Array, local: Int32Array): Uint8Array {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const v of cell) {
    minX = Math.min(minX, x[v]!);
    maxX = Math.max(maxX, x[v]!);
    minY = Math.min(minY, y[v]!);
    maxY = Math.max(maxY, y[v]!);
  }
  const along = maxX - minX >= maxY - minY ? x : y;
  const idx = Array.from(cell.keys()).sort((a, b) => along[cell[a]!]! - along[cell[b]!]! || a - b);
  const side = new Uint8Array(cell.length);
  idx.forEach((i, r) => (side[i] = r < cell.length >> 1 ? 0 : 1));
  cell.forEach((v, i) => (local[v] = i));
  const boundary: number[][] = [[], []];
  cell.forEach((v, i) => {
    for (let j = g.off[v]!; j < g.off[v + 1]!; j++) {
      const w = local[g.adj[j]!]!;
      if (w >= 0 && side[w] !== side[i]) {
        boundary[side[i]!]!.push(i);
        break;
      }
    }
  });
  for (const v of cell) local[v] = -1;
  const sep = boundary[0]!.length <= boundary[1]!.length ? boundary[0]! : boundary[1]!;
  for (const i of sep) side[i] = 2;
  return side;
}
