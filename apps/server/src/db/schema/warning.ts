// Early warning: zones, strike history, sightings and alerts.
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

/** The warning tables, as they appear in Database. */
export interface WarningTables {
  warning_imports: WarningImportsTable;
  zones: ZonesTable;
  strike_history: StrikeHistoryTable;
  sightings: SightingsTable;
  alerts: AlertsTable;
  alert_messages: AlertMessagesTable;
}
