import {
  EVERYONE,
  IsochroneAnswer,
  IsochroneQuery,
  RouteAnswer,
  RouteRequest,
  TravelTimesAnswer,
  TravelTimesRequest,
} from '@civdef/core';
import { NoRoadNearbyError, routeBetween, travelTimesBetween, type SnappedPoint } from '@civdef/router';
import { defineRoute } from '../http/route.js';
import { routeAnswer, snapped, snapPoint, tenth } from '../roads/answers.js';
import { isochroneGeoJson } from '../roads/isochrone-geojson.js';

// Searches run on the live weights: a closure committed a moment ago is in the very next answer.

export const roadRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/routes',
    tag: 'roads',
    summary: 'Fastest route between two points on the current roads',
    description:
      'Both points snap to the nearest open road (422 naming the point when no road lies within the snap limit). ' +
      'When no open road connects them the answer is still 200, with reachable: false: the question was sound, and ' +
      '"cut off" is the answer a dispatcher needs (travel-times answers the same way per source).',
    roles: EVERYONE,
    readOnly: true,
    body: RouteRequest,
    response: RouteAnswer,
    async handler({ body }, { ctx }) {
      const g = (await ctx.roads.ready()).use(body.profile, ctx.now().getTime());
      const from = snapPoint(g, body.from.lat, body.from.lon);
      const to = snapPoint(g, body.to.lat, body.to.lon);
      return { body: routeAnswer(g, from, to, routeBetween(g.graph, g.weights, from, to)) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/travel-times',
    tag: 'roads',
    summary: 'Travel time from each source (units) to one destination (an incident)',
    description:
      'One search backwards from the destination, stopped once every source is settled or limit_s has passed. ' +
      'A source with no road nearby, or no open path (within limit_s), is reachable: false with the reason; ' +
      'the destination itself must be near a road (422). Distances are not computed here: ask POST /routes for one.',
    roles: EVERYONE,
    readOnly: true,
    body: TravelTimesRequest,
    response: TravelTimesAnswer,
    async handler({ body }, { ctx }) {
      const g = (await ctx.roads.ready()).use(body.profile, ctx.now().getTime());
      const target = snapPoint(g, body.to.lat, body.to.lon);
      const snaps = body.from.map((s) => {
        try {
          return snapPoint(g, s.lat, s.lon);
        } catch (err) {
          if (err instanceof NoRoadNearbyError) return null;
          throw err;
        }
      });
      const onRoad = snaps.filter((s): s is SnappedPoint => s !== null);
      const times = travelTimesBetween(g.graph, g.weights, target, onRoad, body.limit_s ?? Infinity);
      let k = 0;
      const items = body.from.map((s, i) => {
        const p = snaps[i]!;
        const base = { id: s.id ?? null, snapped: p && snapped(p) };
        if (!p) return { ...base, reachable: false, duration_s: null, reason: 'no-road-nearby' as const };
        const t = times[k++]!;
        return Number.isFinite(t)
          ? { ...base, reachable: true, duration_s: tenth(t), reason: null }
          : { ...base, reachable: false, duration_s: null, reason: 'no-path' as const };
      });
      return { body: { profile: g.profile, to: snapped(target), items } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/isochrones',
    tag: 'roads',
    summary: 'What can be reached from a point within some minutes (GeoJSON)',
    description:
      'A FeatureCollection: the snapped start point, then per band (e.g. minutes=5,10,15) a MultiPoint of the road nodes first ' +
      'reached within it. Points, not a hull: a hull would claim ground (a river, a closed block) the search never reached.',
    roles: EVERYONE,
    query: IsochroneQuery,
    response: IsochroneAnswer,
    async handler({ query }, { ctx }) {
      const g = (await ctx.roads.ready()).use(query.profile ?? 'vehicle', ctx.now().getTime());
      return { body: isochroneGeoJson(g, snapPoint(g, query.lat, query.lon), query.minutes) };
    },
  }),
];
