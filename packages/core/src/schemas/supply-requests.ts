// A team in the field asks for supplies ("need supplies" in the field app); the ops room fulfils the request,
// from a centre's stock or otherwise, or refuses it with a reason.
import { z } from 'zod';
import { IsoTime, Latitude, Longitude, Note, Ulid } from './common.js';
import { SupplyLine } from './supplies.js';

export const SUPPLY_REQUEST_STATUSES = ['open', 'fulfilled', 'refused'] as const;
export type SupplyRequestStatus = (typeof SUPPLY_REQUEST_STATUSES)[number];

const Lines = z.array(SupplyLine).min(1, 'list at least one item').max(20, 'at most 20 items');

export const SupplyRequestCreate = z
  .strictObject({
    id: Ulid,
    note: z.string().trim().min(1, 'say what is needed').max(500).meta({ description: "What is needed, in the requester's words" }),
    requested_at: IsoTime.optional().meta({ description: "When the phone made the request (it may have been offline); default: now" }),
    unit_id: Ulid.optional().meta({ description: "The requesting unit; its centre is asked first" }),
    incident_id: Ulid.optional(),
    lat: Latitude.optional(),
    lon: Longitude.optional(),
    items: Lines.optional().meta({ description: 'What is needed, counted, when the requester can say' }),
  })
  .refine((v) => (v.lat === undefined) === (v.lon === undefined), { message: 'lat and lon go together', path: ['lat'] });
export type SupplyRequestCreate = z.infer<typeof SupplyRequestCreate>;

export const SupplyRequestFulfil = z
  .strictObject({
    centre_id: Ulid.optional().meta({ description: "The centre whose stock it comes from; without it the request is closed as fulfilled and no stock moves" }),
    items: Lines.optional().meta({ description: "What was sent; default the request's items (needed with centre_id when the request has none)" }),
    note: Note.optional(),
  })
  .refine((v) => v.items === undefined || v.centre_id !== undefined, { message: 'say which centre the items come from', path: ['centre_id'] });
export type SupplyRequestFulfil = z.infer<typeof SupplyRequestFulfil>;

export const SupplyRequestRefuse = z.strictObject({ reason: z.string().trim().min(1, 'say why').max(500) });

export const SupplyRequest = z
  .strictObject({
    id: Ulid,
    note: z.string(),
    items: z.array(SupplyLine),
    unit_id: Ulid.nullable(),
    centre_id: Ulid.nullable().meta({ description: "The requesting unit's centre" }),
    incident_id: Ulid.nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    requested_at: z.string(),
    requested_by: z.string(),
    status: z.enum(SUPPLY_REQUEST_STATUSES),
    decided_at: z.string().nullable(),
    decided_by: z.string().nullable(),
    decision_note: z.string().nullable().meta({ description: 'The reason for a refusal, or the note on a fulfilment' }),
    fulfilled_from_centre_id: Ulid.nullable(),
    sent: z.array(SupplyLine).meta({ description: "What left the centre's stock when fulfilled (a consumption movement each)" }),
    created_at: z.string(),
  })
  .meta({ id: 'SupplyRequest' });
export type SupplyRequest = z.infer<typeof SupplyRequest>;
