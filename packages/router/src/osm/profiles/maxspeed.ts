// Parsing of OSM `maxspeed` values into km/h. Only used to lower a class speed, so a value we cannot
// read is simply ignored (null) rather than guessed.
import { WALK_KMH } from './speeds.js';

const MPH = 1.609344;
const KNOT = 1.852;
/** Countries whose road signs are in miles per hour. */
const MPH_COUNTRIES: ReadonlySet<string> = new Set(['gb', 'us', 'lr', 'mm']);

/** Implicit limits by context ("DE:urban"): only the widely shared ones; rural and motorway limits vary too much. */
const IMPLICIT: Readonly<Record<string, number>> = { urban: 50, living_street: WALK_KMH, walk: WALK_KMH };

/**
 * km/h for a maxspeed value; Infinity for "none"; null when unreadable or not a limit ("signals",
 * "variable"). With several values ("50;30") the lowest wins: the cap is conservative.
 */
export function parseMaxspeed(value: string | undefined): number | null {
  if (value === undefined) return null;
  let best: number | null = null;
  for (const part of value.split(';')) {
    const v = parseOne(part.trim().toLowerCase());
    if (v !== null && (best === null || v < best)) best = v;
  }
  return best;
}

function parseOne(v: string): number | null {
  if (v === 'none' || v === 'unlimited') return Infinity;
  if (v === 'walk') return WALK_KMH;
  const m = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?$/.exec(v);
  if (m) {
    const n = Number(m[1]);
    if (!(n > 0)) return null;
    return m[2] === 'mph' ? n * MPH : m[2] === 'knots' ? n * KNOT : n;
  }
  // Country-coded implicit limits: "DE:urban", "FR:zone30", "DE:zone:30", "GB:nsl_restricted" (ignored).
  const c = /^([a-z]{2})(?:-[a-z0-9]+)?:(.+)$/.exec(v);
  if (c) {
    const zone = /^zone:?(\d+)$/.exec(c[2]!);
    if (zone) {
      const n = Number(zone[1]);
      // Zones are posted in the country's unit: "GB:zone20" is 20 mph.
      return n > 0 ? (MPH_COUNTRIES.has(c[1]!) ? n * MPH : n) : null;
    }
    return MPH_COUNTRIES.has(c[1]!) ? null : (IMPLICIT[c[2]!] ?? null);
  }
  return null;
}
