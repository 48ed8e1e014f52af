// A plausible city to run civdef on when no real map has been imported: the same seed gives the same city
// on every machine. Built in stages: layout (disc, old town, river, ring, neighbourhood seeds), local
// streets, arterials and bridges, links between them, then finish() makes it one strongly connected graph.
import { edgeWayId, type RoadGraph } from '../graph/graph.js';
import { drawArterials, linkArterials } from './streets-arterial.js';
import { finish } from './finish.js';
import { makeLayout, voronoiCell, type Layout } from './layout.js';
import { landmarkName, neighbourhoodName, type PlaceName } from './names.js';
import { Network, NodeGrid } from './network.js';
import { placeAll, type Placement } from './placements.js';
import { Prng } from './prng.js';
import { drawDistricts, drawOldTown, stitch } from './streets-local.js';

export interface DemoCityOptions {
  /** PRNG seed; default 1. */
  seed?: number;
  /** About how many road nodes (within ~15%); default 30,000. The city grows in area, not density. */
  targetNodes?: number;
  /** City centre; default 36.20 N, 37.15 E. */
  lat?: number;
  lon?: number;
}

export interface ZoneFeature {
  type: 'Feature';
  id: string;
  properties: { id: string; name: string; 'name:en': string; 'name:ar': string; kind: 'old-town' | 'district' };
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
}

export interface DemoCity {
  readonly seed: number;
  readonly graph: RoadGraph;
  /** Neighbourhoods as a GeoJSON FeatureCollection (RFC 7946: [lon, lat], counter-clockwise rings). */
  readonly zones: { type: 'FeatureCollection'; features: ZoneFeature[] };
  /** Every bridge over the river, with all its directed edges. */
  readonly bridges: { name: PlaceName; wayId: number; edges: Uint32Array }[];
  /** The river's centre line as a GeoJSON LineString feature. */
  readonly river: { type: 'Feature'; properties: { 'name:en': string; 'name:ar': string }; geometry: { type: 'LineString'; coordinates: [number, number][] } };
  /** Good sites for three civil-defence centres (on main roads, one across the river) and two hospitals. */
  readonly centres: Placement[];
  readonly hospitals: Placement[];
  readonly radiusM: number;
}

/** Metres of city radius per sqrt(node): calibrated so targetNodes comes out within a few percent. */
const RADIUS_PER_SQRT_NODE = 36;

/** Generates the demo city. Precondition: targetNodes >= 2,000 (smaller cities lose their structure). */
export function generateDemoCity(options: DemoCityOptions = {}): DemoCity {
  const seed = options.seed ?? 1;
  const target = options.targetNodes ?? 30_000;
  if (!(target >= 2000)) throw new RangeError(`targetNodes must be at least 2000, got ${target}`);
  const lat0 = options.lat ?? 36.2;
  const lon0 = options.lon ?? 37.15;
  const rng = new Prng(seed);
  const radius = RADIUS_PER_SQRT_NODE * Math.sqrt(target);
  const layout = makeLayout(rng, radius, rng.int(30, 60));
  const cells = layout.seeds.map((_, i) => voronoiCell(layout.seeds, i, radius));

  const net = new Network();
  const used = new Set<string>();
  drawOldTown(net, layout, rng, used);
  const frontier = drawDistricts(net, layout, rng, used);
  const arterials = drawArterials(net, layout, rng, used);
  const grid = new NodeGrid(net, radius * 1.05);
  stitch(net, grid, frontier, layout);
  linkArterials(net, grid, layout, arterials);
  const graph = finish(net, grid, layout, lat0, lon0);

  const toLonLat = ([x, y]: [number, number]): [number, number] => toDegrees(lat0, lon0, x, y);
  const zoneNames = new Set<string>();
  const features = layout.seeds.map((s, i): ZoneFeature => {
    const name = neighbourhoodName(rng, s.oldTown, zoneNames);
    const ring = cells[i]!.map(toLonLat);
    ring.push(ring[0]!);
    const id = `zone-${String(i + 1).padStart(2, '0')}`;
    return {
      type: 'Feature',
      id,
      properties: { id, name: name.en, 'name:en': name.en, 'name:ar': name.ar, kind: s.oldTown ? 'old-town' : 'district' },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
  });
  const riverName = landmarkName(rng, 'River', 'نهر');
  const { centres, hospitals } = placeAll(graph, layout, rng, lat0, lon0);
  return {
    seed,
    graph,
    zones: { type: 'FeatureCollection', features },
    bridges: bridgeEdges(graph, arterials.bridges),
    river: {
      type: 'Feature',
      properties: { 'name:en': riverName.en, 'name:ar': riverName.ar },
      geometry: { type: 'LineString', coordinates: riverLine(layout).map(toLonLat) },
    },
    centres,
    hospitals,
    radiusM: radius,
  };
}

/** Each bridge's directed edges, by one scan (the way index would stay cached with the graph). */
function bridgeEdges(graph: RoadGraph, bridges: { name: PlaceName; way: number }[]): DemoCity['bridges'] {
  const lists = new Map<number, number[]>(bridges.map((b) => [b.way, []]));
  for (let e = 0; e < graph.edgeCount; e++) lists.get(edgeWayId(graph, e))?.push(e);
  return bridges.map((b) => ({ name: b.name, wayId: b.way, edges: Uint32Array.from(lists.get(b.way)!) }));
}

function riverLine(layout: Layout): [number, number][] {
  const out: [number, number][] = [];
  for (let y = -1.1 * layout.radius; y <= 1.1 * layout.radius; y += 100) out.push([layout.river.centreX(y), y]);
  return out;
}

/** [lon, lat] of a point in metres from the centre. Precondition: finite metres. */
export function toDegrees(lat0: number, lon0: number, x: number, y: number): [number, number] {
  const m = (6_371_008.8 * Math.PI) / 180;
  return [lon0 + x / (m * Math.cos((lat0 * Math.PI) / 180)), lat0 + y / m];
}
