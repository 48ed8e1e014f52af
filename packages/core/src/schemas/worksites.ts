import { z } from 'zod';
import { WORKSITE_CODE_PATTERN } from '../fieldwork/worksite-code.js';
import { IsoTime, Latitude, Longitude, Note, Ulid } from './common.js';

export const BUILDING_USES = ['residential', 'commercial', 'mixed', 'school', 'hospital', 'mosque', 'market', 'bakery', 'government', 'industrial', 'other'] as const;
export const CONSTRUCTION_TYPES = ['reinforced-concrete', 'masonry', 'steel', 'timber', 'mud-brick', 'mixed', 'unknown'] as const;
export const COLLAPSE_TYPES = ['pancake', 'lean-to', 'v-shape', 'a-frame', 'cantilever', 'partial', 'total', 'unknown'] as const;
export const HAZARDS = ['unexploded-ordnance', 'gas', 'fire', 'electricity', 'water', 'chemical', 'asbestos', 'unstable-structure', 'dust', 'other'] as const;
/**
 * INSARAG worksite triage (Guidelines 2015, Vol. II Manual B, triage form F11): A/B confirmed live victims,
 * C/E unknown victims with large voids, D/F unknown victims with small voids; the first letter of each pair
 * for the quicker rescue.
 */
export const TRIAGE_CATEGORIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
/** ASR levels: 1 wide area, 2 sector and worksite triage, 3 rapid search and rescue, 4 full search and rescue, 5 total coverage. */
export const AsrLevel = z.number().int().min(1, 'ASR levels run 1-5').max(5, 'ASR levels run 1-5');
export const WORKSITE_STATUSES = ['open', 'closed'] as const;

const WorksiteCode = z
  .string()
  .regex(WORKSITE_CODE_PATTERN, 'must be an INSARAG worksite id: sector letter, dash, number, and a letter for a sub-site (A-1, A-1a)')
  .meta({ example: 'A-1' });
const Text200 = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const Hazards = z
  .array(z.enum(HAZARDS))
  .max(HAZARDS.length)
  .refine((h) => new Set(h).size === h.length, 'lists a hazard twice');

const worksiteFields = {
  address: Text200.meta({ description: 'Street address or local name' }),
  landmark: Text200.optional(),
  building_use: z.enum(BUILDING_USES),
  construction: z.enum(CONSTRUCTION_TYPES),
  floors: z.number().int().min(0, 'must be 0 or more').max(200, 'must be at most 200'),
  collapse_type: z.enum(COLLAPSE_TYPES),
  hazards: Hazards,
  triage_category: z.enum(TRIAGE_CATEGORIES),
  team_id: Ulid.meta({ description: 'The team working the site (its name is painted in the ASR lines)' }),
  note: Note,
};

export const WorksiteCreate = z
  .strictObject({
    id: Ulid,
    code: WorksiteCode,
    lat: Latitude.optional(),
    lon: Longitude.optional(),
    ...worksiteFields,
    hazards: Hazards.default([]),
    landmark: worksiteFields.landmark,
    triage_category: worksiteFields.triage_category.optional(),
    team_id: worksiteFields.team_id.optional(),
    note: Note.optional(),
  })
  .refine((v) => (v.lat === undefined) === (v.lon === undefined), { message: 'lat and lon go together', path: ['lat'] });

export const WorksiteUpdate = z
  .strictObject({
    address: worksiteFields.address.optional(),
    landmark: worksiteFields.landmark.nullable(),
    building_use: worksiteFields.building_use.optional(),
    construction: worksiteFields.construction.optional(),
    floors: worksiteFields.floors.optional(),
    collapse_type: worksiteFields.collapse_type.optional(),
    hazards: Hazards.optional(),
    triage_category: worksiteFields.triage_category.nullable().optional(),
    team_id: worksiteFields.team_id.nullable().optional(),
    note: Note.nullable().optional(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');

export const AsrCompletionCreate = z.strictObject({
  level: AsrLevel,
  team_id: Ulid,
  completed_at: IsoTime.optional().meta({ description: 'Defaults to now' }),
});

export const WorksiteClose = z.strictObject({ note: Note.optional() });

export const WorksiteMarking = z
  .strictObject({
    above: z.string().nullable(),
    inside: z.array(z.string()),
    below: z.string().nullable(),
    left: z.string(),
    right: z.string(),
    complete: z.boolean(),
    text: z.string(),
  })
  .meta({ id: 'WorksiteMarking', description: 'What to paint: hazards above the box, id and ASR lines inside, triage below, live and dead counts at the sides' });

export const Worksite = z
  .strictObject({
    id: Ulid,
    incident_id: Ulid,
    code: z.string(),
    parent_id: Ulid.nullable(),
    address: z.string(),
    landmark: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    building_use: z.enum(BUILDING_USES),
    construction: z.enum(CONSTRUCTION_TYPES),
    floors: z.number().int(),
    collapse_type: z.enum(COLLAPSE_TYPES),
    hazards: z.array(z.enum(HAZARDS)),
    triage_category: z.enum(TRIAGE_CATEGORIES).nullable(),
    team_id: Ulid.nullable(),
    note: z.string().nullable(),
    status: z.enum(WORKSITE_STATUSES),
    asr_level: z.number().int().nullable().meta({ description: 'The highest ASR level completed' }),
    asr: z.array(z.strictObject({ level: z.number().int(), team_id: Ulid, team_name: z.string(), completed_at: z.string() })),
    victims: z.strictObject({ alive: z.number().int(), dead: z.number().int() }),
    marking: WorksiteMarking,
    closed_at: z.string().nullable(),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Worksite' });
export type Worksite = z.infer<typeof Worksite>;
