import { CivdefError } from '@civdef/core';

/** No road edge lies within `limitM` metres of the point: the caller should ask for a better position. */
export class NoRoadNearbyError extends CivdefError {
  readonly code = 'no-road-nearby';
  constructor(
    readonly lat: number,
    readonly lon: number,
    readonly limitM: number,
  ) {
    super(`No road within ${limitM} m of ${lat.toFixed(6)},${lon.toFixed(6)}`);
  }
}
