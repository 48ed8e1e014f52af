// The chain of custody an investigator reads in a bundle's README: who recorded and handled each item and
// when, in words, from what the log itself holds (the events' actor, device and time, media capture and
// receipt times). Pure: names are looked up by the caller.
import type { CustodyEntry } from '@civdef/evidence';

/** An event as stored (data parsed). */
export interface CustodyEvent {
  id: string;
  type: string;
  actor_id: string | null;
  device_id: string | null;
  at: string;
  data: Record<string, unknown>;
}

/** A media file's logged details. */
export interface CustodyMedia {
  id: string;
  sha256: string;
  bytes: number;
  content_type: string;
  filename: string | null;
  captured_at: string | null;
  lat: number | null;
  lon: number | null;
  uploaded_by: string;
  received_at: string;
}

export interface CustodyNames {
  users: ReadonlyMap<string, { name: string; role: string }>;
  units: ReadonlyMap<string, string>;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** "name (role)" for a user id, "civdef (the system itself)" for system work, the id when unknown. */
export function personLabel(userId: string | null, names: CustodyNames): string {
  if (userId === null || userId === 'system') return 'civdef (the system itself)';
  const user = names.users.get(userId);
  return user ? `${user.name} (${user.role})` : `user ${userId}`;
}

/** Who did it, with the device it was done from when one was recorded. */
export function actorLabel(userId: string | null, deviceId: string | null, names: CustodyNames): string {
  return deviceId ? `${personLabel(userId, names)} on device ${deviceId}` : personLabel(userId, names);
}

function unitLabel(id: unknown, names: CustodyNames): string {
  const name = names.units.get(text(id));
  return name ? `unit ${name}` : `unit ${text(id)}`;
}

/** What an event records, in a sentence fragment. Unknown types are named as they are. */
export function describeEvent(e: CustodyEvent, names: CustodyNames): string {
  const d = e.data;
  const note = text(d.note) ? ` ("${text(d.note)}")` : '';
  switch (e.type) {
    case 'incident.reported':
      return `reported the incident: ${text(d.kind)}, severity ${text(d.severity)}, at ${text(d.lat)},${text(d.lon)}, occurred ${text(d.occurred_at)}, source ${text(d.source)}`;
    case 'incident.status-changed':
      return `changed the incident from ${text(d.from)} to ${text(d.to)}${note}`;
    case 'assignment.created':
      return `assigned ${unitLabel(d.unit_id, names)} to the incident`;
    case 'assignment.released':
      return `released ${unitLabel(d.unit_id, names)} from the incident (${text(d.reason)})`;
    case 'unit.status-changed':
      return `${unitLabel(d.unit_id, names)}: ${text(d.from_status)} -> ${text(d.to_status)}${text(d.reason) ? ` (${text(d.reason)})` : ''}${note}`;
    case 'media.upload-started':
      return `began uploading ${text(d.filename) || 'a file'} (${text(d.content_type)})`;
    case 'media.received':
      return `finished the upload; the server stored ${text(d.bytes)} bytes with SHA-256 ${text(d.sha256)}`;
    default:
      return `recorded ${e.type}`;
  }
}

/** Custody entries of one event; `where` names the bundle file holding it, or says why there is none. */
export function eventCustody(e: CustodyEvent, names: CustodyNames, where: string): CustodyEntry {
  return { at: e.at, who: actorLabel(e.actor_id, e.device_id, names), what: `${describeEvent(e, names)} [${where}]` };
}

/** Custody entries of one media file: its capture (by the device's clock, when given) and its receipt. */
export function mediaCustody(m: CustodyMedia, names: CustodyNames, path: string): CustodyEntry[] {
  const uploader = personLabel(m.uploaded_by, names);
  const name = m.filename ?? m.id;
  const place = m.lat !== null && m.lon !== null ? ` at ${m.lat},${m.lon}` : '';
  const entries: CustodyEntry[] = [];
  if (m.captured_at) entries.push({ at: m.captured_at, who: uploader, what: `captured ${name}${place} (time by the capturing device's clock) [${path}]` });
  entries.push({
    at: m.received_at,
    who: uploader,
    what: `uploaded ${name} (${m.content_type}, ${m.bytes} bytes); received and stored unmodified by the server, SHA-256 ${m.sha256} [${path}]`,
  });
  return entries;
}
