// A local flat map around the city: x metres east, y metres north of a centre. Equirectangular: over the
// ~100 km an aircraft flies from its base the error in distance stays under a few tenths of a percent.
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180; // mean Earth radius, IUGG

export interface XY {
  x: number;
  y: number;
}

/** An equirectangular projection around (lat0, lon0). */
export class LocalProjection {
  private readonly cosLat: number;

  /** Precondition: lat0 in (-89, 89), lon0 in [-180, 180]. */
  constructor(
    readonly lat0: number,
    readonly lon0: number,
  ) {
    this.cosLat = Math.cos((lat0 * Math.PI) / 180);
  }

  /** Metres east and north of the centre. Precondition: WGS84 degrees. */
  toXY(lat: number, lon: number): XY {
    return { x: (lon - this.lon0) * METRES_PER_DEGREE * this.cosLat, y: (lat - this.lat0) * METRES_PER_DEGREE };
  }

  /** The inverse of toXY. Precondition: finite metres. */
  toLatLon(p: XY): { lat: number; lon: number } {
    return { lat: this.lat0 + p.y / METRES_PER_DEGREE, lon: this.lon0 + p.x / (METRES_PER_DEGREE * this.cosLat) };
  }
}
