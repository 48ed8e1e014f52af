// The evidence log: leaves, stored subtrees, checkpoints, cosignatures, and media.
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

/** The evidence tables, as they appear in Database. */
export interface EvidenceTables {
  evidence_leaves: EvidenceLeavesTable;
  evidence_nodes: EvidenceNodesTable;
  evidence_tree: EvidenceTreeTable;
  evidence_checkpoints: EvidenceCheckpointsTable;
  evidence_cosignatures: EvidenceCosignaturesTable;
  media: MediaTable;
  media_uploads: MediaUploadsTable;
}
