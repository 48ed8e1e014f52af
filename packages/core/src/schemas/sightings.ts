import { z } from 'zod';
import { IsoTime, Latitude, Longitude, Name, Note, Ulid } from './common.js';

export const AIRCRAFT_TYPES = ['helicopter', 'jet', 'drone', 'unknown'] as const;
export type AircraftType = (typeof AIRCRAFT_TYPES)[number];

/** How far ahead of the receiver's clock a sighting may be stamped: phones' clocks drift. */
export const SIGHTING_CLOCK_SKEW_MS = 120_000;

const Point = z.strictObject({ lat: Latitude, lon: Longitude });
const Degrees = z.number().min(0, 'must be 0-360 degrees').max(360, 'must be 0-360 degrees');

const sightingFields = {
  id: Ulid,
  time: IsoTime.meta({ description: 'When the aircraft was seen (not when the report was sent)' }),
  spotter: Point.meta({ description: 'Where the spotter stands' }),
  aircraft: z.enum(AIRCRAFT_TYPES),
  count: z.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50').optional(),
  bearing_deg: Degrees.optional().meta({ description: 'Direction from the spotter to the aircraft, degrees clockwise from true north' }),
  distance_m: z
    .number()
    .positive('must be > 0')
    .max(100_000, 'must be at most 100 km')
    .optional()
    .meta({ description: "The spotter's estimate of the distance to the aircraft; needs bearing_deg" }),
  heading_deg: Degrees.optional().meta({ description: 'Direction of flight, degrees clockwise from true north' }),
  overhead: z.boolean().optional().meta({ description: 'The aircraft is over the spotter' }),
  circling: z.boolean().optional(),
  base: z
    .strictObject({ lat: Latitude, lon: Longitude, name: Name })
    .optional()
    .meta({ description: 'A take-off report: the airbase the aircraft left' }),
  note: Note.optional(),
};

/** Adds an issue unless the sighting says where the aircraft is: a bearing, overhead, or a base. */
function requirePlacement(s: { bearing_deg?: number; distance_m?: number; overhead?: boolean; base?: unknown }, ctx: z.RefinementCtx): void {
  if (s.distance_m !== undefined && s.bearing_deg === undefined) {
    ctx.addIssue({ code: 'custom', path: ['bearing_deg'], message: 'is required with distance_m: a distance alone does not place the aircraft' });
  } else if (s.bearing_deg === undefined && s.overhead !== true && s.base === undefined) {
    ctx.addIssue({ code: 'custom', path: [], message: 'cannot place the aircraft: give bearing_deg (and distance_m), overhead: true, or base' });
  }
}

/** A sighting as a spotter sends it, checked for everything but its time against a clock. */
export const SightingCreate = z.strictObject(sightingFields).superRefine(requirePlacement).meta({ id: 'SightingCreate' });
export type SightingCreate = z.infer<typeof SightingCreate>;

/**
 * The sighting schema that also refuses times in the future, beyond skewMs past now().
 * Precondition: now() gives epoch milliseconds; it is called once per validation.
 */
export function sightingSchemaAt(now: () => number, skewMs = SIGHTING_CLOCK_SKEW_MS) {
  return z
    .strictObject(sightingFields)
    .superRefine(requirePlacement)
    .superRefine((s, ctx) => {
      const limit = now() + skewMs;
      if (Date.parse(s.time) > limit) {
        ctx.addIssue({
          code: 'custom',
          path: ['time'],
          message: `is in the future: ${s.time} is after ${new Date(limit).toISOString()} (the clock now plus ${Math.round(skewMs / 1000)} s)`,
        });
      }
    });
}
