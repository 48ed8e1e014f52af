// The operations core: accounts, the organisation, units, incidents, assignments and the event log.
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface CentresTable {
  id: string;
  name: string;
  lat: number;
  lon: number;
  created_at: string;
}

export interface TeamsTable {
  id: string;
  name: string;
  centre_id: string;
  created_at: string;
}

export interface VolunteersTable {
  id: string;
  name: string;
  function: string;
  phone: string | null;
  centre_id: string;
  team_id: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface UnitsTable {
  id: string;
  name: string;
  kind: string;
  centre_id: string;
  team_id: string | null;
  crew: string; // JSON array of volunteer ids
  capabilities: string; // JSON array
  lat: number;
  lon: number;
  status: string;
  status_reason: string | null;
  /** When lat/lon were reported (a GPS fix or a status change with a position); null: since created_at. */
  position_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UnitStatusChangesTable {
  id: string;
  unit_id: string;
  from_status: string;
  to_status: string;
  reason: string | null;
  note: string | null;
  incident_id: string | null;
  at: string;
  actor_id: string;
}

/** What a report of an incident says: an incident's own fields, and a report merged into one. */
export interface IncidentReportFields {
  id: string;
  kind: string;
  lat: number;
  lon: number;
  occurred_at: string;
  severity: number;
  source: string;
  reporter: string | null;
  description: string | null;
  people_trapped: number | null;
  casualties: number | null;
}

export interface IncidentsTable extends IncidentReportFields {
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface AssignmentsTable {
  id: string;
  incident_id: string;
  unit_id: string;
  assigned_at: string;
  assigned_by: string;
  released_at: string | null;
  release_reason: string | null;
}

export interface EventsTable {
  seq: Generated<number>;
  id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  actor_id: string | null;
  device_id: string | null;
  at: string;
  data: string; // JSON object
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status: number;
  body: string;
  created_at: string;
}

/** The operations tables, as they appear in Database. */
export interface OperationsTables {
  users: UsersTable;
  sessions: SessionsTable;
  centres: CentresTable;
  teams: TeamsTable;
  volunteers: VolunteersTable;
  units: UnitsTable;
  unit_status_changes: UnitStatusChangesTable;
  incidents: IncidentsTable;
  assignments: AssignmentsTable;
  events: EventsTable;
  idempotency_keys: IdempotencyKeysTable;
}
