// Inputs for bench/router.ts: the graphs, closures drawn at random (seeded), query endpoints, and a typed
// array census for the memory budget.
import { generateDemoCity } from '../../packages/router/src/demo/demo-city.js';
import { Prng } from '../../packages/router/src/demo/prng.js';
import type { RoadGraph } from '../../packages/router/src/graph/graph.js';
import { importOsm } from '../../packages/router/src/osm/import.js';
import { sharedDataFile } from '../../packages/router/src/osm/shared-data.js';
import { stronglyConnected } from '../../packages/router/src/search/components.js';
import { EdgeWeights } from '../../packages/router/src/weights/edge-weights.js';

export interface Dataset {
  readonly name: string;
  readonly graph: RoadGraph;
  readonly weights: EdgeWeights;
  /** Directed edges closed, and the road sections they make up. */
  readonly closedEdges: number;
  readonly closedSections: number;
  /** Nodes of the largest strongly connected component of the open graph: the main road network. */
  readonly pool: Uint32Array;
}

/** Monaco and Andorra from the shared data folder (skipped with a note when absent), and a demo city. */
export async function loadDatasets(cityNodes: number, closedShare: number, seed: number, note: (s: string) => void): Promise<Dataset[]> {
  const out: Dataset[] = [];
  for (const [name, file] of [
    ['Monaco', 'osm/monaco.osm.pbf'],
    ['Andorra', 'osm/andorra.osm.pbf'],
  ] as const) {
    const path = sharedDataFile(file);
    if (!path) {
      note(`${name}: ${file} not found under the shared data folder (CIVDEF_SHARED_DATA); skipped`);
      continue;
    }
    out.push(withClosures(name, (await importOsm(path)).graph, closedShare, seed));
  }
  const city = generateDemoCity({ seed: 1, targetNodes: cityNodes }).graph;
  out.push(withClosures(`demo city ${Math.round(cityNodes / 1000)}k`, city, closedShare, seed));
  return out;
}

/**
 * Closes `share` of the road sections at random. A section is a run of directed edges from one junction
 * to the next: OSM ways carry many shape points, and closing 5% of those edges one by one would cut
 * nearly every street of Monaco somewhere (its largest strongly connected piece falls from 15k nodes to
 * 200), which is no longer a city to route in. On the demo city, with few shape points, sections and
 * edges are almost the same thing.
 */
function withClosures(name: string, graph: RoadGraph, share: number, seed: number): Dataset {
  const sections = roadSections(graph);
  const rng = new Prng(seed);
  const closed: number[] = [];
  let closedSections = 0;
  for (const s of sections) {
    if (!rng.chance(share)) continue;
    closedSections++;
    closed.push(...s);
  }
  const weights = new EdgeWeights(graph);
  weights.close(closed, { id: 'bench-random-closures' });
  const scc = stronglyConnected(graph);
  let main = 0;
  for (let c = 1; c < scc.count; c++) if (scc.sizes[c]! > scc.sizes[main]!) main = c;
  const pool = Uint32Array.from({ length: graph.nodeCount }, (_, v) => v).filter((v) => scc.component[v] === main);
  return { name, graph, weights, closedEdges: closed.length, closedSections, pool };
}

/** Directed edge runs between junctions (nodes with other than two distinct neighbours). */
export function roadSections(graph: RoadGraph): number[][] {
  const { nodeCount: n, offsets, targets } = graph;
  const nbrs: Set<number>[] = Array.from({ length: n }, () => new Set());
  for (let u = 0; u < n; u++) {
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = targets[e]!;
      if (v === u) continue;
      nbrs[u]!.add(v);
      nbrs[v]!.add(u);
    }
  }
  const taken = new Uint8Array(graph.edgeCount);
  const sections: number[][] = [];
  for (let u = 0; u < n; u++) {
    if (nbrs[u]!.size === 2) continue;
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      if (taken[e]) continue;
      const run = [e];
      taken[e] = 1;
      let prev = u;
      let v = targets[e]!;
      while (nbrs[v]!.size === 2 && v !== u) {
        let next = -1;
        for (let f = offsets[v]!; f < offsets[v + 1]!; f++) if (!taken[f] && targets[f] !== prev) next = f;
        if (next < 0) break;
        taken[next] = 1;
        run.push(next);
        prev = v;
        v = targets[next]!;
      }
      sections.push(run);
    }
  }
  for (let e = 0; e < graph.edgeCount; e++) if (!taken[e]) sections.push([e]); // rings of shape points
  return sections;
}

/** count random nodes of the pool. Precondition: pool non-empty. */
export function pick(rng: Prng, pool: Uint32Array, count: number): Uint32Array {
  return Uint32Array.from({ length: count }, () => pool[rng.int(0, pool.length - 1)]!);
}

/**
 * Bytes of the typed arrays reachable from `roots` through own properties (a few levels deep), each
 * buffer counted once: shared buffers (EdgeWeights keeps the graph's durations as its base) are not
 * counted twice.
 */
export function typedArrayBytes(roots: unknown[], seen = new Set<ArrayBufferLike>()): number {
  let bytes = 0;
  const visit = (x: unknown, depth: number): void => {
    if (ArrayBuffer.isView(x)) {
      if (!seen.has(x.buffer)) {
        seen.add(x.buffer);
        bytes += x.buffer.byteLength;
      }
      return;
    }
    if (depth > 3 || x === null || typeof x !== 'object') return;
    for (const v of Object.values(x as object)) visit(v, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return bytes;
}
