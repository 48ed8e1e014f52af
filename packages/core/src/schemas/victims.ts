import { z } from 'zod';
import { IsoTime, Latitude, Longitude, Name, Note, Phone, Ulid } from './common.js';

export const VICTIM_CONDITIONS = ['alive', 'dead'] as const;
export type VictimCondition = (typeof VICTIM_CONDITIONS)[number];
/** START triage: red immediate, yellow delayed, green walking wounded, black dead or expectant. */
export const START_COLOURS = ['red', 'yellow', 'green', 'black'] as const;
export const SEXES = ['female', 'male'] as const;

const Age = z.number().int().min(0, 'must be 0-120').max(120, 'must be 0-120');
const Description = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');

export const FamilyContact = z
  .strictObject({
    name: Name,
    relation: z.string().trim().min(1).max(60).optional(),
    phone: Phone.optional(),
  })
  .meta({ id: 'FamilyContact' });

/** Identity fields: the minimum a family or a hospital needs, readable only by personal-data readers. */
const personalFields = {
  name: Name.optional().meta({ description: 'The name, if known' }),
  description: Description.optional().meta({ description: 'Clothing, marks, what was carried: when the name is not known' }),
  photo_media_id: Ulid.optional().meta({ description: 'A photo uploaded through /media' }),
  family_contact: FamilyContact.optional(),
};

export const VictimCreate = z
  .strictObject({
    id: Ulid,
    condition: z.enum(VICTIM_CONDITIONS),
    start_colour: z.enum(START_COLOURS),
    found_at: IsoTime,
    extricated_at: IsoTime.optional(),
    age: Age.optional().meta({ description: 'Known or estimated age in years' }),
    sex: z.enum(SEXES).optional(),
    ...personalFields,
    body_bag_centre_id: Ulid.optional().meta({
      description: "For a dead victim: the centre whose body bag is used (default: the centre of the worksite's team)",
    }),
  })
  .refine((v) => v.name !== undefined || v.description !== undefined, {
    message: 'give the name if known, else a description (clothing, marks) a family could recognise',
    path: ['description'],
  })
  .refine((v) => v.condition === 'alive' || v.start_colour === 'black', { message: 'a dead victim is START black', path: ['start_colour'] })
  .refine((v) => !v.extricated_at || Date.parse(v.extricated_at) >= Date.parse(v.found_at), {
    message: 'cannot be before found_at',
    path: ['extricated_at'],
  });

export const VictimUpdate = z
  .strictObject({
    condition: z.enum(VICTIM_CONDITIONS),
    start_colour: z.enum(START_COLOURS),
    extricated_at: IsoTime,
    age: Age,
    sex: z.enum(SEXES),
    ...personalFields,
    body_bag_centre_id: Ulid,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');

export const Handover = z.strictObject({
  hospital_id: Ulid.meta({ description: 'The hospital, field hospital or morgue receiving the victim' }),
  at: IsoTime.optional().meta({ description: 'Defaults to now' }),
  note: Note.optional(),
});

export const Victim = z
  .strictObject({
    id: Ulid,
    incident_id: Ulid,
    worksite_id: Ulid,
    worksite_code: z.string(),
    condition: z.enum(VICTIM_CONDITIONS),
    start_colour: z.enum(START_COLOURS),
    found_at: z.string(),
    extricated_at: z.string().nullable(),
    age: z.number().int().nullable(),
    sex: z.enum(SEXES).nullable(),
    hospital_id: Ulid.nullable(),
    handed_over_at: z.string().nullable(),
    personal_withheld: z.boolean().meta({ description: 'True when the caller may not see name, description, photo and family contact' }),
    name: z.string().nullable(),
    description: z.string().nullable(),
    photo_media_id: Ulid.nullable(),
    family_contact: FamilyContact.nullable(),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Victim' });
export type Victim = z.infer<typeof Victim>;

export const HOSPITAL_KINDS = ['hospital', 'field-hospital', 'morgue'] as const;
export type HospitalKind = (typeof HOSPITAL_KINDS)[number];
export const HOSPITAL_STATUSES = ['accepting', 'full', 'damaged', 'destroyed'] as const;

export const HospitalCreate = z.strictObject({
  id: Ulid,
  name: Name,
  kind: z.enum(HOSPITAL_KINDS),
  lat: Latitude,
  lon: Longitude,
  capacity: z.number().int().min(0).max(100_000).meta({ description: 'Beds (a morgue: places)' }),
  status: z.enum(HOSPITAL_STATUSES).default('accepting'),
});

export const HospitalStatusChange = z.strictObject({
  status: z.enum(HOSPITAL_STATUSES),
  capacity: z.number().int().min(0).max(100_000).optional(),
  note: Note.optional(),
});

export const Hospital = z
  .strictObject({
    id: Ulid,
    name: z.string(),
    kind: z.enum(HOSPITAL_KINDS),
    lat: z.number(),
    lon: z.number(),
    capacity: z.number().int(),
    status: z.enum(HOSPITAL_STATUSES),
    note: z.string().nullable(),
    received_24h: z.number().int().meta({ description: 'Victims handed over in the last 24 hours' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Hospital' });
export type Hospital = z.infer<typeof Hospital>;

export const HospitalDestination = z
  .strictObject({
    hospital: Hospital,
    reachable: z.boolean(),
    duration_s: z.number().nullable(),
    distance_m: z.number().nullable(),
  })
  .meta({ id: 'HospitalDestination' });
