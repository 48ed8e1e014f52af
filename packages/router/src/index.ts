export type { RoadGraph, Profile } from './graph/graph.js';
export { nodeLat, nodeLon, edgeWayId, edgeNameIndex, edgeName, toE7, DEGREES_PER_E7 } from './graph/graph.js';
// OSM import and graph files.
export { importOsm, type ImportOptions, type ImportResult, type ImportStats } from './osm/import.js';
export { OsmFormatError, OsmFileError } from './osm/errors.js';
export { OsmFile, detectOsmFormat } from './osm/osm-file.js';
export { type OsmFormat, type OsmVisitor, type Tags } from './osm/visitor.js';
export { PROFILES, type RoutingProfile, type WayRule } from './osm/profiles/profile.js';
export { parseMaxspeed } from './osm/profiles/maxspeed.js';
export { EdgeListBuilder } from './graph/build.js';
export {
  GraphFileError,
  GRAPH_FILE_VERSION,
  checkGraph,
  decodeGraphFile,
  type GraphFileInfo,
  type LoadedGraph,
} from './graph/file-format.js';
export { readGraphFile, writeGraphFile } from './graph/graph-file.js';
export { sharedDataDir, sharedDataFile } from './osm/shared-data.js';
// Live weights, searches, snapping and the demo city.
export { EdgeWeights, liveSeconds, type Restriction, type RestrictionKind, type RestrictionOptions } from './weights/edge-weights.js';
export { edgesOfWay, edgesNamed, bothDirections } from './weights/select.js';
export { edgesInCircle, edgesInPolygon, nearestEdge } from './weights/select-area.js';
export { route, routeBetween, searchRoute, secondsPerMetreBound, USE_ASTAR_BOUND, type Route, type PointRoute } from './search/route.js';
export {
  travelTimes,
  travelTimesBetween,
  prepareTravelTimes,
  HIERARCHY_MAX_NODES,
  type TravelTimesOptions,
} from './search/travel-times.js';
export { isochrone, isochroneBetween, type Isochrone } from './search/isochrone.js';
export { atNode, departures, arrivals, type Access } from './search/endpoints.js';
export { stronglyConnected, type Components } from './search/components.js';
export { SnapIndex, DEFAULT_MAX_SNAP_M, type SnappedPoint, type SnapOptions } from './snap/snap-index.js';
export { NoRoadNearbyError } from './snap/errors.js';
export { projectionOf, type Projection } from './snap/projection.js';
export { twinsOf, edgeSource } from './snap/twins.js';
export { generateDemoCity, type DemoCity, type DemoCityOptions, type ZoneFeature } from './demo/demo-city.js';
export { type Placement } from './demo/placements.js';
export { GraphBuilder } from './demo/graph-builder.js';
