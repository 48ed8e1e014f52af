import {
  Assignment,
  AssignmentAnswer,
  AssignmentCreate,
  COMMAND,
  EVERYONE,
  INCIDENT_STATUSES,
  Incident,
  IncidentCreate,
  IncidentReported,
  IncidentStatusChange,
  IsoTime,
  Limit,
  REPORTERS,
  Ulid,
} from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { dispatchUnit } from '../services/dispatch-unit.js';
import { changeIncidentStatus, createIncident, getIncident, listAssignments, listIncidents } from '../services/incidents.js';

const IdParam = z.strictObject({ id: Ulid });

export const incidentRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/incidents',
    tag: 'incidents',
    summary: 'List incidents, newest first',
    roles: EVERYONE,
    query: z.strictObject({ status: z.enum(INCIDENT_STATUSES).optional(), since: IsoTime.optional(), limit: Limit }),
    response: z.object({ items: z.array(Incident) }),
    async handler({ query }, { ctx }) {
      return { body: { items: await listIncidents(ctx, query) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/incidents',
    tag: 'incidents',
    summary: 'Report an incident (201; 200 when the same id is sent again)',
    roles: REPORTERS,
    description:
      'A report of the same kind within CIVDEF_MERGE_RADIUS_M and CIVDEF_MERGE_MINUTES of an open incident is attached to it as a further ' +
      'report instead (201, the answer is that incident with `merged` set); a dispatcher can split it back.',
    body: IncidentCreate,
    status: 201,
    response: IncidentReported,
    async handler({ body, actor }, { ctx }) {
      const r = await createIncident(ctx, actor, body);
      return createdReply({ record: { ...r.record, merged: r.merged }, created: r.created });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/incidents/:id',
    tag: 'incidents',
    summary: 'One incident',
    roles: EVERYONE,
    params: IdParam,
    response: Incident,
    async handler({ params }, { ctx }) {
      return { body: await getIncident(ctx, params.id) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/incidents/:id/status',
    tag: 'incidents',
    summary: 'Close or reopen an incident',
    description: 'Closing is refused (409) while units are assigned. Setting the current status again is a no-op.',
    roles: COMMAND,
    params: IdParam,
    body: IncidentStatusChange,
    response: Incident,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await changeIncidentStatus(ctx, actor, params.id, body) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/incidents/:id/assignments',
    tag: 'incidents',
    summary: "An incident's assignments, current and past",
    roles: EVERYONE,
    params: IdParam,
    response: z.object({ items: z.array(Assignment) }),
    async handler({ params }, { ctx }) {
      return { body: { items: await listAssignments(ctx, params.id) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/incidents/:id/assignments',
    tag: 'incidents',
    summary: 'Dispatch a unit to the incident',
    description:
      'The unit must be available and not assigned elsewhere (409 otherwise). It becomes dispatched; the incident responding. When the site ' +
      'is in a hazard (a strike within CIVDEF_DOUBLE_TAP_MINUTES and CIVDEF_DOUBLE_TAP_RADIUS_M) the answer carries a hold advisory with a ' +
      'staging point on the unit\'s route, also recorded as a dispatch.hold-advisory event.',
    roles: COMMAND,
    params: IdParam,
    body: AssignmentCreate,
    status: 201,
    response: AssignmentAnswer,
    async handler({ params, body, actor }, { ctx }) {
      return createdReply(await dispatchUnit(ctx, actor, params.id, body));
    },
  }),
];
