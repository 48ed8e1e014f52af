// `civdef route --batch FILE.csv`: rows of from_lat,from_lon,to_lat,to_lon (a header line is optional),
// answered one output row per input row, in order, so the two files line up: duration_s,distance_m, or
// `unreachable` where no open road connects them, or `invalid` for a row that cannot be routed at all
// (its reason goes to stderr with its line number).
import { NoRoadNearbyError, routeBetween } from '@civdef/router';
import { snapPoint, tenth } from '../roads/answers.js';
import type { ProfileGraph } from '../roads/network.js';

export interface BatchResult {
  /** Output lines, the header first. */
  lines: string[];
  /** "line N: reason" for every invalid row. */
  problems: string[];
}

const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;

/** Checks one data row; the reason it is bad, or its four numbers. Precondition: none. */
function parseRow(fields: string[]): string | [number, number, number, number] {
  if (fields.length !== 4) return `expected 4 columns (from_lat,from_lon,to_lat,to_lon), got ${fields.length}`;
  if (!fields.every((f) => NUMBER.test(f))) return 'every column must be a decimal number';
  const [a, b, c, d] = fields.map(Number) as [number, number, number, number];
  if (Math.abs(a) > 90 || Math.abs(c) > 90) return 'latitudes run -90 to 90';
  if (Math.abs(b) > 180 || Math.abs(d) > 180) return 'longitudes run -180 to 180';
  return [a, b, c, d];
}

/** Routes every row of the CSV text on g's current weights. Precondition: g loaded with closures applied. */
export function routeBatch(g: ProfileGraph, text: string): BatchResult {
  const lines = ['duration_s,distance_m'];
  const problems: string[] = [];
  const rows = text.split(/\r?\n/);
  if (rows[rows.length - 1] === '') rows.pop();
  rows.forEach((raw, i) => {
    const fields = raw.split(',');
    // A first line that is not all numbers is the header.
    if (i === 0 && !fields.every((f) => NUMBER.test(f))) return;
    const row = parseRow(fields);
    if (typeof row === 'string') {
      lines.push('invalid');
      problems.push(`line ${i + 1}: ${row}`);
      return;
    }
    try {
      const r = routeBetween(g.graph, g.weights, snapPoint(g, row[0], row[1]), snapPoint(g, row[2], row[3]));
      lines.push(r ? `${tenth(r.durationS)},${tenth(r.distanceM)}` : 'unreachable');
    } catch (err) {
      if (!(err instanceof NoRoadNearbyError)) throw err;
      lines.push('invalid');
      problems.push(`line ${i + 1}: ${err.message}`);
    }
  });
  return { lines, problems };
}
