// The storage side of merging a new report into an open incident (the rule is dispatch/merge.ts).
import type { Incident } from '@civdef/core';
import { mergeSearchWindow, mergeTarget, type MergeWindow } from '../dispatch/merge.js';
import { prepared } from '../db/prepared.js';
import { isReplay } from './replay.js';
import type { Tx } from './transaction.js';

/** A report as stored: an incident's fields before it is an incident. */
export type ReportFields = Pick<Incident, 'id' | 'kind' | 'lat' | 'lon' | 'occurred_at' | 'severity' | 'source' | 'reporter' | 'description' | 'people_trapped' | 'casualties'>;

export interface Merged {
  record: Incident;
  created: boolean;
  merged: { report_id: string; distance_m: number };
}

const rounded = (m: number) => Math.round(m * 10) / 10;

// Asked for every new report: prepared once.
const reportById = prepared((db, a: { id: string }) => db.selectFrom('incident_reports').selectAll().where('id', '=', a.id));
const openIncidentsInBox = prepared(
  (db, a: { kind: string; from: string; to: string; minLat: number; maxLat: number; minLon: number; maxLon: number; closed: string }) =>
    db
      .selectFrom('incidents')
      .selectAll()
      .where('kind', '=', a.kind)
      .where('occurred_at', '>=', a.from)
      .where('occurred_at', '<=', a.to)
      .where('lat', '>=', a.minLat)
      .where('lat', '<=', a.maxLat)
      .where('lon', '>=', a.minLon)
      .where('lon', '<=', a.maxLon)
      .where('status', '!=', a.closed),
);

/** A report with this id merged earlier (a retry): the incident it joined; null if none. Throws ConflictError for different content. */
export async function mergedBefore(tx: Tx, report: ReportFields): Promise<Merged | null> {
  const [prior] = await reportById(tx.db, { id: report.id });
  if (!isReplay('incident report', report.id, prior, report)) return null;
  const incident = await tx.db.selectFrom('incidents').selectAll().where('id', '=', prior!.incident_id).executeTakeFirstOrThrow();
  return { record: incident as Incident, created: false, merged: { report_id: report.id, distance_m: rounded(prior!.distance_m) } };
}

/**
 * Attaches the report to the open incident it belongs to, with its event; null when it belongs to none.
 * Precondition: no incident or report has the report's id; occurred_at ISO.
 */
export async function mergeIfNear(tx: Tx, report: ReportFields, w: MergeWindow, createdBy: string): Promise<Merged | null> {
  const window = mergeSearchWindow(report, w);
  if (!window) return null;
  // Near the antimeridian the longitude box would wrap: it spans the globe instead (the distance check decides).
  const lon = window.lon ?? { min: -180, max: 180 };
  const candidates = await openIncidentsInBox(tx.db, { kind: report.kind, from: window.from, to: window.to, minLat: window.minLat, maxLat: window.maxLat, minLon: lon.min, maxLon: lon.max, closed: 'closed' });
  const target = mergeTarget(report, candidates as Incident[], w);
  if (!target) return null;
  const distance_m = rounded(target.distanceM);
  await tx.db.insertInto('incident_reports').values({ ...report, incident_id: target.incident.id, distance_m, created_by: createdBy, created_at: tx.at, split_at: null, split_by: null }).execute();
  await tx.emit({ type: 'incident.report-merged', subjectType: 'incident', subjectId: target.incident.id, data: { ...report, report_id: report.id, distance_m } });
  return { record: target.incident, created: true, merged: { report_id: report.id, distance_m } };
}
