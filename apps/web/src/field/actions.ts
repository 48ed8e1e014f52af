// The field app's actions as the API calls they become. Pure: the id, the clock and the position are
// given, so the same inputs always make the same request (and a retry sends exactly what was stored).
import type { OutboxItem, RequestPayload } from './outbox.js';

export interface Position {
  lat: number;
  lon: number;
  accuracy_m: number;
}

export interface Who {
  /** The signed-in user's name: the reporter's call sign. */
  name: string;
  unitId: string | null;
}

type NewItem = Omit<OutboxItem, 'seq' | 'state' | 'attempts'>;

const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;

function item(id: string, now: Date, key: string, vars: Record<string, string>, payload: RequestPayload): NewItem {
  return { id, label: { key, vars }, payload, created_at: now.toISOString() };
}

/** "Strike here": an airstrike incident at the phone's position. Precondition: id a fresh ULID. */
export function strikeHere(id: string, now: Date, at: Position, who: Who): NewItem {
  return item(id, now, 'action.incident', {}, {
    type: 'request',
    method: 'POST',
    url: '/api/v1/incidents',
    body: { id, kind: 'airstrike', lat: round7(at.lat), lon: round7(at.lon), occurred_at: now.toISOString(), severity: 3, source: 'team', reporter: who.name },
  });
}

/** "Road blocked": rubble closing the streets within 30 m of the phone. Precondition: id a fresh ULID. */
export function roadBlocked(id: string, now: Date, at: Position): NewItem {
  return item(id, now, 'action.closure', {}, {
    type: 'request',
    method: 'POST',
    url: '/api/v1/closures',
    body: { id, kind: 'closure', reason: 'rubble', target: { circle: { lat: round7(at.lat), lon: round7(at.lon), radius_m: 30 } }, note: 'reported from the field app' },
  });
}

/** A unit status change, with the position when known. Precondition: id a fresh ULID; unitId a unit. */
export function unitStatus(id: string, now: Date, unitId: string, status: string, at: Position | null): NewItem {
  const body: Record<string, unknown> = { id, status, at: now.toISOString() };
  if (status === 'out-of-service') body.reason = 'other';
  if (at) Object.assign(body, { lat: round7(at.lat), lon: round7(at.lon) });
  return item(id, now, 'action.status', { status }, { type: 'request', method: 'POST', url: `/api/v1/units/${unitId}/status`, body });
}

/** "Aircraft seen" from where the spotter stands: overhead, or at a bearing. Precondition: id a fresh ULID. */
export function aircraftSeen(id: string, now: Date, at: Position, aircraft: string, bearingDeg: number | null): NewItem {
  const placement = bearingDeg === null ? { overhead: true } : { bearing_deg: bearingDeg };
  return item(id, now, 'action.sighting', { aircraft }, {
    type: 'request',
    method: 'POST',
    url: '/api/v1/sightings',
    body: { id, time: now.toISOString(), spotter: { lat: round7(at.lat), lon: round7(at.lon) }, aircraft, ...placement },
  });
}

/** "Need supplies": a request to the unit's centre (issue 6's supply requests). Precondition: id a fresh ULID. */
export function needSupplies(id: string, now: Date, what: string, at: Position | null, who: Who): NewItem {
  const body: Record<string, unknown> = { id, note: what, requested_at: now.toISOString() };
  if (who.unitId) body.unit_id = who.unitId;
  if (at) Object.assign(body, { lat: round7(at.lat), lon: round7(at.lon) });
  return item(id, now, 'action.supplies', { what }, { type: 'request', method: 'POST', url: '/api/v1/supply-requests', body });
}

/** A photo kept whole in the outbox until its upload completes. Precondition: id a fresh ULID. */
export function photo(id: string, now: Date, file: Blob, filename: string, at: Position | null): NewItem {
  return {
    id,
    label: { key: 'action.photo', vars: { name: filename } },
    created_at: now.toISOString(),
    payload: {
      type: 'photo',
      blob: file,
      content_type: file.type || 'image/jpeg',
      filename,
      captured_at: now.toISOString(),
      ...(at ? { lat: round7(at.lat), lon: round7(at.lon) } : {}),
    },
  };
}
