export type { RoadGraph, Profile } from './graph/graph.js';
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
