import { combineHazardSources, type HazardSource } from '../dispatch/hazards.js';
import type { DispatchSettings } from '../dispatch/settings.js';
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
 * Wires dispatch into a context: the strike-window hazards plus any other source (the warning engine's
 * advisories, when it runs in the server), and the watcher on the context's bus.
 * Precondition: ctx has storage, bus, roads and log.
 */
export function openDispatch(ctx: AppContext, settings: DispatchSettings, moreHazards: readonly HazardSource[] = []): DispatchRuntime {
  return {
    settings,
    hazards: combineHazardSources([strikeWindowSource(ctx, settings.doubleTap), ...moreHazards]),
    watcher: startDispatchWatcher(ctx, ctx.bus),
  };
}
