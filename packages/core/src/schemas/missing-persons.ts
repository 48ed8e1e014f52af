import { z } from 'zod';
import { IsoTime, Latitude, Longitude, Name, Note, Phone, Ulid } from './common.js';
import { SEXES } from './victims.js';

export const MISSING_PERSON_STATUSES = ['missing', 'matched', 'family-told'] as const;

const AskedBy = z
  .strictObject({
    name: Name,
    relation: z.string().trim().min(1).max(60).optional(),
    phone: Phone.optional(),
    contact: z.string().trim().min(1).max(300).optional().meta({ description: 'How else to reach them: an address, a neighbour, a shop' }),
  })
  .refine((a) => a.phone !== undefined || a.contact !== undefined, { message: 'give a phone number or another way to reach them', path: ['contact'] })
  .meta({ id: 'MissingPersonAskedBy' });

export const MissingPersonCreate = z
  .strictObject({
    id: Ulid,
    name: Name,
    age: z.number().int().min(0).max(120).optional(),
    sex: z.enum(SEXES).optional(),
    description: z.string().trim().min(1).max(500).optional(),
    last_seen_place: z.string().trim().min(1).max(200).optional(),
    last_seen_lat: Latitude.optional(),
    last_seen_lon: Longitude.optional(),
    last_seen_at: IsoTime.optional(),
    asked_by: AskedBy,
  })
  .refine((v) => (v.last_seen_lat === undefined) === (v.last_seen_lon === undefined), { message: 'lat and lon go together', path: ['last_seen_lat'] });

export const MissingPersonMatch = z.strictObject({ victim_id: Ulid, note: Note.optional() });
export const FamilyTold = z.strictObject({ at: IsoTime.optional(), note: Note.optional() });

export const MissingPerson = z
  .strictObject({
    id: Ulid,
    name: z.string(),
    age: z.number().int().nullable(),
    sex: z.enum(SEXES).nullable(),
    description: z.string().nullable(),
    last_seen_place: z.string().nullable(),
    last_seen_lat: z.number().nullable(),
    last_seen_lon: z.number().nullable(),
    last_seen_at: z.string().nullable(),
    asked_by: z.strictObject({ name: z.string(), relation: z.string().nullable(), phone: z.string().nullable(), contact: z.string().nullable() }),
    status: z.enum(MISSING_PERSON_STATUSES),
    victim_id: Ulid.nullable(),
    matched_at: z.string().nullable(),
    family_told_at: z.string().nullable(),
    family_told_note: z.string().nullable(),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'MissingPerson' });
export type MissingPerson = z.infer<typeof MissingPerson>;

export const MatchCandidate = z
  .strictObject({
    victim_id: Ulid,
    score: z.number(),
    parts: z.strictObject({ name: z.number().nullable(), age: z.number().nullable(), place: z.number().nullable(), time: z.number().nullable() }),
    condition: z.string(),
    name: z.string().nullable(),
    age: z.number().nullable(),
    sex: z.string().nullable(),
    description: z.string().nullable(),
    found_at: z.string(),
    incident_id: Ulid,
    hospital_id: Ulid.nullable(),
  })
  .meta({ id: 'MatchCandidate' });
