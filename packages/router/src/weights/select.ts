// Finding the edges a closure report names: a whole OSM way, a street by name, both directions of a
// segment. Lookups by way and by name go through inverted indexes built once per graph on first use, so a
// closure by street name costs O(edges of that street), not a scan of the graph.
import type { RoadGraph } from '../graph/graph.js';
import { twinsOf } from '../snap/twins.js';

interface EdgeLookup {
  /** Edges grouped by way-table entry: edges of way w are byWay[wayOffsets[w]] .. byWay[wayOffsets[w+1]-1]. */
  wayOffsets: Uint32Array;
  byWay: Uint32Array;
  /** OSM way id -> way-table entries with that id (one, unless a way id was reused with another name). */
  entriesOfId: Map<number, number[]>;
  /** Lower-cased name -> way-table entries whose name folds to it (names differ only in case). */
  entriesNamed: Map<string, number[]>;
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
  const { edgeCount: m, edgeWay, wayIds, wayNames, names } = graph;
  const w = wayIds.length;
  const wayOffsets = new Uint32Array(w + 1);
  for (let e = 0; e < m; e++) wayOffsets[edgeWay[e]! + 1]!++;
  for (let i = 0; i < w; i++) wayOffsets[i + 1]! += wayOffsets[i]!;
  const fill = wayOffsets.slice(0, w);
  const byWay = new Uint32Array(m);
  // Edges visited ascending, so each way's list comes out sorted.
  for (let e = 0; e < m; e++) byWay[fill[edgeWay[e]!]!++] = e;
  const entriesOfId = new Map<number, number[]>();
  const entriesNamed = new Map<string, number[]>();
  const add = <K>(map: Map<K, number[]>, key: K, entry: number): void => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (let i = 0; i < w; i++) {
    add(entriesOfId, wayIds[i]!, i);
    if (wayNames[i]) add(entriesNamed, names[wayNames[i]!]!.toLowerCase(), i);
  }
  return { wayOffsets, byWay, entriesOfId, entriesNamed };
}

/** The edges of some way-table entries, ascending. */
function edgesOfEntries(l: EdgeLookup, entries: readonly number[] | undefined): Uint32Array {
  if (!entries) return new Uint32Array(0);
  if (entries.length === 1) return l.byWay.slice(l.wayOffsets[entries[0]!]!, l.wayOffsets[entries[0]! + 1]!);
  let total = 0;
  for (const i of entries) total += l.wayOffsets[i + 1]! - l.wayOffsets[i]!;
  const out = new Uint32Array(total);
  let at = 0;
  for (const i of entries) {
    out.set(l.byWay.subarray(l.wayOffsets[i]!, l.wayOffsets[i + 1]!), at);
    at += l.wayOffsets[i + 1]! - l.wayOffsets[i]!;
  }
  return out.sort();
}

/** Directed edges of an OSM way, ascending. Precondition: none (an unknown way gives an empty array). */
export function edgesOfWay(graph: RoadGraph, wayId: number): Uint32Array {
  const l = lookupOf(graph);
  return edgesOfEntries(l, l.entriesOfId.get(wayId));
}

/**
 * Directed edges whose street name equals `name`, ignoring case and surrounding blanks, ascending.
 * Precondition: none (the empty name matches nothing: unnamed roads cannot be closed by name).
 */
export function edgesNamed(graph: RoadGraph, name: string): Uint32Array {
  const l = lookupOf(graph);
  const key = name.trim().toLowerCase();
  return edgesOfEntries(l, key ? l.entriesNamed.get(key) : undefined);
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
