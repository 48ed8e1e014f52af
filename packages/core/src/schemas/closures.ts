import { z } from 'zod';
import { IsoTime, Latitude, Longitude, Note, Ulid } from './common.js';

export const ROAD_PROFILES = ['vehicle', 'foot'] as const;
export type RoadProfile = (typeof ROAD_PROFILES)[number];

export const CLOSURE_KINDS = ['closure', 'slowdown'] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];
export const CLOSURE_REASONS = ['rubble', 'crater', 'fire', 'sniper', 'other'] as const;

/** A [lon, lat] position, GeoJSON order. */
const Position = z.tuple([Longitude, Latitude]);

/** What a closure covers: one road segment, a whole way, a street by name, or an area. */
export const ClosureTarget = z
  .union([
    z.strictObject({
      edge: z.number().int().min(0).meta({ description: 'A road segment as numbered by `civdef export-graph` (both directions)' }),
    }),
    z.strictObject({ way_id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).meta({ description: 'Every segment of an OSM way' }) }),
    z.strictObject({ street: z.string().trim().min(1, 'must not be empty').max(200).meta({ description: 'Every road of this name (any case)' }) }),
    z.strictObject({
      circle: z.strictObject({ lat: Latitude, lon: Longitude, radius_m: z.number().positive('must be > 0').max(5000, 'must be at most 5000 m') }),
    }),
    z.strictObject({
      polygon: z
        .array(Position)
        .min(3, 'a polygon needs at least 3 positions')
        .max(1000)
        .meta({ description: 'One ring of [lon, lat] positions (closing it is optional); roads touching it close' }),
    }),
  ])
  .meta({ id: 'ClosureTarget' });
export type ClosureTarget = z.infer<typeof ClosureTarget>;

export const ClosureCreate = z
  .strictObject({
    id: Ulid,
    kind: z.enum(CLOSURE_KINDS),
    target: ClosureTarget,
    factor: z
      .number()
      .gt(1, 'a slowdown factor must be above 1')
      .max(100, 'must be at most 100')
      .optional()
      .meta({ description: 'Travel-time multiplier; slowdowns only' }),
    reason: z.enum(CLOSURE_REASONS),
    note: Note.optional(),
    until: IsoTime.optional().meta({ description: 'When it lifts by itself; absent = until lifted' }),
    profile: z.enum(ROAD_PROFILES).optional().meta({ description: 'Only this road graph; absent = every graph (an edge target: vehicle)' }),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'slowdown' && c.factor === undefined) ctx.addIssue({ code: 'custom', path: ['factor'], message: 'is required for a slowdown' });
    if (c.kind === 'closure' && c.factor !== undefined) ctx.addIssue({ code: 'custom', path: ['factor'], message: 'applies to slowdowns only' });
  });
export type ClosureCreate = z.infer<typeof ClosureCreate>;

export const Closure = z
  .strictObject({
    id: Ulid,
    kind: z.enum(CLOSURE_KINDS),
    target: ClosureTarget,
    factor: z.number().nullable(),
    reason: z.enum(CLOSURE_REASONS),
    note: z.string().nullable(),
    until: z.string().nullable(),
    profile: z.enum(ROAD_PROFILES).nullable(),
    created_by: z.string(),
    created_at: z.string(),
    lifted_at: z.string().nullable(),
    lifted_by: z.string().nullable().meta({ description: "Who lifted it; 'system' when it expired" }),
    applied_edges: z
      .record(z.string(), z.number().int())
      .meta({ description: 'Directed road edges it covers now, per loaded road graph (0 once lifted)' }),
  })
  .meta({ id: 'Closure' });
export type Closure = z.infer<typeof Closure>;
