// OSM file -> RoadGraph in two passes, so that memory follows the road network, not the file:
//   pass 1 reads ways only, keeps those the profile can travel (ids, refs, speeds, names);
//   pass 2 reads nodes only, keeping coordinates (and barrier tags) of the nodes those ways use.
// Every consecutive node pair of a kept way becomes one directed edge per allowed direction;
// intermediate nodes stay (no contraction), so geometry and closures stay exact.
import { haversineMeters } from '@civdef/core';
import { EdgeListBuilder } from '../graph/build.js';
import { DEGREES_PER_E7, toE7, type Profile, type RoadGraph } from '../graph/graph.js';
import { Growable } from '../graph/growable.js';
import { OsmFile } from './osm-file.js';
import { PROFILES } from './profiles/profile.js';
import { type OsmFormat, type Tags } from './visitor.js';

export interface ImportOptions {
  readonly profile?: Profile;
  /** Progress over both passes: bytesRead runs from 0 to totalBytes (twice the file size). */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface ImportStats {
  readonly format: OsmFormat;
  readonly fileBytes: number;
  /** Ways with a highway tag. */
  readonly highwayWays: number;
  /** Ways the profile can travel in at least one direction. */
  readonly keptWays: number;
  /** Distinct nodes the kept ways reference. */
  readonly referencedNodes: number;
  /** Referenced nodes absent from the file (cut off at the extract's border): their edges are dropped. */
  readonly missingNodes: number;
  /** Nodes whose barrier the profile cannot pass: their edges are dropped. */
  readonly blockedNodes: number;
}

export interface ImportResult {
  readonly graph: RoadGraph;
  readonly profile: Profile;
  readonly stats: ImportStats;
}

/** The name a dispatcher would use for the street: `name`, else `name:en`, else the road number `ref`. */
function streetName(tags: Tags): string {
  return tags.get('name') ?? tags.get('name:en') ?? tags.get('ref') ?? '';
}

/** Index of `id` in the sorted array, or -1. */
function search(sorted: Float64Array, id: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v < id) lo = mid + 1;
    else if (v > id) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Sorted distinct values. */
function sortedUnique(values: Float64Array): Float64Array {
  const sorted = values.slice().sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

export async function importOsm(path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const profileName = options.profile ?? 'vehicle';
  const profile = PROFILES[profileName];
  const file = await OsmFile.open(path);
  const total = 2 * file.size;
  const progress = options.onProgress;

  // Pass 1: the ways.
  const wayIds = new Growable(Float64Array);
  const wayStart = new Growable(Uint32Array); // into refs; way w spans wayStart[w] .. wayStart[w+1]
  const forwardKmh = new Growable(Float32Array);
  const backwardKmh = new Growable(Float32Array);
  const wayName = new Growable(Uint32Array);
  const refs = new Growable(Float64Array, 64 * 1024);
  const names: string[] = [''];
  const nameIndex = new Map<string, number>([['', 0]]);
  let highwayWays = 0;
  await file.read(
    {
      wayKey: 'highway',
      way(id, wayRefs, tags) {
        highwayWays++;
        if (wayRefs.length < 2) return;
        const rule = profile.way(tags);
        if (!rule || (rule.forwardKmh <= 0 && rule.backwardKmh <= 0)) return;
        const name = streetName(tags);
        let ni = nameIndex.get(name);
        if (ni === undefined) {
          ni = names.length;
          names.push(name);
          nameIndex.set(name, ni);
        }
        wayIds.push(id);
        wayStart.push(refs.length);
        forwardKmh.push(rule.forwardKmh);
        backwardKmh.push(rule.backwardKmh);
        wayName.push(ni);
        for (const r of wayRefs) refs.push(r);
      },
    },
    progress && ((bytes) => progress(bytes, total)),
  );
  wayStart.push(refs.length);

  // Pass 2: the nodes those ways use. Slots are positions in the sorted distinct ids.
  const ids = sortedUnique(refs.view());
  // OSM stores coordinates as integers of 1e-7 degree (PBF's default granularity), which Int32 holds exactly.
  const lat = new Int32Array(ids.length);
  const lon = new Int32Array(ids.length);
  const state = new Uint8Array(ids.length); // 0 missing, 1 present, 2 present but blocking
  await file.read(
    {
      nodeSlot: (id) => search(ids, id),
      node(slot, nodeLat, nodeLon, tags) {
        lat[slot] = toE7(nodeLat);
        lon[slot] = toE7(nodeLon);
        state[slot] = tags && profile.nodeBlocks(tags) ? 2 : 1;
      },
    },
    progress && ((bytes) => progress(file.size + bytes, total)),
  );

  // Edges: one per travelled direction of each consecutive pair of present, passable nodes.
  const edges = new EdgeListBuilder();
  const starts = wayStart.view();
  const refIds = refs.view();
  for (let w = 0; w < wayIds.length; w++) {
    const fwd = forwardKmh.get(w) / 3.6; // m/s
    const bwd = backwardKmh.get(w) / 3.6;
    const id = wayIds.get(w);
    const ni = wayName.get(w);
    let a = search(ids, refIds[starts[w]!]!);
    for (let r = starts[w]! + 1; r < starts[w + 1]!; r++) {
      const b = search(ids, refIds[r]!);
      if (a !== b && state[a] === 1 && state[b] === 1) {
        // Two distinct nodes at the same point (a mapping slip) would give a zero-length edge; a
        // centimetre keeps every weight positive, which the searches rely on, and changes no route.
        const m = Math.max(0.01, haversineMeters(lat[a]! * DEGREES_PER_E7, lon[a]! * DEGREES_PER_E7, lat[b]! * DEGREES_PER_E7, lon[b]! * DEGREES_PER_E7));
        if (fwd > 0) edges.addEdge(a, b, m, m / fwd, id, ni);
        if (bwd > 0) edges.addEdge(b, a, m, m / bwd, id, ni);
      }
      a = b;
    }
  }
  const graph = edges.build(lat, lon, names);
  let missingNodes = 0;
  let blockedNodes = 0;
  for (let i = 0; i < state.length; i++) {
    if (state[i] === 0) missingNodes++;
    else if (state[i] === 2) blockedNodes++;
  }
  return {
    graph,
    profile: profileName,
    stats: {
      format: file.format,
      fileBytes: file.size,
      highwayWays,
      keptWays: wayIds.length,
      referencedNodes: ids.length,
      missingNodes,
      blockedNodes,
    },
  };
}
