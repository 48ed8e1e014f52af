// Finding the edges a closure report names: a whole OSM way, a street by name, both directions of a
// segment. Lookups by way and by name go through inverted indexes built once per graph on first use, so a
// closure by street name costs O(edges of that street), not a scan of the graph.
import type { RoadGraph } from '../graph/graph.js';
import { twinsOf } from '../snap/twins.js';

interface EdgeLookup {
  /** Edges grouped by way id (CSR over the distinct way ids). */
  wayStart: Map<number, number>;
  wayCount: Map<number, number>;
  byWay: Uint32Array;
  /** Lower-cased name -> name indices that fold to it (names differ only in case). */
  nameFold: Map<string, number[]>;
  /** Edges grouped by name index. */
  nameOffsets: Uint32Array;
  byName: Uint32Array;
}

const cache = new WeakMap<RoadGraph, EdgeLookup>();

function lookupOf(graph: RoadGraph): EdgeLookup {
  let l = cache.get(graph);
  if (!l) {
    l = buildLookup(graph);
    cache.set(graph, l);
  }
  return l;
}

function buildLookup(graph: RoadGraph): EdgeLookup {
  const m = graph.edgeCount;
  const wayCount = new Map<number, number>();
  for (let e = 0; e < m; e++) {
    const w = graph.wayId[e]!;
    wayCount.set(w, (wayCount.get(w) ?? 0) + 1);
  }
  const wayStart = new Map<number, number>();
  let at = 0;
  for (const [w, c] of wayCount) {
    wayStart.set(w, at);
    at += c;
  }
  const fill = new Map(wayStart);
  const byWay = new Uint32Array(m);
  for (let e = 0; e < m; e++) {
    const w = graph.wayId[e]!;
    const i = fill.get(w)!;
    byWay[i] = e;
    fill.set(w, i + 1);
  }
  const k = graph.names.length;
  const nameOffsets = new Uint32Array(k + 1);
  for (let e = 0; e < m; e++) nameOffsets[graph.nameIndex[e]! + 1]!++;
  for (let i = 0; i < k; i++) nameOffsets[i + 1]! += nameOffsets[i]!;
  const nameFill = nameOffsets.slice(0, k);
  const byName = new Uint32Array(m);
  for (let e = 0; e < m; e++) byName[nameFill[graph.nameIndex[e]!]!++] = e;
  const nameFold = new Map<string, number[]>();
  graph.names.forEach((name, i) => {
    if (i === 0) return;
    const key = name.toLowerCase();
    const list = nameFold.get(key);
    if (list) list.push(i);
    else nameFold.set(key, [i]);
  });
  return { wayStart, wayCount, byWay, nameFold, nameOffsets, byName };
}

/** Directed edges of an OSM way, ascending. Precondition: none (an unknown way gives an empty array). */
export function edgesOfWay(graph: RoadGraph, wayId: number): Uint32Array {
  const l = lookupOf(graph);
  const start = l.wayStart.get(wayId);
  if (start === undefined) return new Uint32Array(0);
  return l.byWay.slice(start, start + l.wayCount.get(wayId)!).sort();
}

/**
 * Directed edges whose street name equals `name`, ignoring case and surrounding blanks, ascending.
 * Precondition: none (the empty name matches nothing: unnamed roads cannot be closed by name).
 */
export function edgesNamed(graph: RoadGraph, name: string): Uint32Array {
  const l = lookupOf(graph);
  const key = name.trim().toLowerCase();
  const ids = key ? l.nameFold.get(key) : undefined;
  if (!ids) return new Uint32Array(0);
  let total = 0;
  for (const i of ids) total += l.nameOffsets[i + 1]! - l.nameOffsets[i]!;
  const out = new Uint32Array(total);
  let at = 0;
  for (const i of ids) {
    out.set(l.byName.subarray(l.nameOffsets[i]!, l.nameOffsets[i + 1]!), at);
    at += l.nameOffsets[i + 1]! - l.nameOffsets[i]!;
  }
  return out.sort();
}

/** The edges plus their twins (the opposite direction of the same road), ascending, unique. Precondition: ids < edgeCount. */
export function bothDirections(graph: RoadGraph, edges: ArrayLike<number>): Uint32Array {
  const twins = twinsOf(graph);
  const out = new Uint32Array(edges.length * 2);
  let k = 0;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    out[k++] = e;
    const t = twins[e]!;
    if (t >= 0) out[k++] = t;
  }
  const sorted = out.subarray(0, k).sort();
  let u = 0;
  for (let i = 0; i < k; i++) if (u === 0 || sorted[u - 1] !== sorted[i]) sorted[u++] = sorted[i]!;
  return sorted.slice(0, u);
}
