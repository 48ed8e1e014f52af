import { z } from 'zod';
import { IsoTime, Latitude, Longitude, Name, Note, Ulid } from './common.js';

export const UNIT_KINDS = ['ambulance', 'rescue-truck', 'fire-truck', 'water-tanker', 'excavator', 'foot-team'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const CAPABILITIES = ['medical', 'light-rescue', 'heavy-rescue', 'firefighting', 'water', 'excavation', 'hazmat'] as const;

export const UNIT_STATUSES = ['available', 'dispatched', 'en-route', 'on-scene', 'returning', 'out-of-service'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const OUT_OF_SERVICE_REASONS = ['overheated', 'damaged', 'no-fuel', 'crew-hurt', 'maintenance', 'other'] as const;

export const UnitCreate = z.strictObject({
  id: Ulid,
  name: Name,
  kind: z.enum(UNIT_KINDS),
  centre_id: Ulid,
  team_id: Ulid.optional(),
  crew: z.array(Ulid).max(20).default([]),
  capabilities: z.array(z.enum(CAPABILITIES)).max(CAPABILITIES.length).default([]),
  lat: Latitude,
  lon: Longitude,
});

export const Unit = z
  .strictObject({
    id: Ulid,
    name: z.string(),
    kind: z.enum(UNIT_KINDS),
    centre_id: Ulid,
    team_id: Ulid.nullable(),
    crew: z.array(Ulid),
    capabilities: z.array(z.enum(CAPABILITIES)),
    lat: z.number(),
    lon: z.number(),
    position_at: z.string().nullable().meta({ description: 'When lat/lon were reported; null: not since the unit was created' }),
    status: z.enum(UNIT_STATUSES),
    status_reason: z.string().nullable(),
    incident_id: Ulid.nullable().meta({ description: 'The incident the unit is assigned to, if any' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof Unit>;

/** A unit status change as a client sends it; `id` makes a retry idempotent. */
export const UnitStatusChangeCreate = z
  .strictObject({
    id: Ulid,
    status: z.enum(UNIT_STATUSES),
    reason: z.enum(OUT_OF_SERVICE_REASONS).optional().meta({ description: 'Required when going out of service' }),
    note: Note.optional(),
    at: IsoTime.optional(),
    lat: Latitude.optional(),
    lon: Longitude.optional(),
  })
  .refine((v) => (v.lat === undefined) === (v.lon === undefined), { message: 'lat and lon go together', path: ['lat'] })
  .refine((v) => v.status !== 'out-of-service' || v.reason !== undefined, {
    message: 'a reason is required when going out of service',
    path: ['reason'],
  });

export const UnitStatusChange = z
  .strictObject({
    id: Ulid,
    unit_id: Ulid,
    from_status: z.enum(UNIT_STATUSES),
    to_status: z.enum(UNIT_STATUSES),
    reason: z.string().nullable(),
    note: z.string().nullable(),
    incident_id: Ulid.nullable(),
    at: z.string(),
    actor_id: z.string(),
  })
  .meta({ id: 'UnitStatusChange' });
export type UnitStatusChange = z.infer<typeof UnitStatusChange>;

export const UnitPositionUpdate = z.strictObject({ lat: Latitude, lon: Longitude, at: IsoTime.optional() });
