// The default zones when a city has no neighbourhood polygons: flat-topped hexagons over a bounding box.
import { LocalProjection } from '../geo/projection.js';
import { makeZone, type Position, type ZoneSet } from './zone.js';
import { DEFAULT_SAMPLE_SPACING_M, zoneSetOf } from './zone-set.js';

export interface HexGridOptions {
  /** South-west and north-east corners in degrees. */
  south: number;
  west: number;
  north: number;
  east: number;
  /** Distance across a hexagon's flats in metres; default 1500 (about 1.9 km² each). */
  sizeM?: number;
  sampleSpacing?: number;
}

/** Hexagons whose centres lie in the box, ids hex-<col>-<row>. Precondition: south < north, west < east, sizeM >= 100. */
export function hexGrid(o: HexGridOptions): ZoneSet {
  const size = o.sizeM ?? 1500;
  const spacing = o.sampleSpacing ?? DEFAULT_SAMPLE_SPACING_M;
  const projection = new LocalProjection((o.south + o.north) / 2, (o.west + o.east) / 2);
  const sw = projection.toXY(o.south, o.west);
  const ne = projection.toXY(o.north, o.east);
  const r = size / Math.sqrt(3); // centre to vertex
  const dx = 1.5 * r;
  const zones = [];
  for (let col = 0; sw.x + col * dx <= ne.x; col++) {
    const x = sw.x + col * dx;
    for (let row = 0; sw.y + row * size + (col % 2) * (size / 2) <= ne.y; row++) {
      const y = sw.y + row * size + (col % 2) * (size / 2);
      const ring: Position[] = [];
      for (let k = 0; k <= 6; k++) {
        const a = (Math.PI / 3) * (k % 6);
        const p = projection.toLatLon({ x: x + r * Math.cos(a), y: y + r * Math.sin(a) });
        ring.push([p.lon, p.lat]);
      }
      const id = `hex-${col}-${row}`;
      zones.push(makeZone({ id, name: id }, [[ring]], projection, spacing));
    }
  }
  return zoneSetOf(projection, zones, spacing);
}
