import { z } from 'zod';
import { IsoTime, Latitude, Longitude, Note, Ulid } from './common.js';

export const INCIDENT_KINDS = ['airstrike', 'barrel-bomb', 'shelling', 'fire', 'building-collapse', 'chemical-attack', 'other'] as const;
export const INCIDENT_SOURCES = ['spotter', 'team', 'civilian', 'sensor', 'dispatcher'] as const;
export const INCIDENT_STATUSES = ['open', 'responding', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** A count of people, as a dispatcher estimates it. */
export const PeopleCount = z.number().int().min(0, 'must be >= 0').max(10_000, 'must be at most 10000');

export const IncidentCreate = z.strictObject({
  id: Ulid,
  kind: z.enum(INCIDENT_KINDS),
  lat: Latitude,
  lon: Longitude,
  occurred_at: IsoTime,
  severity: z.number().int().min(1, 'severity runs 1-5').max(5, 'severity runs 1-5'),
  source: z.enum(INCIDENT_SOURCES),
  reporter: z.string().trim().min(1).max(120).optional().meta({ description: 'Who reported it: a call sign or "anonymous caller"; not a civilian\'s identity' }),
  description: Note.optional(),
  people_trapped: PeopleCount.optional().meta({ description: 'People believed trapped under rubble' }),
  casualties: PeopleCount.optional().meta({ description: 'People expected to need an ambulance' }),
});

export const Incident = z
  .strictObject({
    id: Ulid,
    kind: z.enum(INCIDENT_KINDS),
    lat: z.number(),
    lon: z.number(),
    occurred_at: z.string(),
    severity: z.number().int(),
    source: z.enum(INCIDENT_SOURCES),
    reporter: z.string().nullable(),
    description: z.string().nullable(),
    people_trapped: z.number().int().nullable(),
    casualties: z.number().int().nullable(),
    status: z.enum(INCIDENT_STATUSES),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Incident' });
export type Incident = z.infer<typeof Incident>;

export const IncidentStatusChange = z.strictObject({ status: z.enum(INCIDENT_STATUSES), note: Note.optional() });

export const AssignmentCreate = z.strictObject({ id: Ulid, unit_id: Ulid, note: Note.optional() });
export const Assignment = z
  .strictObject({
    id: Ulid,
    incident_id: Ulid,
    unit_id: Ulid,
    assigned_at: z.string(),
    assigned_by: z.string(),
    released_at: z.string().nullable(),
    release_reason: z.string().nullable(),
  })
  .meta({ id: 'Assignment' });
export type Assignment = z.infer<typeof Assignment>;
