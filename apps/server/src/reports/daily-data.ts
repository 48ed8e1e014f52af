// Reads the rows of one day from the database and builds the report from them.
import type { DailyReport } from '@civdef/core';
import type { AppContext } from '../services/context.js';
import { breakdownsOf } from '../fieldwork/breakdowns.js';
import { buildDailyReport, dayWindow, type DailyRows } from './daily-build.js';

/** The daily report for `date` read at `utcOffset`. Precondition: date YYYY-MM-DD, offset ±HH:MM. */
export async function dailyReport(ctx: AppContext, query: { date: string; utc_offset: string }): Promise<DailyReport> {
  const db = ctx.storage.db;
  const { fromMs, toMs } = dayWindow(query.date, query.utc_offset);
  const from = new Date(fromMs).toISOString();
  const to = new Date(toMs).toISOString();
  const now = ctx.now();

  const incidents = await db.selectFrom('incidents').select(['id', 'kind', 'occurred_at']).where('occurred_at', '>=', from).where('occurred_at', '<', to).orderBy('occurred_at').execute();

  const called = await db.selectFrom('incidents').select(['id', 'kind', 'created_at']).where('created_at', '>=', from).where('created_at', '<', to).orderBy('created_at').execute();
  // The first unit on scene for each call, from the unit status timelines.
  const arrivals = called.length
    ? await db
        .selectFrom('unit_status_changes')
        .select(['incident_id', 'unit_id', 'at'])
        .where('to_status', '=', 'on-scene')
        .where('incident_id', 'in', called.map((c) => c.id))
        .orderBy('at')
        .orderBy('id')
        .execute()
    : [];
  const first = new Map<string, { at: string; unit_id: string }>();
  for (const a of arrivals) if (a.incident_id && !first.has(a.incident_id)) first.set(a.incident_id, { at: a.at, unit_id: a.unit_id });
  const calls = called.map((c) => ({ ...c, arrived_at: first.get(c.id)?.at ?? null, unit_id: first.get(c.id)?.unit_id ?? null }));

  const victims = await db
    .selectFrom('victims')
    .innerJoin('incidents', 'incidents.id', 'victims.incident_id')
    .select(['victims.incident_id', 'incidents.kind', 'victims.condition', 'victims.start_colour'])
    .where('victims.found_at', '>=', from)
    .where('victims.found_at', '<', to)
    .orderBy('victims.found_at')
    .execute();

  const casualties = await db
    .selectFrom('volunteer_casualties')
    .innerJoin('volunteers', 'volunteers.id', 'volunteer_casualties.volunteer_id')
    .select(['volunteer_casualties.volunteer_id', 'volunteers.name', 'volunteer_casualties.kind', 'volunteer_casualties.incident_id', 'volunteer_casualties.at'])
    .where('volunteer_casualties.at', '>=', from)
    .where('volunteer_casualties.at', '<', to)
    .orderBy('volunteer_casualties.at')
    .execute();

  const movements = await db
    .selectFrom('supply_movements')
    .innerJoin('centres', 'centres.id', 'supply_movements.centre_id')
    .select(['supply_movements.centre_id', 'centres.name as centre', 'supply_movements.item', 'supply_movements.kind', (eb) => eb.fn.sum<number>('supply_movements.delta').as('total')])
    .where('supply_movements.at', '>=', from)
    .where('supply_movements.at', '<', to)
    .groupBy(['supply_movements.centre_id', 'centres.name', 'supply_movements.item', 'supply_movements.kind'])
    .execute();

  // What each stock stood at when the day ended: the quantity after its last movement before then.
  const last = await db
    .selectFrom('supply_movements')
    .innerJoin('centres', 'centres.id', 'supply_movements.centre_id')
    .select(['supply_movements.centre_id', 'centres.name as centre', 'supply_movements.item', 'supply_movements.quantity_after', 'supply_movements.at', 'supply_movements.id'])
    .where('supply_movements.at', '<', to)
    .where((eb) =>
      eb(
        'supply_movements.at',
        '=',
        eb
          .selectFrom('supply_movements as m')
          .select((m) => m.fn.max('m.at').as('at'))
          .whereRef('m.centre_id', '=', 'supply_movements.centre_id')
          .whereRef('m.item', '=', 'supply_movements.item')
          .where('m.at', '<', to),
      ),
    )
    .orderBy('supply_movements.id')
    .execute();
  const stockLeft = new Map<string, DailyRows['stockLeft'][number]>();
  for (const r of last) stockLeft.set(`${r.centre_id}/${r.item}`, { centre_id: r.centre_id, centre: r.centre, item: r.item, quantity: Number(r.quantity_after) });

  const trips = await db
    .selectFrom('vehicle_trips')
    .select((eb) => [eb.fn.countAll<number>().as('trips'), eb.fn.sum<number>('distance_m').as('distance_m'), eb.fn.sum<number>('litres').as('litres')])
    .where('at', '>=', from)
    .where('at', '<', to)
    .executeTakeFirst();

  const outages = await vehiclesOut(ctx, from, to, new Date(Math.min(toMs, now.getTime())));

  return buildDailyReport({
    date: query.date,
    utcOffset: query.utc_offset,
    fromMs,
    toMs,
    generatedAt: now.toISOString(),
    incidents,
    calls,
    victims,
    casualties,
    movements: movements.map((m) => ({ ...m, total: Number(m.total) })),
    stockLeft: [...stockLeft.values()],
    trips: { trips: Number(trips?.trips ?? 0), distance_m: Number(trips?.distance_m ?? 0), litres: Number(trips?.litres ?? 0) },
    outages,
  });
}

/** Vehicles out of service at some time in [from, to), with why and when they came back (if they did by then). */
async function vehiclesOut(ctx: AppContext, from: string, to: string, until: Date): Promise<DailyRows['outages']> {
  const db = ctx.storage.db;
  const broken = await db.selectFrom('unit_status_changes').select('unit_id').distinct().where('to_status', '=', 'out-of-service').where('at', '<', to).execute();
  if (!broken.length) return [];
  const ids = broken.map((b) => b.unit_id);
  const units = await db.selectFrom('units').select(['id', 'name', 'kind']).where('id', 'in', ids).orderBy('name').execute();
  const changes = await db.selectFrom('unit_status_changes').selectAll().where('unit_id', 'in', ids).where('at', '<', to).orderBy('at').orderBy('id').execute();
  return units.flatMap((u) =>
    breakdownsOf(changes.filter((c) => c.unit_id === u.id), until)
      .filter((b) => b.back_at === null || b.back_at >= from)
      .map((b) => ({ unit_id: u.id, name: u.name, kind: u.kind, reason: b.reason, since: b.at, back_at: b.back_at })),
  );
}
