// A strike-history CSV (the import-incidents shape: date, latitude, longitude, optional time, kind, killed,
// injured) as the calls a replay makes: each row becomes an incident report at its offset from the first row.
import type { Incident } from '@civdef/core';
import type { StrikeRow } from '@civdef/warning';

export interface Call {
  /** 1-based line in the file. */
  line: number;
  /** Milliseconds after the first call. */
  offsetMs: number;
  kind: Incident['kind'];
  lat: number;
  lon: number;
  severity: number;
  casualties: number | null;
}

// Conflict monitors name kinds in their own words (ACLED: "Air/drone strike", "Shelling/artillery/missile
// attack"); these patterns map them onto ours, first match wins.
const KIND_PATTERNS: [RegExp, Incident['kind']][] = [
  [/barrel/i, 'barrel-bomb'],
  [/chemical|chlorine|sarin|gas/i, 'chemical-attack'],
  [/air|drone|plane|jet|helicopter/i, 'airstrike'],
  [/shell|artillery|missile|rocket|mortar/i, 'shelling'],
  [/collapse/i, 'building-collapse'],
  [/fire/i, 'fire'],
];

/** Our incident kind for a kind as a CSV names it; a strike history without one is airstrikes. Precondition: none. */
export function incidentKindOf(kind: string | undefined): Incident['kind'] {
  if (!kind) return 'airstrike';
  for (const [pattern, ours] of KIND_PATTERNS) if (pattern.test(kind)) return ours;
  return 'other';
}

/** Severity from the toll when known (none 2, some 3, 5+ 4, 20+ 5), else 3. Precondition: counts >= 0. */
export function severityOf(killed: number | undefined, injured: number | undefined): number {
  if (killed === undefined && injured === undefined) return 3;
  const toll = (killed ?? 0) + (injured ?? 0);
  return toll >= 20 ? 5 : toll >= 5 ? 4 : toll > 0 ? 3 : 2;
}

/** The calls of a history, in time order (ties in file order). Precondition: rows parsed by parseStrikeCsv. */
export function callsOf(rows: readonly StrikeRow[]): Call[] {
  const sorted = [...rows].sort((a, b) => a.time - b.time || a.line - b.line);
  const t0 = sorted[0]?.time ?? 0;
  return sorted.map((r) => ({
    line: r.line,
    offsetMs: r.time - t0,
    kind: incidentKindOf(r.kind),
    lat: r.lat,
    lon: r.lon,
    severity: severityOf(r.killed, r.injured),
    casualties: r.injured ?? null,
  }));
}
