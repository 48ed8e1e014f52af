import type { Hazard, HoldAdvisory } from '@civdef/core';
import { stagingPoint } from './staging.js';

/**
 * The hold advisory for a unit whose route (null when none was found) leads into a hazard: wait at the last
 * point of the route outside it until the hazard lifts. Precondition: geometry in [lon, lat].
 */
export function holdAdvisory(hazard: Hazard, geometry: readonly (readonly [number, number])[] | null): HoldAdvisory {
  const staging = geometry ? stagingPoint(geometry, hazard, hazard.radius_m) : null;
  const where = staging
    ? `stage at ${staging.lat.toFixed(5)}, ${staging.lon.toFixed(5)} (${Math.round(staging.distance_m)} m out, on your route)`
    : geometry
      ? 'you are inside the hazard radius: move out of it'
      : `stay ${hazard.radius_m} m from the site`;
  return { hold: true, hazard, staging, detail: `Hold: ${hazard.detail}; ${where}.` };
}
