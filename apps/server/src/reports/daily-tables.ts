// Every table of the daily report as rows, for the CSV downloads and the HTML tables alike.
import { INCIDENT_KINDS, type DailyReport, type ReportTable } from '@civdef/core';
import type { Cell } from './csv.js';

export interface Table {
  header: string[];
  rows: Cell[][];
}

/** One table of the report. Precondition: report built by buildDailyReport. */
export function reportTable(r: DailyReport, table: ReportTable): Table {
  switch (table) {
    case 'strikes':
      return { header: ['hour', ...INCIDENT_KINDS, 'total'], rows: r.strikes.by_hour.map((h) => [h.hour, ...INCIDENT_KINDS.map((k) => h.by_kind[k] ?? 0), h.total]) };
    case 'responses':
      return {
        header: ['incident_id', 'kind', 'called_at', 'arrived_at', 'unit_id', 'seconds'],
        rows: r.responses.items.map((i) => [i.incident_id, i.kind, i.called_at, i.arrived_at, i.unit_id, i.seconds]),
      };
    case 'victims':
      return { header: ['incident_id', 'kind', 'alive', 'dead'], rows: r.victims.by_incident.map((v) => [v.incident_id, v.kind, v.alive, v.dead]) };
    case 'volunteer-losses':
      return { header: ['volunteer_id', 'name', 'kind', 'incident_id', 'at'], rows: r.volunteer_losses.items.map((l) => [l.volunteer_id, l.name, l.kind, l.incident_id, l.at]) };
    case 'supplies':
      return {
        header: ['centre_id', 'centre', 'item', 'unit', 'used', 'received', 'transferred_in', 'transferred_out', 'left'],
        rows: r.supplies.map((s) => [s.centre_id, s.centre, s.item, s.unit, s.used, s.received, s.transferred_in, s.transferred_out, s.left]),
      };
    case 'vehicles-out':
      return { header: ['unit_id', 'name', 'kind', 'reason', 'since', 'back_at'], rows: r.vehicles_out.map((v) => [v.unit_id, v.name, v.kind, v.reason, v.since, v.back_at]) };
  }
}
