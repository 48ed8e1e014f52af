// Field operations: worksites, victims, hospitals, missing persons, supplies, vehicles and people.
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

/** The fieldwork tables, as they appear in Database. */
export interface FieldworkTables {
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
}
