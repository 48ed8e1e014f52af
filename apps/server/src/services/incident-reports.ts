// Further reports of an incident already open: merged on arrival (see dispatch/merge.ts), listed with it,
// and split back by a dispatcher into an incident of their own under the report's id, the id its reporter's
// device made, so the device's later requests about "its" incident find it.
import { ConflictError, NotFoundError, type Incident, type IncidentReport } from '@civdef/core';
import type { Selectable } from 'kysely';
import type { IncidentReportsTable } from '../db/schema.js';
import type { Actor, AppContext } from './context.js';
import { getIncident } from './incidents.js';
import type { Created } from './organisation.js';
import { retryOnUniqueViolation } from './replay.js';
import { inTransaction } from './transaction.js';

const asReport = (r: Selectable<IncidentReportsTable>) => r as IncidentReport;

/** The reports merged into an incident, oldest first (split ones too, with split_at). Precondition: none. */
export async function listReports(ctx: AppContext, incidentId: string): Promise<IncidentReport[]> {
  await getIncident(ctx, incidentId);
  const rows = await ctx.storage.db.selectFrom('incident_reports').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').orderBy('id').execute();
  return rows.map(asReport);
}

/**
 * Makes a merged report an incident of its own (id = the report's id, status open). A retry answers the
 * incident it made (200). Throws NotFoundError when the incident holds no such report.
 */
export async function splitReport(ctx: AppContext, actor: Actor, incidentId: string, reportId: string): Promise<Created<Incident>> {
  // Two dispatchers splitting at once on PostgreSQL: the loser's insert fails and its retry answers as a replay.
  return retryOnUniqueViolation(() => inTransaction(ctx, actor, async (tx) => {
    const report = await tx.db.selectFrom('incident_reports').selectAll().where('id', '=', reportId).where('incident_id', '=', incidentId).executeTakeFirst();
    if (!report) throw new NotFoundError('incident report', `${reportId} (of incident ${incidentId})`);
    if (report.split_at) {
      const made = await tx.db.selectFrom('incidents').selectAll().where('id', '=', reportId).executeTakeFirst();
      if (!made) throw new ConflictError(`Report ${reportId} was split but its incident is missing`, { report_id: reportId });
      return { record: made as Incident, created: false };
    }
    const fields = {
      id: report.id,
      kind: report.kind,
      lat: report.lat,
      lon: report.lon,
      occurred_at: report.occurred_at,
      severity: report.severity,
      source: report.source,
      reporter: report.reporter,
      description: report.description,
      people_trapped: report.people_trapped,
      casualties: report.casualties,
    };
    const record = { ...fields, status: 'open', created_by: actor.userId, created_at: tx.at, updated_at: tx.at } as Incident;
    await tx.db.insertInto('incidents').values(record).execute();
    await tx.db.updateTable('incident_reports').set({ split_at: tx.at, split_by: actor.userId }).where('id', '=', reportId).execute();
    await tx.emit({ type: 'incident.report-split', subjectType: 'incident', subjectId: incidentId, data: { report_id: reportId, new_incident_id: reportId } });
    await tx.emit({ type: 'incident.reported', subjectType: 'incident', subjectId: reportId, data: { ...fields, split_from: incidentId } });
    return { record, created: true };
  }));
}
