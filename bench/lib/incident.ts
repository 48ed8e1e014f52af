import { INCIDENT_KINDS, INCIDENT_SOURCES, newUlid } from '@civdef/core';

export interface IncidentBody {
  id: string;
  kind: (typeof INCIDENT_KINDS)[number];
  lat: number;
  lon: number;
  occurred_at: string;
  severity: number;
  source: (typeof INCIDENT_SOURCES)[number];
  reporter: string;
  description: string;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/** A distinct, valid POST /api/v1/incidents body: a fresh ULID, a point in and around a city, now. */
export function makeIncident(): IncidentBody {
  return {
    id: newUlid(),
    kind: pick(INCIDENT_KINDS),
    lat: 36.2 + (Math.random() - 0.5) * 0.2,
    lon: 37.15 + (Math.random() - 0.5) * 0.2,
    occurred_at: new Date().toISOString(),
    severity: 1 + Math.floor(Math.random() * 5),
    source: pick(INCIDENT_SOURCES),
    reporter: `spotter-${1 + Math.floor(Math.random() * 40)}`,
    description: 'Bench: impact reported near the market, smoke visible, casualties unknown.',
  };
}
