import { z } from 'zod';
import { IsoTime, Note, Ulid } from './common.js';

export const CASUALTY_KINDS = ['injured', 'killed'] as const;

export const ShiftStart = z.strictObject({ id: Ulid, volunteer_id: Ulid, started_at: IsoTime.optional() });
export const ShiftEnd = z.strictObject({ ended_at: IsoTime.optional(), note: Note.optional() });

export const Shift = z
  .strictObject({
    id: Ulid,
    volunteer_id: Ulid,
    centre_id: Ulid,
    started_at: z.string(),
    ended_at: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'Shift' });
export type Shift = z.infer<typeof Shift>;

export const DutyRow = z
  .strictObject({
    volunteer_id: Ulid,
    name: z.string(),
    function: z.string(),
    centre_id: Ulid,
    team_id: Ulid.nullable(),
    shift_id: Ulid,
    started_at: z.string(),
    hours_on_shift: z.number(),
    hours_last_24h: z.number(),
    over_limit: z.boolean().meta({ description: 'More hours on duty in the last 24 than the limit: send them to rest' }),
  })
  .meta({ id: 'DutyRow' });

export const VolunteerCasualtyCreate = z.strictObject({
  id: Ulid,
  volunteer_id: Ulid,
  kind: z.enum(CASUALTY_KINDS),
  at: IsoTime.optional(),
  note: Note.optional(),
});

export const VolunteerCasualty = z
  .strictObject({
    id: Ulid,
    volunteer_id: Ulid,
    incident_id: Ulid,
    kind: z.enum(CASUALTY_KINDS),
    team_id: Ulid.nullable(),
    at: z.string(),
    note: z.string().nullable(),
    created_by: z.string(),
    created_at: z.string(),
  })
  .meta({ id: 'VolunteerCasualty' });
export type VolunteerCasualty = z.infer<typeof VolunteerCasualty>;

export const TeamMembersChange = z
  .strictObject({
    add: z.array(Ulid).max(50).default([]),
    remove: z.array(Ulid).max(50).default([]),
    note: Note.optional(),
  })
  .refine((v) => v.add.length + v.remove.length > 0, 'add or remove at least one volunteer')
  .refine((v) => !v.add.some((id) => v.remove.includes(id)), { message: 'a volunteer cannot be both added and removed', path: ['remove'] });

export const TeamStrength = z
  .strictObject({
    team_id: Ulid,
    members: z.array(z.strictObject({ volunteer_id: Ulid, name: z.string(), status: z.string() })),
    fit: z.number().int().meta({ description: 'Members neither injured nor killed' }),
    below_strength: z.boolean(),
  })
  .meta({ id: 'TeamStrength' });
