import { EVERYONE, MAP_SEGMENTS_MAX, MapRoads, MapRoadsQuery } from '@civdef/core';
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { closureLines } from '../roads/closure-lines.js';
import { capSegments, clip, LINE_SCALE, minClassAt, roadLines } from '../roads/road-lines.js';
import { listClosures } from '../services/closures.js';

// Vector data for our own map: the operations room draws the city from the roads we route on, with no
// outside tile server. Zones come from GET /api/v1/zones.

export const mapRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/map/roads',
    tag: 'roads',
    summary: 'Road lines of the current graph for drawing a map (compact: integer coordinates, by road class)',
    description:
      'Each road once, as flat segment arrays per class (2 arterials, 1 main streets, 0 the rest). `bbox` keeps the segments touching ' +
      'the box; `zoom` leaves out minor classes when zoomed out. At most `limit` segments: past it the minor classes are left out whole ' +
      '(then the arterials cut) and `truncated` is true. Closures are not in here: GET /api/v1/closures.',
    roles: EVERYONE,
    query: MapRoadsQuery,
    response: MapRoads,
    async handler({ query }, { ctx }) {
      const g = (await ctx.roads.ready()).use(query.profile ?? 'vehicle', ctx.now().getTime());
      const lines = roadLines(g.graph);
      const min = minClassAt(query.zoom);
      const capped = capSegments(lines.classes.map((segs, c) => (c >= min ? clip(segs, query.bbox) : [])), query.limit ?? MAP_SEGMENTS_MAX);
      const classes = capped.classes.map((segments, c) => ({ class: c, segments }));
      return { body: { graph_id: g.graphId, profile: g.profile, bounds: lines.bounds, scale: LINE_SCALE, classes, truncated: capped.truncated } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/map/closures',
    tag: 'roads',
    summary: 'The roads each closure in force covers, as segment lines for drawing (a street, way or segment has no shape of its own)',
    description:
      'Per closure in force, the road segments it covers now (on the vehicle graph; the foot graph for a foot-only closure), each road once, as a flat array of integer coordinates ' +
      '(`[lon1, lat1, lon2, lat2, ...]` times `scale`), like GET /api/v1/map/roads. Circles and polygons carry their shape in GET /api/v1/closures.',
    roles: EVERYONE,
    response: z.object({
      scale: z.number(),
      items: z.array(z.object({ id: z.string(), kind: z.string(), segments: z.array(z.number().int()) })),
    }),
    async handler(_req, { ctx }) {
      const net = await ctx.roads.ready();
      const closures = await listClosures(ctx, { all: false, limit: 1000 });
      const now = ctx.now().getTime();
      // A closure for walkers only is drawn on the foot graph; every other on the vehicle graph.
      const items = closures.map((c) => ({ id: c.id, kind: c.kind, segments: closureLines(net.use(c.profile ?? 'vehicle', now), c.target) }));
      return { body: { scale: LINE_SCALE, items } };
    },
  }),
];
