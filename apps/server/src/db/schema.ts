import type { Generated } from 'kysely';

// One schema for both dialects: times are ISO 8601 UTC text, JSON is text, coordinates are doubles.

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

export interface IncidentsTable {
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

export interface ClosuresTable {
  id: string;
  kind: string;
  target: string; // JSON: {edge} | {way_id} | {street} | {circle} | {polygon}
  factor: number | null;
  reason: string;
  note: string | null;
  until: string | null;
  profile: string | null;
  /** For an edge target: the graph its edge id numbers (edge ids change when a map is imported again). */
  graph_id: string | null;
  created_by: string;
  created_at: string;
  lifted_at: string | null;
  lifted_by: string | null;
}

export interface EvidenceLeavesTable {
  idx: number;
  kind: 'event' | 'media';
  ref: string;
  data: string;
  hash: Uint8Array;
}

export interface EvidenceNodesTable {
  level: number;
  idx: number;
  hash: Uint8Array;
}

export interface EvidenceTreeTable {
  id: number;
  size: number;
}

export interface EvidenceCheckpointsTable {
  size: number;
  root: Uint8Array;
  note: string;
  created_at: string;
}

export interface EvidenceCosignaturesTable {
  checkpoint_size: number;
  witness: string;
  line: string;
  received_at: string;
}

export interface MediaTable {
  id: string;
  sha256: string;
  bytes: number;
  content_type: string;
  filename: string | null;
  incident_id: string | null;
  captured_at: string | null;
  lat: number | null;
  lon: number | null;
  uploaded_by: string;
  received_at: string;
}

export interface MediaUploadsTable {
  id: string;
  meta: string;
  declared_bytes: number | null;
  created_by: string;
  created_at: string;
  completed_media_id: string | null;
}

export interface WarningImportsTable {
  id: string;
  kind: 'zones' | 'history';
  filename: string;
  sha256: string;
  rows: number;
  skipped: string; // JSON: [{line, reason}]
  imported_at: string;
}

export interface ZonesTable {
  id: string;
  import_id: string;
  position: number;
  name: string;
  name_en: string | null;
  name_ar: string | null;
  geometry: string; // JSON: GeoJSON MultiPolygon
}

export interface StrikeHistoryTable {
  id: string;
  import_id: string;
  line: number;
  time: string;
  lat: number;
  lon: number;
  kind: string | null;
  killed: number | null;
  injured: number | null;
}

export interface SightingsTable {
  id: string;
  time: string;
  received_at: string;
  aircraft: string;
  data: string; // JSON: the sighting as sent
  reported_by: string;
}

export interface AlertsTable {
  id: string;
  track_id: string;
  aircraft: string;
  state: 'in-force' | 'cancelled';
  zones: string; // JSON: AlertZoneData[]
  previous_zones: string | null;
  reason: string | null;
  issued_at: string;
  updated_at: string;
  cancelled_at: string | null;
  messages: number;
}

export interface AlertMessagesTable {
  alert_id: string;
  seq: number;
  action: 'issue' | 'update' | 'cancel';
  identifier: string;
  sent_at: string;
  cap: string;
}

export interface IncidentReportsTable {
  id: string;
  incident_id: string;
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
  distance_m: number;
  created_by: string;
  created_at: string;
  split_at: string | null;
  split_by: string | null;
}

export interface DispatchPoliciesTable {
  centre_id: string;
  auto_dispatch: number;
  max_units: number;
  updated_at: string;
  updated_by: string;
}

export interface WorksitesTable {
  id: string;
  incident_id: string;
  code: string;
  parent_id: string | null;
  address: string;
  landmark: string | null;
  lat: number | null;
  lon: number | null;
  building_use: string;
  construction: string;
  floors: number;
  collapse_type: string;
  hazards: string; // JSON array
  triage_category: string | null;
  team_id: string | null;
  note: string | null;
  status: string;
  closed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface WorksiteAsrTable {
  worksite_id: string;
  level: number;
  team_id: string;
  completed_at: string;
  created_by: string;
}

export interface HospitalsTable {
  id: string;
  name: string;
  kind: string;
  lat: number;
  lon: number;
  capacity: number;
  status: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface VictimsTable {
  id: string;
  incident_id: string;
  worksite_id: string;
  condition: string;
  start_colour: string;
  found_at: string;
  extricated_at: string | null;
  age: number | null;
  sex: string | null;
  hospital_id: string | null;
  handed_over_at: string | null;
  name: string | null;
  description: string | null;
  photo_media_id: string | null;
  family_contact: string | null; // JSON {name, relation?, phone?}
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface MissingPersonsTable {
  id: string;
  name: string;
  age: number | null;
  sex: string | null;
  description: string | null;
  last_seen_place: string | null;
  last_seen_lat: number | null;
  last_seen_lon: number | null;
  last_seen_at: string | null;
  asked_by: string; // JSON {name, relation?, phone?, contact?}
  status: string;
  victim_id: string | null;
  matched_at: string | null;
  family_told_at: string | null;
  family_told_note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface SupplyStockTable {
  centre_id: string;
  item: string;
  quantity: number;
  updated_at: string;
}

export interface SupplyMovementsTable {
  id: string;
  centre_id: string;
  item: string;
  kind: string;
  delta: number;
  quantity_after: number;
  other_centre_id: string | null;
  incident_id: string | null;
  ref_type: string | null;
  ref_id: string | null;
  note: string | null;
  at: string;
  actor_id: string;
}

export interface SupplyRequestsTable {
  id: string;
  note: string;
  items: string; // JSON [{item, quantity}]
  unit_id: string | null;
  centre_id: string | null;
  incident_id: string | null;
  lat: number | null;
  lon: number | null;
  requested_at: string;
  requested_by: string;
  status: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_note: string | null;
  fulfilled_from_centre_id: string | null;
  sent: string; // JSON [{item, quantity}]
  created_at: string;
}

export interface VehicleStateTable {
  unit_id: string;
  tank_l: number;
  fuel_l: number;
  litres_per_100km: number;
  maintenance: string;
  note: string | null;
  updated_at: string;
}

export interface VehicleTripsTable {
  id: string;
  unit_id: string;
  incident_id: string | null;
  distance_m: number;
  litres: number;
  fuel_after: number | null;
  note: string | null;
  at: string;
  actor_id: string;
}

export interface ShiftsTable {
  id: string;
  volunteer_id: string;
  centre_id: string;
  started_at: string;
  ended_at: string | null;
  note: string | null;
}

export interface VolunteerCasualtiesTable {
  id: string;
  volunteer_id: string;
  incident_id: string;
  kind: string;
  team_id: string | null;
  at: string;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface WebhooksTable {
  id: string;
  name: string;
  url: string;
  /** The HMAC-SHA256 key deliveries are signed with. */
  secret: string;
  /** Alert events after this seq are not yet queued for this webhook. */
  after_seq: number;
  created_by: string;
  created_at: string;
  deleted_at: string | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_seq: number;
  event_id: string;
  payload: string; // JSON, made once when queued
  status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface Database {
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
  closures: ClosuresTable;
  evidence_leaves: EvidenceLeavesTable;
  evidence_nodes: EvidenceNodesTable;
  evidence_tree: EvidenceTreeTable;
  evidence_checkpoints: EvidenceCheckpointsTable;
  evidence_cosignatures: EvidenceCosignaturesTable;
  media: MediaTable;
  media_uploads: MediaUploadsTable;
  warning_imports: WarningImportsTable;
  zones: ZonesTable;
  strike_history: StrikeHistoryTable;
  sightings: SightingsTable;
  alerts: AlertsTable;
  alert_messages: AlertMessagesTable;
  incident_reports: IncidentReportsTable;
  dispatch_policies: DispatchPoliciesTable;
  worksites: WorksitesTable;
  worksite_asr: WorksiteAsrTable;
  hospitals: HospitalsTable;
  victims: VictimsTable;
  missing_persons: MissingPersonsTable;
  supply_stock: SupplyStockTable;
  supply_movements: SupplyMovementsTable;
  supply_requests: SupplyRequestsTable;
  vehicle_state: VehicleStateTable;
  vehicle_trips: VehicleTripsTable;
  shifts: ShiftsTable;
  volunteer_casualties: VolunteerCasualtiesTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
