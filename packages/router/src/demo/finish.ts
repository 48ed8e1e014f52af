// Turns the drawn network into a RoadGraph a dispatcher can rely on: one piece (stray bits are linked to
// the city or dropped), strongly connected for vehicles (a oneway street that traps traffic is made
// two-way), nodes numbered along a Hilbert curve (neighbours in space are neighbours in memory, as a good
// importer would lay them out), lengths by great circle and durations by speed.
import { haversineMeters } from '@civdef/core';
import type { RoadGraph } from '../graph/graph.js';
import { stronglyConnected } from '../search/components.js';
import { METRES_PER_DEGREE } from '../snap/projection.js';
import { GraphBuilder } from './graph-builder.js';
import type { Layout } from './layout.js';
import { type Network, type NodeGrid, RING } from './network.js';

/** The finished graph. Precondition: the network's segments reference existing nodes. */
export function finish(net: Network, grid: NodeGrid, layout: Layout, lat0: number, lon0: number): RoadGraph {
  const alive = joinPieces(net, grid, layout);
  const order = hilbertOrder(net, alive);
  const newId = new Int32Array(net.nodeCount).fill(-1);
  order.forEach((v, i) => (newId[v] = i));
  makeStronglyConnected(net, newId, order.length);
  const b = new GraphBuilder();
  const mPerDegLon = METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  const lat = new Float64Array(order.length);
  const lon = new Float64Array(order.length);
  order.forEach((v, i) => {
    lat[i] = lat0 + net.y.data[v]! / METRES_PER_DEGREE;
    lon[i] = lon0 + net.x.data[v]! / mPerDegLon;
    b.addNode(lat[i]!, lon[i]!);
  });
  for (let s = 0; s < net.segmentCount; s++) {
    const a = newId[net.a.data[s]!]!;
    const c = newId[net.b.data[s]!]!;
    if (a < 0 || c < 0) continue;
    const len = haversineMeters(lat[a]!, lon[a]!, lat[c]!, lon[c]!);
    const dur = len / (net.speedKmh.data[s]! / 3.6);
    const name = net.names[net.name.data[s]!]!;
    b.addEdge(a, c, dur, len, net.way.data[s]!, name);
    if (!net.oneway.data[s]) b.addEdge(c, a, dur, len, net.way.data[s]!, name);
  }
  return b.build();
}

/** Links every stray piece to the largest one within 150 m, or drops it; returns which nodes remain. */
function joinPieces(net: Network, grid: NodeGrid, layout: Layout): Uint8Array {
  const n = net.nodeCount;
  const parent = new Int32Array(n);
  for (let v = 0; v < n; v++) parent[v] = v;
  const find = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]!]!;
    return v;
  };
  for (let s = 0; s < net.segmentCount; s++) parent[find(net.a.data[s]!)] = find(net.b.data[s]!);
  const size = new Uint32Array(n);
  for (let v = 0; v < n; v++) size[find(v)]!++;
  let main = 0;
  for (let v = 0; v < n; v++) if (size[v]! > size[main]!) main = v;
  const pieces = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    const r = find(v);
    if (r === find(main)) continue;
    const list = pieces.get(r);
    if (list) list.push(v);
    else pieces.set(r, [v]);
  }
  const { x, y } = net;
  const patch = net.patch.data;
  const river = layout.river;
  const link = net.newWay('');
  const alive = new Uint8Array(n).fill(1);
  for (const nodes of pieces.values()) {
    let best: [number, number, number] | null = null;
    for (const v of nodes) {
      const vx = x.data[v]!;
      const vy = y.data[v]!;
      const side = river.side(vx, vy);
      const u = grid.nearest(vx, vy, 150, (u) => patch[u] !== RING && find(u) === find(main) && river.side(x.data[u]!, y.data[u]!) === side);
      if (u < 0) continue;
      const d = Math.hypot(x.data[u]! - vx, y.data[u]! - vy);
      if (!best || d < best[2]) best = [v, u, d];
    }
    if (best) {
      net.addLink(best[0], best[1], 20, link);
      parent[find(best[0])] = find(main);
    } else for (const v of nodes) alive[v] = 0;
  }
  return alive;
}

/** Makes oneway segments two-way until the directed graph is one strongly connected component. */
function makeStronglyConnected(net: Network, newId: Int32Array, n: number): void {
  for (;;) {
    const offsets = new Uint32Array(n + 1);
    const forEachEdge = (visit: (a: number, b: number) => void) => {
      for (let s = 0; s < net.segmentCount; s++) {
        const a = newId[net.a.data[s]!]!;
        const b = newId[net.b.data[s]!]!;
        if (a < 0 || b < 0) continue;
        visit(a, b);
        if (!net.oneway.data[s]) visit(b, a);
      }
    };
    forEachEdge((a) => offsets[a + 1]!++);
    for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
    const fill = offsets.slice(0, n);
    const targets = new Uint32Array(offsets[n]!);
    forEachEdge((a, b) => (targets[fill[a]!++] = b));
    const scc = stronglyConnected({ nodeCount: n, offsets, targets });
    if (scc.count <= 1) return;
    let main = 0;
    for (let c = 1; c < scc.count; c++) if (scc.sizes[c]! > scc.sizes[main]!) main = c;
    for (let s = 0; s < net.segmentCount; s++) {
      const a = newId[net.a.data[s]!]!;
      const b = newId[net.b.data[s]!]!;
      if (a < 0 || b < 0 || !net.oneway.data[s]) continue;
      if (scc.component[a] !== main || scc.component[b] !== main) net.oneway.data[s] = 0;
    }
  }
}

/** Live nodes sorted by their position along a Hilbert curve over the city's bounding square. */
function hilbertOrder(net: Network, alive: Uint8Array): Uint32Array {
  const n = net.nodeCount;
  let half = 1;
  for (let v = 0; v < n; v++) half = Math.max(half, Math.abs(net.x.data[v]!), Math.abs(net.y.data[v]!));
  const side = 65536;
  const key = new Float64Array(n);
  let count = 0;
  for (let v = 0; v < n; v++) {
    if (!alive[v]) continue;
    count++;
    const gx = Math.min(side - 1, Math.floor(((net.x.data[v]! + half) / (2 * half)) * side));
    const gy = Math.min(side - 1, Math.floor(((net.y.data[v]! + half) / (2 * half)) * side));
    key[v] = hilbertIndex(side, gx, gy);
  }
  const order = new Uint32Array(count);
  let k = 0;
  for (let v = 0; v < n; v++) if (alive[v]) order[k++] = v;
  return order.sort((p, q) => key[p]! - key[q]! || p - q);
}

/** Distance along the Hilbert curve of cell (x, y) in a side x side grid (side a power of two). */
function hilbertIndex(side: number, x: number, y: number): number {
  let d = 0;
  for (let s = side / 2; s >= 1; s /= 2) {
    const rx = x & s ? 1 : 0;
    const ry = y & s ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = side - 1 - x;
        y = side - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return d;
}
