// Which zones the engine warns: those imported (civdef import-zones), else the demo city's neighbourhoods when
// the roads are the demo city, else a hex grid over the road graph.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { nodeLat, nodeLon, type RoadGraph } from '@civdef/router';
import { hexGrid, parseZones, type ZoneSet } from '@civdef/warning';
import { isDemoGraph } from '../roads/demo-files.js';
import { zonesPath } from '../roads/paths.js';
import type { AppContext } from '../services/context.js';
import { featuresOfRows, type ZoneSource } from './zone-geojson.js';

export interface LoadedZones {
  set: ZoneSet;
  source: ZoneSource;
}

/** Hexagons 1.5 km across: about 2 km² each, a few streets of a dense city. */
const HEX_SIZE_M = 1500;

/** The bounding box of a road graph's nodes. Precondition: the graph has nodes. */
function boundsOf(g: RoadGraph): { south: number; west: number; north: number; east: number } {
  let south = 90, west = 180, north = -90, east = -180;
  for (let v = 0; v < g.nodeCount; v++) {
    const lat = nodeLat(g, v);
    const lon = nodeLon(g, v);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
    west = Math.min(west, lon);
    east = Math.max(east, lon);
  }
  return { south, west, north, east };
}

/** The zones in use. Precondition: storage is migrated; without imported zones, the road network can load. */
export async function loadZones(ctx: AppContext): Promise<LoadedZones> {
  const rows = await ctx.storage.db.selectFrom('zones').selectAll().orderBy('position').execute();
  // Imported zones were checked by parseZones when imported; stored as they were parsed, they parse again.
  if (rows.length) return { set: parseZones(featuresOfRows(rows)), source: 'imported' };
  const g = (await ctx.roads.ready()).primary();
  const demoZones = zonesPath(ctx.roads.settings.dataDir);
  if (isDemoGraph(g.info) && existsSync(demoZones)) {
    return { set: parseZones(JSON.parse(await readFile(demoZones, 'utf8'))), source: 'demo-city' };
  }
  return { set: hexGrid({ ...boundsOf(g.graph), sizeM: HEX_SIZE_M }), source: 'hex-grid' };
}
