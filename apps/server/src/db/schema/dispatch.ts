// Dispatch: merged reports and auto-dispatch policies.
import type { IncidentReportFields } from './operations.js';

export interface IncidentReportsTable extends IncidentReportFields {
  incident_id: string;
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

/** The dispatch tables, as they appear in Database. */
export interface DispatchTables {
  incident_reports: IncidentReportsTable;
  dispatch_policies: DispatchPoliciesTable;
}
