import { z } from 'zod';
import { INCIDENT_KINDS } from './incidents.js';
import { START_COLOURS } from './victims.js';

export const REPORT_TABLES = ['strikes', 'responses', 'victims', 'volunteer-losses', 'supplies', 'vehicles-out'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** A calendar day, and the zone it is read in (the service's local day, not only UTC). */
export const DailyReportQuery = z.strictObject({
  date: z.iso.date({ message: 'must be a date YYYY-MM-DD' }),
  utc_offset: z
    .string()
    .regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, 'must be an offset like +03:00')
    .default('+00:00')
    .meta({ description: 'The zone the day is read in, e.g. +03:00' }),
});

const KindCounts = z.record(z.enum(INCIDENT_KINDS), z.number().int());

export const DailyReport = z
  .strictObject({
    date: z.string(),
    utc_offset: z.string(),
    from: z.string(),
    to: z.string(),
    generated_at: z.string(),
    strikes: z.strictObject({
      total: z.number().int(),
      by_kind: KindCounts,
      by_hour: z.array(z.strictObject({ hour: z.number().int(), total: z.number().int(), by_kind: KindCounts })),
    }),
    responses: z.strictObject({
      incidents: z.number().int(),
      reached: z.number().int(),
      median_s: z.number().nullable(),
      p90_s: z.number().nullable(),
      items: z.array(
        z.strictObject({
          incident_id: z.string(),
          kind: z.string(),
          called_at: z.string(),
          arrived_at: z.string().nullable(),
          unit_id: z.string().nullable(),
          seconds: z.number().nullable(),
        }),
      ),
    }),
    victims: z.strictObject({
      alive: z.number().int(),
      dead: z.number().int(),
      by_colour: z.record(z.enum(START_COLOURS), z.number().int()),
      by_incident: z.array(z.strictObject({ incident_id: z.string(), kind: z.string(), alive: z.number().int(), dead: z.number().int() })),
    }),
    volunteer_losses: z.strictObject({
      injured: z.number().int(),
      killed: z.number().int(),
      items: z.array(z.strictObject({ volunteer_id: z.string(), name: z.string(), kind: z.string(), incident_id: z.string(), at: z.string() })),
    }),
    supplies: z.array(
      z.strictObject({
        centre_id: z.string(),
        centre: z.string(),
        item: z.string(),
        unit: z.string(),
        used: z.number(),
        received: z.number(),
        transferred_in: z.number(),
        transferred_out: z.number(),
        left: z.number(),
      }),
    ),
    fuel_on_trips: z.strictObject({ trips: z.number().int(), distance_km: z.number(), litres: z.number() }),
    vehicles_out: z.array(
      z.strictObject({
        unit_id: z.string(),
        name: z.string(),
        kind: z.string(),
        reason: z.string().nullable(),
        since: z.string(),
        back_at: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'DailyReport' });
export type DailyReport = z.infer<typeof DailyReport>;
