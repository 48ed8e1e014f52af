import type { UnitKind } from '@civdef/core';
import { round3 } from './quantity.js';

/**
 * Tank size and city consumption by vehicle kind when the centre has not given its own: rough figures for old
 * diesel vehicles in stop-and-go streets (a van-sized ambulance ~12 l/100 km, a heavy truck 35-45, an excavator
 * moved on its own tracks far more). A foot team has no tank.
 */
export const VEHICLE_DEFAULTS: Record<UnitKind, { tank_l: number; litres_per_100km: number } | null> = {
  ambulance: { tank_l: 80, litres_per_100km: 14 },
  'rescue-truck': { tank_l: 150, litres_per_100km: 30 },
  'fire-truck': { tank_l: 200, litres_per_100km: 40 },
  'water-tanker': { tank_l: 200, litres_per_100km: 38 },
  excavator: { tank_l: 250, litres_per_100km: 90 },
  'foot-team': null,
};

/** Below this share of the tank a vehicle is flagged: one long call away from stopping in the street. */
export const LOW_FUEL_SHARE = 0.25;

/** Litres a trip of `distanceM` metres burns. Precondition: distanceM >= 0, litresPer100km > 0. */
export function tripLitres(distanceM: number, litresPer100km: number): number {
  return round3((distanceM / 100_000) * litresPer100km);
}

/** Kilometres the fuel in the tank lasts. Precondition: fuelL >= 0, litresPer100km > 0. */
export function rangeKm(fuelL: number, litresPer100km: number): number {
  return Math.round((fuelL / litresPer100km) * 1000) / 10;
}

/** True when the tank is under a quarter full. Precondition: tankL > 0. */
export function isLowFuel(fuelL: number, tankL: number): boolean {
  return fuelL < LOW_FUEL_SHARE * tankL;
}
