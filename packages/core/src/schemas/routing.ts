import { z } from 'zod';
import { ROAD_PROFILES } from './closures.js';
import { Latitude, Longitude } from './common.js';

export const LatLon = z.strictObject({ lat: Latitude, lon: Longitude });

const Profile = z.enum(ROAD_PROFILES).default('vehicle').meta({ description: 'Road graph to search: vehicle (default) or foot' });

/** Where a point met the road network. */
export const RoadSnap = z
  .strictObject({
    lat: z.number(),
    lon: z.number(),
    distance_m: z.number().meta({ description: 'From the given point to the road' }),
  })
  .meta({ id: 'RoadSnap' });

export const RouteRequest = z.strictObject({ from: LatLon, to: LatLon, profile: Profile });

export const RouteStreet = z.strictObject({ name: z.string(), distance_m: z.number() });

export const RouteAnswer = z
  .discriminatedUnion('reachable', [
    z.strictObject({
      reachable: z.literal(true),
      profile: z.enum(ROAD_PROFILES),
      duration_s: z.number(),
      distance_m: z.number(),
      geometry: z.strictObject({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])) }),
      streets: z.array(RouteStreet).meta({ description: 'Named roads in driving order, with the distance on each; unnamed roads are ""' }),
      from: RoadSnap,
      to: RoadSnap,
    }),
    z.strictObject({
      reachable: z.literal(false),
      profile: z.enum(ROAD_PROFILES),
      detail: z.string(),
      from: RoadSnap,
      to: RoadSnap,
    }),
  ])
  .meta({ id: 'RouteAnswer' });
export type RouteAnswer = z.infer<typeof RouteAnswer>;

export const TravelTimesRequest = z.strictObject({
  to: LatLon,
  from: z
    .array(z.strictObject({ id: z.string().min(1).max(64).optional(), lat: Latitude, lon: Longitude }))
    .min(1, 'give at least one source')
    .max(500, 'at most 500 sources per request'),
  limit_s: z.number().positive().max(86_400).optional().meta({ description: 'Stop searching past this many seconds; sources beyond are unreachable' }),
  profile: Profile,
});

export const TravelTime = z.strictObject({
  id: z.string().nullable(),
  reachable: z.boolean(),
  duration_s: z.number().nullable(),
  reason: z
    .enum(['no-path', 'no-road-nearby'])
    .nullable()
    .meta({ description: 'Why a source is unreachable: no open road path (within limit_s), or no road near the source' }),
  snapped: RoadSnap.nullable(),
});

export const TravelTimesAnswer = z
  .strictObject({ profile: z.enum(ROAD_PROFILES), to: RoadSnap, items: z.array(TravelTime) })
  .meta({ id: 'TravelTimesAnswer' });
export type TravelTimesAnswer = z.infer<typeof TravelTimesAnswer>;

/** A number given in a query string, strictly (no '' or '0x1F' coercion). */
const QueryNumber = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number').transform(Number);

export const IsochroneQuery = z.strictObject({
  lat: QueryNumber.pipe(Latitude),
  lon: QueryNumber.pipe(Longitude),
  minutes: z
    .string()
    .regex(/^\d{1,2}(,\d{1,2}){0,5}$/, 'must be 1-6 whole minutes separated by commas, e.g. 5,10,15')
    .transform((s) => [...new Set(s.split(',').map(Number))].sort((a, b) => a - b))
    .refine((list) => list.every((m) => m >= 1 && m <= 60), 'each band must be 1-60 minutes')
    .meta({ description: 'Band limits in minutes, e.g. 5,10,15' }),
  profile: z.enum(ROAD_PROFILES).optional(),
});

export const IsochroneAnswer = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.strictObject({
        type: z.literal('Feature'),
        properties: z.record(z.string(), z.unknown()),
        geometry: z.strictObject({ type: z.enum(['Point', 'MultiPoint']), coordinates: z.unknown() }),
      }),
    ),
  })
  .meta({ id: 'Isochrone', description: 'GeoJSON: the start point, then per band the road nodes first reached within it' });
