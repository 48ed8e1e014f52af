// Every open incident at once, in the order to work them (dispatch/priority.ts), each with what it needs,
// the units assigned to it and where they are, and whether anything it needs has no unit yet.
import type { Board, Incident } from '@civdef/core';
import { coverage } from '../dispatch/match.js';
import { needsOf, type Capability } from '../dispatch/needs.js';
import { byPriority } from '../dispatch/priority.js';
import type { AppContext } from './context.js';
import { freeUnits } from './recommendations.js';
import { unitPositions } from './unit-positions.js';

/** The dispatch board now. Precondition: none. */
export async function dispatchBoard(ctx: AppContext): Promise<Board> {
  const db = ctx.storage.db;
  const open = byPriority((await db.selectFrom('incidents').selectAll().where('status', '!=', 'closed').execute()) as Incident[]);
  const active = open.length
    ? await db
        .selectFrom('assignments')
        .innerJoin('units', 'units.id', 'assignments.unit_id')
        .select(['assignments.id', 'assignments.incident_id', 'assignments.unit_id', 'assignments.assigned_at', 'units.capabilities'])
        .where('assignments.released_at', 'is', null)
        .execute()
    : [];
  const positions = new Map((await unitPositions(ctx, active.map((a) => a.unit_id))).map((p) => [p.unit_id, p]));
  const reportRows = open.length
    ? await db
        .selectFrom('incident_reports')
        .select(['incident_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('split_at', 'is', null)
        .groupBy('incident_id')
        .execute()
    : [];
  const reports = new Map(reportRows.map((r) => [r.incident_id, Number(r.n)]));
  const items = open.map((incident, i) => {
    const mine = active.filter((a) => a.incident_id === incident.id);
    const needs = coverage(needsOf(incident), mine.map((a) => JSON.parse(a.capabilities) as Capability[]));
    return {
      priority: i + 1,
      incident,
      needs: needs.map((c) => ({ capability: c.capability, count: c.count, assigned: c.assigned, missing: c.missing, reason: c.reason })),
      covered: needs.every((c) => c.missing === 0),
      units: mine.map((a) => ({ ...positions.get(a.unit_id)!, assignment_id: a.id, assigned_at: a.assigned_at })),
      reports: reports.get(incident.id) ?? 0,
    };
  });
  return {
    at: ctx.now().toISOString(),
    items,
    uncovered: items.filter((i) => !i.covered).map((i) => i.incident.id),
    free_units: (await freeUnits(db)).length,
  };
}
