import {
  ADMIN,
  Centre,
  CentreCreate,
  EVERYONE,
  OPERATIONS,
  Team,
  TeamCreate,
  Ulid,
  VOLUNTEER_STATUSES,
  Volunteer,
  VolunteerCreate,
  VolunteerStatusChange,
} from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { createCentre, createTeam, createVolunteer, listCentres, listTeams, listVolunteers, setVolunteerStatus } from '../services/organisation.js';

const IdParam = z.strictObject({ id: Ulid });

export const organisationRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/centres',
    tag: 'organisation',
    summary: 'List centres',
    roles: EVERYONE,
    response: z.object({ items: z.array(Centre) }),
    async handler(_req, { ctx }) {
      return { body: { items: await listCentres(ctx) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/centres',
    tag: 'organisation',
    summary: 'Create a centre (201; 200 when the same id is sent again)',
    roles: ADMIN,
    body: CentreCreate,
    status: 201,
    response: Centre,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await createCentre(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/teams',
    tag: 'organisation',
    summary: 'List teams',
    roles: EVERYONE,
    query: z.strictObject({ centre_id: Ulid.optional() }),
    response: z.object({ items: z.array(Team) }),
    async handler({ query }, { ctx }) {
      return { body: { items: await listTeams(ctx, query) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/teams',
    tag: 'organisation',
    summary: 'Create a team (201; 200 when the same id is sent again)',
    roles: ADMIN,
    body: TeamCreate,
    status: 201,
    response: Team,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await createTeam(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/volunteers',
    tag: 'organisation',
    summary: 'List volunteers (with phone numbers: operations roles only)',
    roles: OPERATIONS,
    query: z.strictObject({ centre_id: Ulid.optional(), team_id: Ulid.optional(), status: z.enum(VOLUNTEER_STATUSES).optional() }),
    response: z.object({ items: z.array(Volunteer) }),
    async handler({ query }, { ctx }) {
      return { body: { items: await listVolunteers(ctx, query) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/volunteers',
    tag: 'organisation',
    summary: 'Register a volunteer (201; 200 when the same id is sent again)',
    roles: ADMIN,
    body: VolunteerCreate,
    status: 201,
    response: Volunteer,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await createVolunteer(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/volunteers/:id/status',
    tag: 'organisation',
    summary: 'Set a volunteer on duty, off duty, injured or killed',
    roles: OPERATIONS,
    params: IdParam,
    body: VolunteerStatusChange,
    response: Volunteer,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await setVolunteerStatus(ctx, actor, params.id, body) };
    },
  }),
];
