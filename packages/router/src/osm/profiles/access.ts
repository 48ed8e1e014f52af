// OSM access tags: a hierarchy from general to specific (access > vehicle > motor_vehicle > motorcar),
// where the most specific tag present decides. See the OSM wiki's "Key:access".
import { type Tags } from '../visitor.js';

/** Values that close a way or barrier to a mode. "destination", "delivery", "customers" do not: an
 * emergency call is a destination. Agricultural and forestry roads are closed because they are
 * rarely fit for a heavy vehicle, not only because of the law. */
const DENIED: ReadonlySet<string> = new Set(['no', 'private', 'agricultural', 'forestry', 'use_sidepath']);
const EMERGENCY_YES: ReadonlySet<string> = new Set(['yes', 'designated', 'permissive', 'official']);

export type AccessVerdict = 'allowed' | 'denied' | 'unspecified';

/** The verdict of the most specific key present among `keys` (most specific first). */
export function accessFor(tags: Tags, keys: readonly string[]): AccessVerdict {
  for (const key of keys) {
    const v = tags.get(key);
    if (v !== undefined) return DENIED.has(v) ? 'denied' : 'allowed';
  }
  return 'unspecified';
}

/** Access keys for a motor vehicle, most specific first. */
export const MOTOR_KEYS = ['motorcar', 'motor_vehicle', 'vehicle', 'access'] as const;
export const FOOT_KEYS = ['foot', 'access'] as const;

/**
 * An emergency vehicle's access: `emergency=yes|designated` admits it where general traffic is
 * barred (that is what the tag is for), `emergency=no` bars it; otherwise motor-vehicle access rules.
 */
export function emergencyAccess(tags: Tags): AccessVerdict {
  const e = tags.get('emergency');
  if (e !== undefined) {
    if (EMERGENCY_YES.has(e)) return 'allowed';
    if (DENIED.has(e)) return 'denied';
  }
  return accessFor(tags, MOTOR_KEYS);
}
