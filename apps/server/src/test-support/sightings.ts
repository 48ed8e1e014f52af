// Sightings over the test apps' demo city (seed 1, 2,000 nodes, 49 neighbourhoods within ~1.6 km of 36.20 N
// 37.15 E): a helicopter flying north over it, reported overhead by a spotter under it once a minute.
import { newUlid } from '@civdef/core';
import type { TestApp } from './harness.js';

export const CENTRE = { lat: 36.2, lon: 37.15 };
/** A fixed start, so the engine's forecasts do not depend on the day the tests run. */
export const T0 = Date.parse('2026-03-01T10:00:00Z');

/** The helicopter's report at minute m: it starts 6.7 km south and flies north at ~1.7 km a minute. */
export function northbound(m: number, at = T0): Record<string, unknown> {
  return {
    id: newUlid(at + m * 60_000),
    time: new Date(at + m * 60_000).toISOString(),
    spotter: { lat: CENTRE.lat - 0.06 + m * 0.015, lon: CENTRE.lon },
    aircraft: 'helicopter',
    overhead: true,
    heading_deg: 0,
  };
}

/** Sets the app's clock (the server's "now") to a fixed time. */
export function setClock(t: TestApp, ms: number): void {
  t.runtime.ctx.now = () => new Date(ms);
}
