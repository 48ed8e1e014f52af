import type { MergeWindow } from './merge.js';
import type { StrikeWindow } from './hazards.js';

/** Dispatch settings from the environment (see README, Settings). */
export interface DispatchSettings {
  /** Reports of one kind within this many metres and minutes of an open incident are merged into it; 0 m: never. */
  merge: MergeWindow;
  /** After a strike, its surroundings within this radius are held for this many minutes; 0 minutes: no hold. */
  doubleTap: StrikeWindow;
}

/**
 * Defaults. Merging: one blast is reported from across a block (about 150 m) and over the next half hour.
 * Double tap: a returning aircraft's second pass comes within minutes; 10 minutes and 500 m is a cautious
 * floor until the warning engine can say where aircraft actually are.
 */
export const DEFAULT_DISPATCH_SETTINGS: DispatchSettings = {
  merge: { radiusM: 150, minutes: 30 },
  doubleTap: { radiusM: 500, minutes: 10 },
};
