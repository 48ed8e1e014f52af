// The daily report from the day's rows: pure, so each figure is tested on rows made by hand.
import { INCIDENT_KINDS, START_COLOURS, SUPPLY_UNITS, type DailyReport, type SupplyItem } from '@civdef/core';
import { round3 } from '../fieldwork/quantity.js';
import { quantile } from './stats.js';

const HOUR_MS = 3_600_000;

/** The day [from, to) as epoch ms: midnight to midnight at the offset. Precondition: date YYYY-MM-DD, offset ±HH:MM. */
export function dayWindow(date: string, utcOffset: string): { fromMs: number; toMs: number } {
  const fromMs = Date.parse(`${date}T00:00:00${utcOffset}`);
  return { fromMs, toMs: fromMs + 24 * HOUR_MS };
}

export interface DailyRows {
  date: string;
  utcOffset: string;
  fromMs: number;
  toMs: number;
  generatedAt: string;
  /** Incidents that happened in the day. */
  incidents: { id: string; kind: string; occurred_at: string }[];
  /** Incidents called in during the day, each with the first arrival of a unit on scene. */
  calls: { id: string; kind: string; created_at: string; arrived_at: string | null; unit_id: string | null }[];
  /** Victims found in the day. */
  victims: { incident_id: string; kind: string; condition: string; start_colour: string }[];
  casualties: { volunteer_id: string; name: string; kind: string; incident_id: string; at: string }[];
  /** Movement totals of the day by centre, item and kind. */
  movements: { centre_id: string; centre: string; item: string; kind: string; total: number }[];
  /** Each stock as it stood at the end of the day. */
  stockLeft: { centre_id: string; centre: string; item: string; quantity: number }[];
  trips: { trips: number; distance_m: number; litres: number };
  /** Out-of-service periods that overlap the day. */
  outages: { unit_id: string; name: string; kind: string; reason: string | null; since: string; back_at: string | null }[];
}

const zeroKinds = () => Object.fromEntries(INCIDENT_KINDS.map((k) => [k, 0])) as Record<(typeof INCIDENT_KINDS)[number], number>;

function strikes(rows: DailyRows): DailyReport['strikes'] {
  const byKind = zeroKinds();
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, total: 0, by_kind: zeroKinds() }));
  for (const i of rows.incidents) {
    const kind = i.kind as keyof typeof byKind;
    const hour = Math.min(23, Math.max(0, Math.floor((Date.parse(i.occurred_at) - rows.fromMs) / HOUR_MS)));
    byKind[kind]++;
    byHour[hour]!.by_kind[kind]++;
    byHour[hour]!.total++;
  }
  return { total: rows.incidents.length, by_kind: byKind, by_hour: byHour };
}

function responses(rows: DailyRows): DailyReport['responses'] {
  const items = rows.calls.map((c) => ({
    incident_id: c.id,
    kind: c.kind,
    called_at: c.created_at,
    arrived_at: c.arrived_at,
    unit_id: c.unit_id,
    // A phone's clock can put an arrival a moment before the call was logged: that is no negative wait.
    seconds: c.arrived_at ? Math.max(0, Math.round((Date.parse(c.arrived_at) - Date.parse(c.created_at)) / 1000)) : null,
  }));
  const times = items.flatMap((i) => (i.seconds === null ? [] : [i.seconds])).sort((a, b) => a - b);
  const q = (p: number) => {
    const v = quantile(times, p);
    return v === null ? null : Math.round(v);
  };
  return { incidents: items.length, reached: times.length, median_s: q(0.5), p90_s: q(0.9), items };
}

function victims(rows: DailyRows): DailyReport['victims'] {
  const byColour = Object.fromEntries(START_COLOURS.map((c) => [c, 0])) as Record<(typeof START_COLOURS)[number], number>;
  const byIncident = new Map<string, { incident_id: string; kind: string; alive: number; dead: number }>();
  for (const v of rows.victims) {
    byColour[v.start_colour as keyof typeof byColour]++;
    const row = byIncident.get(v.incident_id) ?? { incident_id: v.incident_id, kind: v.kind, alive: 0, dead: 0 };
    if (v.condition === 'dead') row.dead++;
    else row.alive++;
    byIncident.set(v.incident_id, row);
  }
  const list = [...byIncident.values()];
  return { alive: list.reduce((s, r) => s + r.alive, 0), dead: list.reduce((s, r) => s + r.dead, 0), by_colour: byColour, by_incident: list };
}

function supplies(rows: DailyRows): DailyReport['supplies'] {
  const key = (r: { centre_id: string; item: string }) => `${r.centre_id}\u0000${r.item}`;
  const table = new Map<string, DailyReport['supplies'][number]>();
  const row = (r: { centre_id: string; centre: string; item: string }) => {
    let t = table.get(key(r));
    if (!t) {
      t = { centre_id: r.centre_id, centre: r.centre, item: r.item, unit: SUPPLY_UNITS[r.item as SupplyItem] ?? 'each', used: 0, received: 0, transferred_in: 0, transferred_out: 0, left: 0 };
      table.set(key(r), t);
    }
    return t;
  };
  for (const s of rows.stockLeft) row(s).left = s.quantity;
  for (const m of rows.movements) {
    const t = row(m);
    if (m.kind === 'consumption' || m.kind === 'refuel') t.used = round3(t.used - m.total);
    else if (m.kind === 'receipt') t.received = round3(t.received + m.total);
    else if (m.kind === 'transfer-in') t.transferred_in = round3(t.transferred_in + m.total);
    else if (m.kind === 'transfer-out') t.transferred_out = round3(t.transferred_out - m.total);
  }
  return [...table.values()].sort((a, b) => a.centre.localeCompare(b.centre) || a.item.localeCompare(b.item));
}

/** Assembles the report. Precondition: rows are those of [fromMs, toMs). */
export function buildDailyReport(rows: DailyRows): DailyReport {
  const losses = rows.casualties;
  return {
    date: rows.date,
    utc_offset: rows.utcOffset,
    from: new Date(rows.fromMs).toISOString(),
    to: new Date(rows.toMs).toISOString(),
    generated_at: rows.generatedAt,
    strikes: strikes(rows),
    responses: responses(rows),
    victims: victims(rows),
    volunteer_losses: {
      injured: losses.filter((l) => l.kind === 'injured').length,
      killed: losses.filter((l) => l.kind === 'killed').length,
      items: losses,
    },
    supplies: supplies(rows),
    fuel_on_trips: { trips: rows.trips.trips, distance_km: Math.round(rows.trips.distance_m / 100) / 10, litres: round3(rows.trips.litres) },
    vehicles_out: rows.outages,
  };
}
