import { z } from 'zod';
import { IsoTime, Note, Ulid } from './common.js';

export const MAINTENANCE_STATES = ['ok', 'service-due', 'in-repair', 'written-off'] as const;

const Litres = z.number().min(0, 'must be 0 or more').max(100_000, 'must be at most 100000');

export const VehicleStateSet = z
  .strictObject({
    tank_l: Litres.refine((l) => l > 0, 'must be more than 0'),
    fuel_l: Litres.meta({ description: 'Fuel in the tank now' }),
    litres_per_100km: z.number().positive('must be more than 0').max(500).optional().meta({ description: 'Default by vehicle kind' }),
    maintenance: z.enum(MAINTENANCE_STATES),
    note: Note.optional(),
  })
  .refine((v) => v.fuel_l <= v.tank_l, { message: 'cannot exceed tank_l', path: ['fuel_l'] });

export const Refuel = z.strictObject({
  id: Ulid,
  litres: Litres.refine((l) => l > 0, 'must be more than 0'),
  centre_id: Ulid.optional().meta({ description: "The centre whose fuel stock is drawn (default: the unit's centre)" }),
});

export const TripCreate = z.strictObject({
  id: Ulid.meta({ description: 'Makes a retry harmless; dispatch uses the arrival status change id' }),
  distance_m: z.number().positive('must be more than 0').max(1_000_000, 'must be at most 1000 km'),
  incident_id: Ulid.optional(),
  at: IsoTime.optional(),
  note: Note.optional(),
});

export const Breakdown = z
  .strictObject({
    at: z.string(),
    reason: z.string().nullable(),
    note: z.string().nullable(),
    incident_id: Ulid.nullable(),
    back_at: z.string().nullable().meta({ description: 'When it was available again; null while out of service' }),
    hours: z.number().meta({ description: 'Hours out of service (until now if still out)' }),
  })
  .meta({ id: 'Breakdown' });

export const Vehicle = z
  .strictObject({
    unit_id: Ulid,
    name: z.string(),
    kind: z.string(),
    centre_id: Ulid,
    status: z.string(),
    status_reason: z.string().nullable(),
    tank_l: z.number().nullable(),
    fuel_l: z.number().nullable(),
    litres_per_100km: z.number(),
    range_km: z.number().nullable().meta({ description: 'How far the fuel in the tank goes' }),
    low_fuel: z.boolean(),
    maintenance: z.enum(MAINTENANCE_STATES),
    note: z.string().nullable(),
    breakdowns: z.array(Breakdown),
  })
  .meta({ id: 'Vehicle' });
export type Vehicle = z.infer<typeof Vehicle>;

export const Trip = z
  .strictObject({
    id: Ulid,
    unit_id: Ulid,
    incident_id: Ulid.nullable(),
    distance_m: z.number(),
    litres: z.number(),
    fuel_after: z.number().nullable(),
    at: z.string(),
  })
  .meta({ id: 'Trip' });
export type Trip = z.infer<typeof Trip>;
