import { z } from 'zod';
import { Note, Ulid } from './common.js';

export const SUPPLY_ITEMS = ['body-bag', 'fuel', 'stretcher', 'medical-kit', 'tourniquet', 'oxygen-cylinder', 'rescue-tool', 'blanket', 'water'] as const;
export type SupplyItem = (typeof SUPPLY_ITEMS)[number];
/** Litres for liquids, whole pieces for the rest. */
export const SUPPLY_UNITS: Record<SupplyItem, 'litre' | 'each'> = {
  'body-bag': 'each',
  fuel: 'litre',
  stretcher: 'each',
  'medical-kit': 'each',
  tourniquet: 'each',
  'oxygen-cylinder': 'each',
  'rescue-tool': 'each',
  blanket: 'each',
  water: 'litre',
};
export const SUPPLY_MOVEMENT_KINDS = ['count', 'receipt', 'transfer-out', 'transfer-in', 'consumption', 'refuel'] as const;
export const STOCK_LEVELS = ['ok', 'low', 'out'] as const;

const MAX_QUANTITY = 1_000_000;
/** A quantity: litres to the millilitre, pieces whole (checked against the item by wholeForItem). */
const Quantity = z
  .number()
  .min(0, 'must be 0 or more')
  .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`)
  .refine((q) => Number.isInteger(Math.round(q * 1000)) && Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, 'at most 3 decimals');
const Positive = Quantity.refine((q) => q > 0, 'must be more than 0');

/** Pieces are counted whole: half a body bag is a typing error. */
const wholeForItem = (v: { item: SupplyItem; quantity: number }) => SUPPLY_UNITS[v.item] !== 'each' || Number.isInteger(v.quantity);
const WHOLE = { message: 'this item is counted in whole pieces', path: ['quantity'] };

/** An item and how much of it: what a supply request asks for or what fulfils it. */
export const SupplyLine = z
  .strictObject({ item: z.enum(SUPPLY_ITEMS), quantity: Positive })
  .refine(wholeForItem, WHOLE)
  .meta({ id: 'SupplyLine' });
export type SupplyLine = z.infer<typeof SupplyLine>;

export const SupplyCount = z
  .strictObject({ id: Ulid, centre_id: Ulid, item: z.enum(SUPPLY_ITEMS), quantity: Quantity.meta({ description: 'What is on the shelf now' }), note: Note.optional() })
  .refine(wholeForItem, WHOLE);
export const SupplyReceipt = z
  .strictObject({
    id: Ulid,
    centre_id: Ulid,
    item: z.enum(SUPPLY_ITEMS),
    quantity: Positive,
    source: z.string().trim().min(1).max(200).optional().meta({ description: 'Who delivered it' }),
    note: Note.optional(),
  })
  .refine(wholeForItem, WHOLE);
export const SupplyTransfer = z
  .strictObject({ id: Ulid, from_centre_id: Ulid, to_centre_id: Ulid, item: z.enum(SUPPLY_ITEMS), quantity: Positive, note: Note.optional() })
  .refine(wholeForItem, WHOLE)
  .refine((v) => v.from_centre_id !== v.to_centre_id, { message: 'must differ from from_centre_id', path: ['to_centre_id'] });
export const SupplyConsumption = z
  .strictObject({ id: Ulid, centre_id: Ulid, item: z.enum(SUPPLY_ITEMS), quantity: Positive, incident_id: Ulid.optional(), note: Note.optional() })
  .refine(wholeForItem, WHOLE);

export const SupplyMovement = z
  .strictObject({
    id: Ulid,
    centre_id: Ulid,
    item: z.enum(SUPPLY_ITEMS),
    kind: z.enum(SUPPLY_MOVEMENT_KINDS),
    delta: z.number(),
    quantity_after: z.number(),
    other_centre_id: Ulid.nullable(),
    incident_id: Ulid.nullable(),
    ref_type: z.string().nullable(),
    ref_id: z.string().nullable(),
    note: z.string().nullable(),
    at: z.string(),
    actor_id: z.string(),
  })
  .meta({ id: 'SupplyMovement' });
export type SupplyMovement = z.infer<typeof SupplyMovement>;

export const SupplyStock = z
  .strictObject({
    centre_id: Ulid,
    item: z.enum(SUPPLY_ITEMS),
    unit: z.enum(['litre', 'each']),
    quantity: z.number(),
    used_7d: z.number().meta({ description: 'Used (consumed or issued to vehicles) in the last 7 days' }),
    days_left: z.number().nullable().meta({ description: 'At the recent rate; null when nothing was used lately' }),
    level: z.enum(STOCK_LEVELS),
    updated_at: z.string(),
  })
  .meta({ id: 'SupplyStock' });
export type SupplyStock = z.infer<typeof SupplyStock>;
