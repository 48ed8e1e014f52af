// The road graph in compressed sparse rows: every array is typed, indexed by node, by directed edge or by
// way. Node i's outgoing edges are offsets[i] .. offsets[i+1]-1. An undirected road that can be driven
// both ways is two directed edges. Weights change live (closures, slowdowns) through `EdgeWeights`, never
// here.
//
// Sizes are chosen for a million-node city (DESIGN.md: <= 150 MB with its search state): coordinates are
// Int32 in 1e-7 degrees, OSM's own precision (exact for OSM input, about 1 cm), and the way id and street
// name, shared by the dozens of edges of one street, live once per way in a small way table.

export interface RoadGraph {
  /** Number of nodes. */
  readonly nodeCount: number;
  /** Number of directed edges. */
  readonly edgeCount: number;
  /** Node latitudes and longitudes in units of 1e-7 degree (read them with nodeLat/nodeLon). */
  readonly latE7: Int32Array;
  readonly lonE7: Int32Array;
  /** offsets[nodeCount] === edgeCount. Length nodeCount + 1. */
  readonly offsets: Uint32Array;
  /** Target node of each directed edge. */
  readonly targets: Uint32Array;
  /** Base travel time of each edge in seconds, before closures and slowdowns. */
  readonly durationS: Float32Array;
  /** Length of each edge in metres. */
  readonly lengthM: Float32Array;
  /** Index into the way table of each edge. */
  readonly edgeWay: Uint32Array;
  /** The way table: OSM way id (Float64 holds ids up to 2^53) and index into `names` of each way. */
  readonly wayIds: Float64Array;
  readonly wayNames: Uint32Array;
  /** Street names; names[0] === ''. */
  readonly names: readonly string[];
}

export type Profile = 'vehicle' | 'foot';

/** Degrees per unit of the Int32 coordinates. */
export const DEGREES_PER_E7 = 1e-7;

/** A coordinate in degrees as Int32 units of 1e-7 degree. Precondition: finite, |degrees| <= 180. */
export const toE7 = (degrees: number): number => Math.round(degrees * 1e7);

/** Latitude of node v in degrees. Precondition: 0 <= v < nodeCount. */
export const nodeLat = (g: RoadGraph, v: number): number => g.latE7[v]! * DEGREES_PER_E7;

/** Longitude of node v in degrees. Precondition: 0 <= v < nodeCount. */
export const nodeLon = (g: RoadGraph, v: number): number => g.lonE7[v]! * DEGREES_PER_E7;

/** OSM way id of edge e. Precondition: 0 <= e < edgeCount. */
export const edgeWayId = (g: RoadGraph, e: number): number => g.wayIds[g.edgeWay[e]!]!;

/** Index into `names` of edge e's street name (0: unnamed). Precondition: 0 <= e < edgeCount. */
export const edgeNameIndex = (g: RoadGraph, e: number): number => g.wayNames[g.edgeWay[e]!]!;

/** Street name of edge e ('' when unnamed). Precondition: 0 <= e < edgeCount. */
export const edgeName = (g: RoadGraph, e: number): string => g.names[edgeNameIndex(g, e)]!;
