import { z } from 'zod';
import { Ulid } from './common.js';
import { AIRCRAFT_TYPES, SightingCreate } from './sightings.js';

export const ALERT_ACTIONS = ['issue', 'update', 'cancel'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];
export const ALERT_STATES = ['in-force', 'cancelled'] as const;

/** One zone an alert warns: who is at risk, how likely, and between which times the aircraft may arrive. */
export const AlertZone = z
  .strictObject({
    id: z.string(),
    name_en: z.string(),
    name_ar: z.string(),
    probability: z.number().min(0).max(1).meta({ description: 'Chance that a strike from this aircraft falls in this zone' }),
    earliest: z.string().meta({ description: 'ISO time: the earliest the aircraft may be over the zone' }),
    latest: z.string().meta({ description: 'ISO time: the latest' }),
  })
  .meta({ id: 'AlertZone' });
export type AlertZone = z.infer<typeof AlertZone>;

/**
 * The data of every alert.issued, alert.updated and alert.cancelled event: the contract delivery channels
 * (public stream, sirens, webhooks) rely on. On cancel, zones is [] and previous_zones holds the zones cleared.
 */
export const AlertEventData = z.strictObject({
  alert_id: Ulid,
  action: z.enum(ALERT_ACTIONS),
  aircraft: z.enum(AIRCRAFT_TYPES),
  track_id: z.string(),
  issued_at: z.string().meta({ description: 'ISO time this decision was made' }),
  reason: z.string().optional(),
  zones: z.array(AlertZone),
  previous_zones: z.array(AlertZone).optional(),
});
export type AlertEventData = z.infer<typeof AlertEventData>;

/** An alert as the public reads it: no spotter, no position of anyone, only the aircraft and the zones. */
export const Alert = z
  .strictObject({
    id: Ulid,
    state: z.enum(ALERT_STATES),
    aircraft: z.enum(AIRCRAFT_TYPES),
    track_id: z.string(),
    zones: z.array(AlertZone).meta({ description: 'The zones warned now; [] once cancelled' }),
    previous_zones: z.array(AlertZone).nullable().meta({ description: 'On a cancelled alert, the zones it last warned' }),
    reason: z.string().nullable().meta({ description: 'Why it was cancelled' }),
    issued_at: z.string(),
    updated_at: z.string(),
    cancelled_at: z.string().nullable(),
    messages: z.number().int().meta({ description: 'CAP messages published for it (issue, updates, cancel)' }),
    cap_url: z.string().meta({ description: 'Its latest CAP 1.2 message' }),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof Alert>;

/** The data of an advisory.double-tap event: hold back from a strike site while an aircraft that may return is near. */
export const DoubleTapAdvisoryData = z.strictObject({
  incident_id: Ulid,
  time: z.string(),
  lat: z.number(),
  lon: z.number(),
  radius_m: z.number(),
  until: z.string().meta({ description: 'ISO time: hold until then unless the aircraft is gone' }),
  track_ids: z.array(z.string()),
});
export type DoubleTapAdvisoryData = z.infer<typeof DoubleTapAdvisoryData>;

/** A stored sighting: what the spotter sent, when the server received it and who reported it. */
export const Sighting = z
  .object({
    ...SightingCreate.shape,
    received_at: z.string(),
    reported_by: z.string(),
  })
  .meta({ id: 'Sighting' });
export type Sighting = z.infer<typeof Sighting>;

const Position = z.tuple([z.number(), z.number()]);

/** The zones alerts name, as GeoJSON (RFC 7946), each with its id and its names in English and Arabic. */
export const ZoneCollection = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    source: z.enum(['imported', 'demo-city', 'hex-grid']).meta({ description: 'Where the zones came from' }),
    features: z.array(
      z.strictObject({
        type: z.literal('Feature'),
        id: z.string(),
        properties: z.strictObject({ id: z.string(), name: z.string(), name_en: z.string(), name_ar: z.string() }),
        geometry: z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
      }),
    ),
  })
  .meta({ id: 'ZoneCollection' });
export type ZoneCollection = z.infer<typeof ZoneCollection>;
