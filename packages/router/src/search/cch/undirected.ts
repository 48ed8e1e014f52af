// The road graph with directions and parallel edges dropped: the structure a metric-independent
// contraction order is computed on (closures and oneways are metric, not structure).
import type { RoadGraph } from '../../graph/graph.js';

export interface Undirected {
  readonly n: number;
  /** Neighbours of v are adj[off[v]] .. adj[off[v+1]-1], sorted, without v itself or duplicates. */
  readonly off: Uint32Array;
  readonly adj: Uint32Array;
}

/** Undirected simple graph of a RoadGraph in O(n + E log deg). Precondition: none. */
export function undirectedOf(graph: RoadGraph): Undirected {
  const { nodeCount: n, offsets, targets } = graph;
  const deg = new Uint32Array(n + 1);
  for (let u = 0; u < n; u++) {
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = targets[e]!;
      if (v === u) continue;
      deg[u + 1]!++;
      deg[v + 1]!++;
    }
  }
  for (let v = 0; v < n; v++) deg[v + 1]! += deg[v]!;
  const raw = new Uint32Array(deg[n]!);
  const fill = deg.slice(0, n);
  for (let u = 0; u < n; u++) {
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = targets[e]!;
      if (v === u) continue;
      raw[fill[u]!++] = v;
      raw[fill[v]!++] = u;
    }
  }
  // Sort each row and drop duplicates, compacting in place.
  const off = new Uint32Array(n + 1);
  let k = 0;
  for (let v = 0; v < n; v++) {
    const row = raw.subarray(deg[v]!, deg[v + 1]!).sort();
    const start = k;
    for (let i = 0; i < row.length; i++) if (i === 0 || row[i] !== row[i - 1]) raw[k++] = row[i]!;
    off[v] = start;
    off[v + 1] = k;
  }
  return { n, off, adj: raw.slice(0, k) };
}
