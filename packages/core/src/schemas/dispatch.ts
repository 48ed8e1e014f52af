// Dispatch: what an incident needs, which free units to send (ranked by road time), the board of open
// incidents, estimated unit positions, hold advisories against a "double tap", and per-centre policy.
import { z } from 'zod';
import { Assignment, Incident, INCIDENT_KINDS, PeopleCount } from './incidents.js';
import { CAPABILITIES, UNIT_KINDS, UNIT_STATUSES } from './units.js';
import { ROAD_PROFILES } from './closures.js';
import { Ulid } from './common.js';

/** Incident kinds that are strikes: an aircraft or gun may hit the same place again. */
export const STRIKE_KINDS: readonly (typeof INCIDENT_KINDS)[number][] = ['airstrike', 'barrel-bomb', 'shelling', 'chemical-attack'];

/** A dispatcher's estimate of an incident, as it becomes known; at least one field. */
export const IncidentAssessment = z
  .strictObject({
    severity: z.number().int().min(1, 'severity runs 1-5').max(5, 'severity runs 1-5').optional(),
    people_trapped: PeopleCount.optional(),
    casualties: PeopleCount.optional().meta({ description: 'People expected to need an ambulance (hurt or trapped)' }),
  })
  .refine((v) => v.severity !== undefined || v.people_trapped !== undefined || v.casualties !== undefined, {
    message: 'give at least one of severity, people_trapped, casualties',
    path: [],
  });

export const Need = z
  .strictObject({
    capability: z.enum(CAPABILITIES),
    count: z.number().int(),
    assigned: z.number().int().meta({ description: 'Units assigned now that bring this capability' }),
    missing: z.number().int(),
    reason: z.string().meta({ description: 'Why the incident needs it, in words' }),
  })
  .meta({ id: 'Need' });

const Point = z.strictObject({ lat: z.number(), lon: z.number() });
const LineString = z.strictObject({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])) });

/** A place and time a unit should not enter: a recent strike, or a strike with an aircraft still near. */
export const Hazard = z
  .strictObject({
    source: z.string().meta({
      description: "Who raised it: aircraft-advisory (the warning engine's double-tap advisory: an aircraft near the strike), strike-window (the configured radius and time after a strike)",
    }),
    incident_id: Ulid.nullable(),
    lat: z.number(),
    lon: z.number(),
    radius_m: z.number(),
    until: z.string(),
    detail: z.string(),
  })
  .meta({ id: 'Hazard' });
export type Hazard = z.infer<typeof Hazard>;

export const HoldAdvisory = z
  .strictObject({
    hold: z.literal(true),
    hazard: Hazard,
    staging: Point.extend({ distance_m: z.number().meta({ description: 'Straight-line distance from the hazard centre' }) })
      .nullable()
      .meta({ description: 'Where to wait: the last point of the route outside the hazard, on the road; null when no route was found' }),
    detail: z.string(),
  })
  .meta({ id: 'HoldAdvisory' });
export type HoldAdvisory = z.infer<typeof HoldAdvisory>;

export const Recommendation = z
  .strictObject({
    unit_id: Ulid,
    name: z.string(),
    kind: z.enum(UNIT_KINDS),
    centre_id: Ulid,
    capabilities: z.array(z.enum(CAPABILITIES)),
    fills: z.array(z.enum(CAPABILITIES)).meta({ description: 'The needs of the incident this unit brings' }),
    profile: z.enum(ROAD_PROFILES),
    reachable: z.boolean(),
    reason: z.enum(['no-path', 'no-road-nearby', 'no-graph']).nullable(),
    eta_s: z.number().nullable(),
    eta_at: z.string().nullable(),
    distance_m: z.number().nullable(),
    route: LineString.nullable(),
    from: Point.extend({ estimated: z.boolean() }),
    advisory: HoldAdvisory.nullable(),
  })
  .meta({ id: 'Recommendation' });
export type Recommendation = z.infer<typeof Recommendation>;

export const Recommendations = z
  .strictObject({
    incident_id: Ulid,
    at: z.string(),
    needs: z.array(Need),
    hazards: z.array(Hazard),
    items: z.array(Recommendation).meta({ description: 'Free units that bring a need: fills an unmet need first, then by ETA; unreachable ones last' }),
    suggested: z.array(Ulid).meta({ description: 'The fastest set of listed units that covers the unmet needs' }),
    uncovered: z.array(z.strictObject({ capability: z.enum(CAPABILITIES), missing: z.number().int() })).meta({
      description: 'Needs that would stay unmet even with every suggested unit sent',
    }),
  })
  .meta({ id: 'Recommendations' });
export type Recommendations = z.infer<typeof Recommendations>;

export const RecommendationsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20).meta({ description: 'Units listed (each with its route)' }),
});

export const AssignmentAnswer = Assignment.extend({ advisory: HoldAdvisory.nullable() }).meta({ id: 'AssignmentAnswer' });
export type AssignmentAnswer = z.infer<typeof AssignmentAnswer>;

export const UnitPosition = z
  .strictObject({
    unit_id: Ulid,
    name: z.string(),
    kind: z.enum(UNIT_KINDS),
    status: z.enum(UNIT_STATUSES),
    lat: z.number(),
    lon: z.number(),
    estimated: z.boolean().meta({ description: 'True when placed along its route by time, because no fix came since it set off' }),
    at: z.string().meta({ description: 'The time the position is for' }),
    fix: Point.extend({ at: z.string() }).meta({ description: 'The last reported position' }),
    heading_to: Point.nullable(),
    incident_id: Ulid.nullable(),
  })
  .meta({ id: 'UnitPosition' });
export type UnitPosition = z.infer<typeof UnitPosition>;

export const BoardItem = z
  .strictObject({
    priority: z.number().int().meta({ description: '1 = most urgent' }),
    incident: Incident,
    needs: z.array(Need),
    covered: z.boolean().meta({ description: 'Every need has a unit assigned' }),
    units: z.array(UnitPosition.extend({ assignment_id: Ulid, assigned_at: z.string() })),
    reports: z.number().int().meta({ description: 'Further reports merged into it' }),
  })
  .meta({ id: 'BoardItem' });

export const Board = z
  .strictObject({
    at: z.string(),
    items: z.array(BoardItem),
    uncovered: z.array(Ulid).meta({ description: 'Open incidents with a need no unit covers, in priority order' }),
    free_units: z.number().int(),
  })
  .meta({ id: 'Board' });
export type Board = z.infer<typeof Board>;

export const DispatchPolicyUpdate = z.strictObject({
  auto_dispatch: z.boolean().meta({ description: "When true, a new incident (or one that lost a unit) is sent this centre's best units without waiting" }),
  max_units: z.number().int().min(1, 'must be 1-10').max(10, 'must be 1-10').default(3).meta({ description: 'At most this many of its units per incident' }),
});

export const DispatchPolicy = z
  .strictObject({
    centre_id: Ulid,
    auto_dispatch: z.boolean(),
    max_units: z.number().int(),
    updated_at: z.string().nullable(),
    updated_by: z.string().nullable(),
  })
  .meta({ id: 'DispatchPolicy' });
export type DispatchPolicy = z.infer<typeof DispatchPolicy>;

export const IncidentReport = z
  .strictObject({
    id: Ulid,
    incident_id: Ulid,
    kind: z.enum(INCIDENT_KINDS),
    lat: z.number(),
    lon: z.number(),
    occurred_at: z.string(),
    severity: z.number().int(),
    source: z.string(),
    reporter: z.string().nullable(),
    description: z.string().nullable(),
    people_trapped: z.number().int().nullable(),
    casualties: z.number().int().nullable(),
    distance_m: z.number(),
    created_by: z.string(),
    created_at: z.string(),
    split_at: z.string().nullable().meta({ description: 'When a dispatcher made it an incident of its own (same id)' }),
    split_by: z.string().nullable(),
  })
  .meta({ id: 'IncidentReport' });
export type IncidentReport = z.infer<typeof IncidentReport>;

/** The answer to a report: the incident it made, or the open incident it was merged into. */
export const IncidentReported = Incident.extend({
  merged: z
    .strictObject({ report_id: Ulid, distance_m: z.number() })
    .nullable()
    .meta({ description: 'Set when the report was attached to this (existing) incident instead of making a new one' }),
}).meta({ id: 'IncidentReported' });
