// What the engine assumes about each kind of aircraft when the sightings do not say.
import type { AircraftType } from '@civdef/core';

export interface AircraftProfile {
  /** Typical cruise speed, m/s. */
  speed: number;
  /** Relative uncertainty of that speed (one standard deviation). */
  speedSpread: number;
  /** Distance at which a spotter typically places a bearing-only sighting, m. */
  typicalRange: number;
  /** How far from the spotter an "overhead" aircraft may be (one standard deviation), m. */
  overheadSpread: number;
  /** Radius of a circling pattern, m. */
  circleRadius: number;
  /** Silence after which the track ends, ms. */
  maxSilenceMs: number;
}

const KMH = 1000 / 3600;

// Speeds as the brief gives them: helicopter ~200 km/h, jet ~700 km/h, drone ~120 km/h.
export const AIRCRAFT: Record<AircraftType, AircraftProfile> = {
  helicopter: { speed: 200 * KMH, speedSpread: 0.2, typicalRange: 3000, overheadSpread: 600, circleRadius: 1200, maxSilenceMs: 8 * 60_000 },
  jet: { speed: 700 * KMH, speedSpread: 0.25, typicalRange: 6000, overheadSpread: 1500, circleRadius: 3000, maxSilenceMs: 8 * 60_000 },
  drone: { speed: 120 * KMH, speedSpread: 0.3, typicalRange: 1500, overheadSpread: 300, circleRadius: 600, maxSilenceMs: 6 * 60_000 },
  unknown: { speed: 300 * KMH, speedSpread: 0.6, typicalRange: 4000, overheadSpread: 1500, circleRadius: 2000, maxSilenceMs: 8 * 60_000 },
};
