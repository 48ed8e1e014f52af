// The road graph in compressed sparse rows: every array is typed, indexed by node or by directed edge.
// Node i's outgoing edges are offsets[i] .. offsets[i+1]-1. An undirected road that can be driven both
// ways is two directed edges. Weights change live (closures, slowdowns) through `EdgeWeights`, never here.

export interface RoadGraph {
  /** Number of nodes. */
  readonly nodeCount: number;
  /** Number of directed edges. */
  readonly edgeCount: number;
  /** Node latitudes and longitudes, degrees (Float64Array: metre precision needs more than float32 at city scale). */
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** offsets[nodeCount] === edgeCount. Length nodeCount + 1. */
  readonly offsets: Uint32Array;
  /** Target node of each directed edge. */
  readonly targets: Uint32Array;
  /** Base travel time of each edge in seconds, before closures and slowdowns. */
  readonly durationS: Float32Array;
  /** Length of each edge in metres. */
  readonly lengthM: Float32Array;
  /** OSM way id of each edge (Float64 holds ids up to 2^53; OSM way ids are below 2^31 today). */
  readonly wayId: Float64Array;
  /** Index into `names` of each edge's street name; 0 is the empty name. */
  readonly nameIndex: Uint32Array;
  /** Street names; names[0] === ''. */
  readonly names: readonly string[];
}

export type Profile = 'vehicle' | 'foot';
