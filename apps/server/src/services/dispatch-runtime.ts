import { combineHazardSources, type HazardSource } from '../dispatch/hazards.js';
import type { DispatchSettings } from '../dispatch/settings.js';
import { aircraftAdvisorySource } from './aircraft-hazards.js';
import type { AppContext } from './context.js';
import { startDispatchWatcher, type DispatchWatcher } from './dispatch-watcher.js';
import { strikeWindowSource } from './strike-hazards.js';

/** Dispatch's part of the context: its settings, where hazards come from, and its follow-up worker. */
export interface DispatchRuntime {
  settings: DispatchSettings;
  hazards: HazardSource;
  watcher: DispatchWatcher;
}

/**
 * Wires dispatch into a context: the warning engine's double-tap advisories, the strike-window hazards (the
 * floor where no aircraft was seen) and any other source, and the watcher on the context's bus. The advisories
 * come first, so at one site a hold names the aircraft rather than the strike window.
 * Precondition: ctx has storage, bus, roads and log.
 */
export function openDispatch(ctx: AppContext, settings: DispatchSettings, moreHazards: readonly HazardSource[] = []): DispatchRuntime {
  return {
    settings,
    hazards: combineHazardSources([aircraftAdvisorySource(ctx), strikeWindowSource(ctx, settings.doubleTap), ...moreHazards]),
    watcher: startDispatchWatcher(ctx, ctx.bus),
  };
}
