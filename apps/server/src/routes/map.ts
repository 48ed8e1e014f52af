import { EVERYONE, MapRoads, MapRoadsQuery } from '@civdef/core';
import { defineRoute } from '../http/route.js';
import { clip, LINE_SCALE, minClassAt, roadLines } from '../roads/road-lines.js';

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
      'the box; `zoom` leaves out minor classes when zoomed out. Closures are not in here: GET /api/v1/closures.',
    roles: EVERYONE,
    query: MapRoadsQuery,
    response: MapRoads,
    async handler({ query }, { ctx }) {
      const g = (await ctx.roads.ready()).use(query.profile ?? 'vehicle', ctx.now().getTime());
      const lines = roadLines(g.graph);
      const min = minClassAt(query.zoom);
      const classes = lines.classes.map((segs, c) => ({ class: c, segments: c >= min ? clip(segs, query.bbox) : [] }));
      return { body: { graph_id: g.graphId, profile: g.profile, bounds: lines.bounds, scale: LINE_SCALE, classes } };
    },
  }),
];
