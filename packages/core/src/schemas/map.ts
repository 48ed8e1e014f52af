import { z } from 'zod';

/** Road classes the map draws, by the speed a road is driven at: 0 lanes and streets, 1 main streets, 2 arterials and ring roads. */
export const ROAD_CLASSES = [0, 1, 2] as const;

const Bbox = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map(Number);
    const [w, south, e, n] = parts;
    if (parts.length !== 4 || parts.some((x) => !Number.isFinite(x))) {
      ctx.addIssue({ code: 'custom', message: 'must be four numbers: west,south,east,north (degrees)' });
      return z.NEVER;
    }
    if (w! < -180 || e! > 180 || south! < -90 || n! > 90 || w! >= e! || south! >= n!) {
      ctx.addIssue({ code: 'custom', message: 'must be west < east within -180..180 and south < north within -90..90' });
      return z.NEVER;
    }
    return [w!, south!, e!, n!] as [number, number, number, number];
  })
  .meta({ description: 'west,south,east,north in degrees', example: '37.10,36.17,37.20,36.23' });

/** The most road segments one map answer carries (and the default): a dense city's box at street zoom, about 1.5 MB of JSON. */
export const MAP_SEGMENTS_MAX = 50_000;

export const MapRoadsQuery = z.strictObject({
  bbox: Bbox.optional(),
  zoom: z.coerce
    .number()
    .int()
    .min(0, 'zoom runs 0-22')
    .max(22, 'zoom runs 0-22')
    .optional()
    .meta({ description: 'Web-map zoom level: below 13 only main roads, below 11 only arterials (default: every road)' }),
  profile: z.enum(['vehicle', 'foot']).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, `limit runs 1-${MAP_SEGMENTS_MAX}`)
    .max(MAP_SEGMENTS_MAX, `limit runs 1-${MAP_SEGMENTS_MAX}`)
    .optional()
    .meta({ description: `The most segments to answer with (default and most ${MAP_SEGMENTS_MAX}); past it minor classes are left out and truncated is true` }),
});

export const MapRoads = z
  .object({
    graph_id: z.string().meta({ description: 'Names the road graph these lines come from; it changes when a map is imported' }),
    profile: z.enum(['vehicle', 'foot']),
    bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).meta({ description: 'The whole graph: west,south,east,north in degrees' }),
    scale: z.number().meta({ description: 'Coordinates are integers: divide by scale for degrees' }),
    classes: z.array(
      z.object({
        class: z.number().int(),
        segments: z.array(z.number().int()).meta({ description: 'Flat [lon1, lat1, lon2, lat2, ...] of each road segment, times scale' }),
      }),
    ),
    truncated: z.boolean().meta({ description: 'True when the box held more than limit segments: minor classes were left out (then arterials cut)' }),
  })
  .meta({ id: 'MapRoads' });
export type MapRoads = z.infer<typeof MapRoads>;
