// Loading the road network at start: the graph files in the data folder, or, when there are none, the
// demo city, generated once and written there so the next start only loads it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { decodeGraphFile, EdgeWeights, edgesOfWay, GraphFileError, prepareTravelTimes, SnapIndex, type Profile } from '@civdef/router';
import type { Logger } from 'pino';
import { writeDemoCity } from './demo-files.js';
import { RoadNetwork, type ProfileGraph } from './network.js';
import { graphPath, PROFILES } from './paths.js';

export interface RoadSettings {
  dataDir: string;
  /** Road nodes of the demo city generated when no graph exists. */
  demoCityNodes: number;
  /** Farthest snap to a road, metres. */
  maxSnapM: number;
}

/** The demo city's seed: the same city on every machine. */
export const DEMO_SEED = 1;

/** One graph file, ready to search. Throws GraphFileError for a missing or damaged file. Precondition: none. */
export async function loadProfileGraph(path: string, maxSnapM: number): Promise<ProfileGraph> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new GraphFileError(path, `cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const { graph, profile, info } = decodeGraphFile(bytes, path);
  // The file ends with the SHA-256 of its content: a stable name for this exact graph, which closures by
  // edge id record, since edge ids mean nothing in another graph.
  const graphId = bytes.subarray(bytes.length - 32).toString('hex').slice(0, 16);
  // Build the lookup indexes now, not on the first closure report, which must apply within a millisecond.
  edgesOfWay(graph, -1);
  const weights = new EdgeWeights(graph);
  // The dispatch hierarchy takes a second or more to build; build it at start, not in the first dispatch query.
  prepareTravelTimes(graph, weights);
  return { profile, graph, weights, snap: new SnapIndex(graph, maxSnapM), graphId, info, path };
}

/** The graphs in the data folder, generating the demo city first if there are none. Precondition: dataDir writable. */
export async function loadRoadNetwork(settings: RoadSettings, log: Logger): Promise<RoadNetwork> {
  const present = (p: Profile) => existsSync(graphPath(settings.dataDir, p));
  if (!PROFILES.some(present)) {
    const t0 = performance.now();
    const made = await writeDemoCity(settings.dataDir, DEMO_SEED, settings.demoCityNodes);
    log.info({ nodes: made.nodes, edges: made.edges, ms: Math.round(performance.now() - t0) }, 'no map imported: generated the demo city');
  }
  const graphs: ProfileGraph[] = [];
  for (const p of PROFILES) {
    if (!present(p)) continue;
    const t0 = performance.now();
    const g = await loadProfileGraph(graphPath(settings.dataDir, p), settings.maxSnapM);
    if (g.profile !== p) throw new GraphFileError(g.path, `holds the ${g.profile} profile, not ${p}`);
    graphs.push(g);
    log.info({ profile: p, nodes: g.graph.nodeCount, edges: g.graph.edgeCount, ms: Math.round(performance.now() - t0) }, 'road graph loaded');
  }
  return new RoadNetwork(graphs, log);
}
