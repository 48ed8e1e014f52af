import { CivdefError } from '@civdef/core';

/** A zones file that cannot be used: which feature (0-based index, when one is to blame) and why. */
export class ZonesError extends CivdefError {
  readonly code = 'invalid-zones';
  constructor(
    readonly reason: string,
    readonly featureIndex?: number,
  ) {
    super(featureIndex === undefined ? `zones: ${reason}` : `zones: feature ${featureIndex}: ${reason}`);
  }
}
