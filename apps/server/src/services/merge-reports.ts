// The storage side of merging a new report into an open incident (the rule is dispatch/merge.ts).
import type { Incident } from '@civdef/core';
import { mergeSearchWindow, mergeTarget, type MergeWindow } from '../dispatch/merge.js';
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

/** A report with this id merged earlier (a retry): the incident it joined; null if none. Throws ConflictError for different content. */
export async function mergedBefore(tx: Tx, report: ReportFields): Promise<Merged | null> {
  const prior = await tx.db.selectFrom('incident_reports').selectAll().where('id', '=', report.id).executeTakeFirst();
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
  const candidates = await tx.db
    .selectFrom('incidents')
    .selectAll()
    .where('kind', '=', report.kind)
    .where('occurred_at', '>=', window.from)
    .where('occurred_at', '<=', window.to)
    .where('lat', '>=', window.minLat)
    .where('lat', '<=', window.maxLat)
    .$if(window.lon !== undefined, (q) => q.where('lon', '>=', window.lon!.min).where('lon', '<=', window.lon!.max))
    .where('status', '!=', 'closed')
    .execute();
  const target = mergeTarget(report, candidates as Incident[], w);
  if (!target) return null;
  const distance_m = rounded(target.distanceM);
  await tx.db.insertInto('incident_reports').values({ ...report, incident_id: target.incident.id, distance_m, created_by: createdBy, created_at: tx.at, split_at: null, split_by: null }).execute();
  await tx.emit({ type: 'incident.report-merged', subjectType: 'incident', subjectId: target.incident.id, data: { ...report, report_id: report.id, distance_m } });
  return { record: target.incident, created: true, merged: { report_id: report.id, distance_m } };
}
