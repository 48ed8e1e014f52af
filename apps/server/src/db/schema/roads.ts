// Road closures and slowdowns.
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

/** The roads tables, as they appear in Database. */
export interface RoadsTables {
  closures: ClosuresTable;
}
