import { z } from 'zod';
import { Latitude, Longitude, Name, Phone, Ulid } from './common.js';

export const CentreCreate = z.strictObject({ id: Ulid, name: Name, lat: Latitude, lon: Longitude });
export const Centre = CentreCreate.extend({ created_at: z.string() }).meta({ id: 'Centre' });
export type Centre = z.infer<typeof Centre>;

export const TeamCreate = z.strictObject({ id: Ulid, name: Name, centre_id: Ulid });
export const Team = TeamCreate.extend({ created_at: z.string() }).meta({ id: 'Team' });
export type Team = z.infer<typeof Team>;

export const VOLUNTEER_FUNCTIONS = ['rescuer', 'medic', 'driver', 'team-leader', 'spotter', 'documenter', 'other'] as const;
export const VOLUNTEER_STATUSES = ['on-duty', 'off-duty', 'injured', 'killed'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

export const VolunteerCreate = z.strictObject({
  id: Ulid,
  name: Name,
  function: z.enum(VOLUNTEER_FUNCTIONS),
  phone: Phone.optional(),
  centre_id: Ulid,
  team_id: Ulid.optional(),
  status: z.enum(VOLUNTEER_STATUSES).default('off-duty'),
});
export const Volunteer = z
  .strictObject({
    id: Ulid,
    name: z.string(),
    function: z.enum(VOLUNTEER_FUNCTIONS),
    phone: z.string().nullable(),
    centre_id: Ulid,
    team_id: Ulid.nullable(),
    status: z.enum(VOLUNTEER_STATUSES),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Volunteer' });
export type Volunteer = z.infer<typeof Volunteer>;

export const VolunteerStatusChange = z.strictObject({ status: z.enum(VOLUNTEER_STATUSES), note: z.string().max(500).optional() });
