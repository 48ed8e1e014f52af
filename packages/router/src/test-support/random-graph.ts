// Test support: small random road graphs and a naive reference Dijkstra (array scan, no heap, no
// stamps, no bound) to check the real searches against. Not exported from the package.
import { haversineMeters } from '@civdef/core';
import fc from 'fast-check';
import { GraphBuilder } from '../demo/graph-builder.js';
import type { RoadGraph } from '../graph/graph.js';

export interface RandomGraphSpec {
  nodes: { lat: number; lon: number }[];
  edges: { from: number; to: number; durationS: number; speed: number; twoWay: boolean; way: number }[];
  /** Durations from length / speed (as on real maps, where the A* bound bites) instead of arbitrary. */
  geometric: boolean;
}

/** Random graphs of 1..maxNodes nodes in a 2 km box, oneway and two-way roads, durations arbitrary (some zero) or by speed. Precondition: maxNodes >= 1. */
export function arbGraph(maxNodes = 25): fc.Arbitrary<RandomGraphSpec> {
  return fc.integer({ min: 1, max: maxNodes }).chain((n) =>
    fc.record({
      // Integer steps of about 1 m: fast-check's doubles crowd at the range ends, and coincident nodes
      // would hide the geometry that the A* bound and snapping depend on.
      nodes: fc.array(fc.record({ lat: arbDegrees(36.19), lon: arbDegrees(37.14) }), { minLength: n, maxLength: n }),
      edges: fc.array(
        fc.record({
          from: fc.nat(n - 1),
          to: fc.nat(n - 1),
          durationS: fc.oneof(fc.constant(0), fc.double({ min: 0.5, max: 300, noNaN: true })),
          speed: fc.double({ min: 3, max: 25, noNaN: true }),
          twoWay: fc.boolean(),
          way: fc.nat(5),
        }),
        { maxLength: n * 4 },
      ),
      geometric: fc.boolean(),
    }),
  );
}

/** Degrees from base to base + 0.02 in steps of 1e-5 (about 1 m). Precondition: valid base degrees. */
export function arbDegrees(base: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 2000 }).map((i) => base + i * 1e-5);
}

/** Builds the spec's RoadGraph: a two-way road is two directed edges of the same way. Precondition: spec from arbGraph. */
export function buildSpec(spec: RandomGraphSpec): RoadGraph {
  const b = new GraphBuilder();
  for (const p of spec.nodes) b.addNode(p.lat, p.lon);
  for (const e of spec.edges) {
    const a = spec.nodes[e.from]!;
    const c = spec.nodes[e.to]!;
    const len = haversineMeters(a.lat, a.lon, c.lat, c.lon);
    const duration = spec.geometric ? len / e.speed : e.durationS;
    b.addEdge(e.from, e.to, duration, len, e.way + 1, `Street ${e.way}`);
    if (e.twoWay) b.addEdge(e.to, e.from, duration, len, e.way + 1, `Street ${e.way}`);
  }
  return b.build();
}

/** Single-source distances by the textbook O(n^2) Dijkstra over explicit per-edge weights. Precondition: weights >= 0. */
export function naiveDistances(graph: RoadGraph, weight: (e: number) => number, from: number): number[] {
  const n = graph.nodeCount;
  const dist = new Array<number>(n).fill(Infinity);
  const done = new Array<boolean>(n).fill(false);
  dist[from] = 0;
  for (;;) {
    let u = -1;
    for (let v = 0; v < n; v++) if (!done[v] && dist[v]! < Infinity && (u < 0 || dist[v]! < dist[u]!)) u = v;
    if (u < 0) return dist;
    done[u] = true;
    for (let e = graph.offsets[u]!; e < graph.offsets[u + 1]!; e++) {
      const v = graph.targets[e]!;
      const d = dist[u]! + weight(e);
      if (d < dist[v]!) dist[v] = d;
    }
  }
}

/** Relative closeness for durations, treating two Infinities as equal. Precondition: no NaN. */
export function close(a: number, b: number, rel = 1e-6): boolean {
  if (a === Infinity || b === Infinity) return a === b;
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}
