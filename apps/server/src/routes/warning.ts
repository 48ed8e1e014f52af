import { Alert, Limit, Sighting, SightingCreate, Ulid, ZoneCollection, sightingSchemaAt, type Role } from '@civdef/core';
import { TRAIL_POINTS } from '@civdef/warning';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { parseOrThrow } from '../http/validate.js';
import { getAlert, latestCap, listAlerts } from '../warning/alerts-query.js';
import { TRAIL_MINUTES, TRAIL_MINUTES_MAX } from '../warning/live-tracks.js';

/** Who reports aircraft: spotters, and the operations room relaying reports by radio or phone. */
const SIGHTING_REPORTERS: readonly Role[] = ['spotter', 'admin', 'dispatcher'];
const CAP_TYPE = 'application/cap+xml';
/** Who watches the operations room's map: everyone who reads the event stream. Spotters only report. */
const OPS_ROOM: readonly Role[] = ['admin', 'dispatcher', 'team-leader', 'documenter', 'viewer'];
const Position = z.tuple([z.number(), z.number()]);
const LiveTracksCollection = z.object({
  type: z.literal('FeatureCollection'),
  at: z.string(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.union([
        z.object({ type: z.literal('Point'), coordinates: Position }),
        z.object({ type: z.literal('LineString'), coordinates: z.array(Position) }),
        z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
      ]),
      properties: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    }),
  ),
});

export const warningRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/sightings',
    tag: 'warning',
    summary: 'Report aircraft seen (201; 200 when the same id is sent again)',
    description:
      'Joined into a track; the zones in its path are warned (alert.issued, alert.updated, alert.cancelled events) in the same transaction. ' +
      'Refused (422) when it is in the future by the server clock (beyond 2 minutes of clock drift), off the globe, or gives no way to place the aircraft ' +
      '(bearing_deg, overhead: true, or base). A spotter account may send a limited number a minute (429 with Retry-After).',
    roles: SIGHTING_REPORTERS,
    body: SightingCreate,
    status: 201,
    response: Sighting,
    async handler({ body, user, actor }, { ctx, sightingLimiter }) {
      const now = ctx.now().getTime();
      const sighting = parseOrThrow(sightingSchemaAt(() => now), body, 'body');
      // Operators relay many spotters' reports; a spotter's own account is one person on a roof.
      if (user!.role === 'spotter') sightingLimiter.hit(user!.id, now);
      return createdReply(await ctx.warning.report(actor, sighting));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/zones',
    tag: 'warning',
    summary: 'The zones alerts name, as GeoJSON with ids and English and Arabic names',
    description: 'Imported zones (civdef import-zones), else the demo city\'s neighbourhoods, else a hex grid over the road map.',
    roles: 'public',
    response: ZoneCollection,
    async handler(_req, { ctx }) {
      return { body: await ctx.warning.zones() };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/warning/tracks',
    tag: 'warning',
    summary: 'Live aircraft tracks, their recent paths and their forecast cones, as GeoJSON (for the operations room map)',
    description:
      'Per live track a Point (properties kind "track", track_id, aircraft, mode, heading_deg, speed_mps, position_sd_m, sightings, last_seen), ' +
      'a LineString (kind "trail", since, points: where the tracker put it after each of its sightings in the last `trail_min` minutes, oldest first, ' +
      `at most ${TRAIL_POINTS} of them, then where it is now) and a Polygon (kind "cone": where it can strike within horizon_min minutes; a circle when it ` +
      'circles or its heading is unknown). `at` is the time forecast for. A rebuilt engine (after a restart) has the paths of the sightings it replayed.',
    roles: OPS_ROOM,
    query: z.strictObject({
      trail_min: z.coerce
        .number()
        .int()
        .min(0, `trail_min runs 0-${TRAIL_MINUTES_MAX}`)
        .max(TRAIL_MINUTES_MAX, `trail_min runs 0-${TRAIL_MINUTES_MAX}`)
        .default(TRAIL_MINUTES)
        .meta({ description: `Minutes of each track's path to include (0: none; default ${TRAIL_MINUTES})` }),
    }),
    response: LiveTracksCollection,
    async handler({ query }, { ctx }) {
      return { body: await ctx.warning.liveTracks(query.trail_min) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/alerts',
    tag: 'warning',
    summary: 'Alerts in force, newest first (all=1: every alert, cancelled too)',
    roles: 'public',
    query: z.strictObject({ all: z.enum(['0', '1']).optional(), limit: Limit }),
    response: z.object({ items: z.array(Alert) }),
    async handler({ query }, { ctx }) {
      return { body: { items: await listAlerts(ctx, { all: query.all === '1', limit: query.limit }) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/alerts/:id',
    tag: 'warning',
    summary: 'One alert',
    roles: 'public',
    params: z.strictObject({ id: Ulid }),
    response: Alert,
    async handler({ params }, { ctx }) {
      return { body: await getAlert(ctx, params.id) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/alerts/:id.cap',
    tag: 'warning',
    summary: "The alert's latest message as CAP 1.2 XML (OASIS Common Alerting Protocol), in Arabic and English",
    description: 'Alert, Update or Cancel, with references to its earlier messages; one area per zone with its polygons.',
    roles: 'public',
    params: z.strictObject({ id: Ulid }),
    response: z.string(),
    raw: { contentType: CAP_TYPE },
    async handler({ params, reply }, { ctx }) {
      const cap = await latestCap(ctx, params.id);
      return { body: reply.type(`${CAP_TYPE}; charset=utf-8`).send(cap) as never };
    },
  }),
];
