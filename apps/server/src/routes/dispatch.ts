import {
  Board,
  COMMAND,
  DispatchPolicy,
  DispatchPolicyUpdate,
  EVERYONE,
  Incident,
  IncidentAssessment,
  IncidentReport,
  OPERATIONS,
  Recommendations,
  RecommendationsQuery,
  Ulid,
  UnitPosition,
} from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { dispatchBoard } from '../services/dispatch-board.js';
import { getDispatchPolicy, setDispatchPolicy } from '../services/dispatch-policy.js';
import { assessIncident } from '../services/incident-assessment.js';
import { listReports, splitReport } from '../services/incident-reports.js';
import { recommend } from '../services/recommendations.js';
import { unitPositions } from '../services/unit-positions.js';

const IdParam = z.strictObject({ id: Ulid });

export const dispatchRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/incidents/:id/recommendations',
    tag: 'dispatch',
    summary: 'Free units to send, ranked by road travel time, with what the incident needs',
    description:
      'Free units that bring something the incident needs (from its kind, severity, people trapped and casualties), those that fill an unmet ' +
      'need first, then by ETA on the live roads (vehicles on the vehicle graph, teams on foot on the foot graph), each with its route; units ' +
      'with no road to the site are listed last as unreachable. `suggested` is the fastest set covering the unmet needs. When the site is in a ' +
      'hazard (a strike moments ago) each unit carries a hold advisory with a staging point on its route. 409 for a closed incident.',
    roles: EVERYONE,
    params: IdParam,
    query: RecommendationsQuery,
    response: Recommendations,
    async handler({ params, query }, { ctx }) {
      return { body: await recommend(ctx, params.id, { limit: query.limit }) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/incidents/:id/assessment',
    tag: 'dispatch',
    summary: "Update an incident's severity, people trapped or expected casualties",
    description: 'These set what the incident needs and its place on the board. The same values again write nothing. 409 for a closed incident.',
    roles: OPERATIONS,
    params: IdParam,
    body: IncidentAssessment,
    response: Incident,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await assessIncident(ctx, actor, params.id, body) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/incidents/:id/reports',
    tag: 'dispatch',
    summary: 'Further reports merged into the incident',
    roles: EVERYONE,
    params: IdParam,
    response: z.object({ items: z.array(IncidentReport) }),
    async handler({ params }, { ctx }) {
      return { body: { items: await listReports(ctx, params.id) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/incidents/:id/reports/:reportId/split',
    tag: 'dispatch',
    summary: 'Split a merged report back into an incident of its own (id = the report id)',
    description: 'For a report merged by mistake (two strikes close together). A retry answers the incident it made (200).',
    roles: COMMAND,
    params: z.strictObject({ id: Ulid, reportId: Ulid }),
    status: 201,
    response: Incident,
    async handler({ params, actor }, { ctx }) {
      return createdReply(await splitReport(ctx, actor, params.id, params.reportId));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/dispatch/board',
    tag: 'dispatch',
    summary: 'Open incidents in priority order, with their units and what is uncovered',
    description: 'Priority: severity, then people trapped, then age. Each incident lists its needs against the units assigned and where those are.',
    roles: EVERYONE,
    response: Board,
    async handler(_req, { ctx }) {
      return { body: await dispatchBoard(ctx) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/dispatch/positions',
    tag: 'dispatch',
    summary: 'Where every unit is: its last fix, or estimated along its route (estimated: true)',
    roles: EVERYONE,
    response: z.object({ items: z.array(UnitPosition) }),
    async handler(_req, { ctx }) {
      return { body: { items: await unitPositions(ctx) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/centres/:id/dispatch-policy',
    tag: 'dispatch',
    summary: "A centre's auto-dispatch policy (off unless set)",
    roles: EVERYONE,
    params: IdParam,
    response: DispatchPolicy,
    async handler({ params }, { ctx }) {
      return { body: await getDispatchPolicy(ctx, params.id) };
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/centres/:id/dispatch-policy',
    tag: 'dispatch',
    summary: "Set a centre's auto-dispatch policy",
    description: 'When on, a new incident (or one whose unit broke down on the way) is sent the fastest of this centre\'s units it needs, at most max_units.',
    roles: COMMAND,
    params: IdParam,
    body: DispatchPolicyUpdate,
    response: DispatchPolicy,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await setDispatchPolicy(ctx, actor, params.id, body) };
    },
  }),
];
