// Writing the demo city into the data folder: the vehicle graph (with the centre and hospital sites and
// the bridges in its info, so a server that loads it later knows them without regenerating), a walking
// graph over the same streets, and the neighbourhoods as GeoJSON.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { generateDemoCity, writeGraphFile, type Placement } from '@civdef/router';
import { footGraphOf } from './foot-graph.js';
import { graphPath, roadsDir, zonesPath } from './paths.js';

export const DEMO_SOURCE = 'demo-city';

/** What the vehicle graph's info holds for a demo city. */
export interface DemoCityInfo {
  source: typeof DEMO_SOURCE;
  seed: number;
  target_nodes: number;
  centres: Placement[];
  hospitals: Placement[];
  bridges: { name: string; way_id: number }[];
}

export interface DemoCitySummary {
  seed: number;
  nodes: number;
  edges: number;
  zones: number;
  files: string[];
}

/** Generates the demo city and writes its files. Precondition: targetNodes >= 2000; dataDir writable. */
export async function writeDemoCity(dataDir: string, seed: number, targetNodes: number): Promise<DemoCitySummary> {
  const city = generateDemoCity({ seed, targetNodes });
  const info: DemoCityInfo = {
    source: DEMO_SOURCE,
    seed,
    target_nodes: targetNodes,
    centres: city.centres,
    hospitals: city.hospitals,
    bridges: city.bridges.map((b) => ({ name: b.name.en, way_id: b.wayId })),
  };
  const vehicle = graphPath(dataDir, 'vehicle');
  const foot = graphPath(dataDir, 'foot');
  const zones = zonesPath(dataDir);
  await writeGraphFile(vehicle, city.graph, 'vehicle', { ...info });
  await writeGraphFile(foot, footGraphOf(city.graph), 'foot', { source: DEMO_SOURCE, seed, target_nodes: targetNodes });
  await mkdir(roadsDir(dataDir), { recursive: true });
  // Temp file and rename, like the graphs: a reader never sees half a file.
  const tmp = `${zones}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ ...city.zones, river: city.river })}\n`);
  await rename(tmp, zones);
  return { seed, nodes: city.graph.nodeCount, edges: city.graph.edgeCount, zones: city.zones.features.length, files: [vehicle, foot, zones] };
}

/** Whether a graph file's info says it is the demo city (of either profile). Precondition: none. */
export const isDemoGraph = (info: Record<string, unknown>): boolean => info.source === DEMO_SOURCE;

/** The demo info of a graph file's info, or null for an imported map. Precondition: none. */
export function demoInfoOf(info: Record<string, unknown>): DemoCityInfo | null {
  return info.source === DEMO_SOURCE && Array.isArray(info.centres) ? (info as unknown as DemoCityInfo) : null;
}
