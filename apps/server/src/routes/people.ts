import { COMMAND, DutyRow, OPERATIONS, Shift, ShiftEnd, ShiftStart, TeamMembersChange, TeamStrength, Ulid, VolunteerCasualty, VolunteerCasualtyCreate } from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { changeTeamMembers, dutyBoard, endShift, listCasualties, recordCasualty, startShift, teamStrength } from '../services/people.js';

const IdParam = z.strictObject({ id: Ulid });

export const peopleRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/shifts',
    tag: 'people',
    summary: 'Put a volunteer on shift (they go on duty)',
    description: 'Refused (409) while they are on a shift already, or injured or killed. 201; 200 when the same id is sent again.',
    roles: OPERATIONS,
    body: ShiftStart,
    status: 201,
    response: Shift,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await startShift(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/shifts/:id/end',
    tag: 'people',
    summary: 'End a shift (the volunteer goes off duty)',
    description: 'Ending an ended shift is a no-op.',
    roles: OPERATIONS,
    params: IdParam,
    body: ShiftEnd,
    response: Shift,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await endShift(ctx, actor, params.id, body) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/duty',
    tag: 'people',
    summary: 'Who is on shift, with hours on duty in the last 24 and a flag past 12',
    roles: OPERATIONS,
    query: z.strictObject({ centre_id: Ulid.optional() }),
    response: z.object({ items: z.array(DutyRow) }),
    async handler({ query }, { ctx }) {
      return { body: { items: await dutyBoard(ctx, query) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/incidents/:id/volunteer-casualties',
    tag: 'people',
    summary: 'Record a volunteer injured or killed at an incident',
    description:
      'Their status changes and an open shift ends; one killed leaves their team, and the event carries the team\'s remaining strength. ' +
      'A volunteer already recorded as killed is a 409. 201; 200 when the same id is sent again.',
    roles: OPERATIONS,
    params: IdParam,
    body: VolunteerCasualtyCreate,
    status: 201,
    response: VolunteerCasualty,
    async handler({ params, body, actor }, { ctx }) {
      return createdReply(await recordCasualty(ctx, actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/incidents/:id/volunteer-casualties',
    tag: 'people',
    summary: 'Volunteers injured or killed at an incident',
    roles: OPERATIONS,
    params: IdParam,
    response: z.object({ items: z.array(VolunteerCasualty) }),
    async handler({ params }, { ctx }) {
      return { body: { items: await listCasualties(ctx, params.id) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/teams/:id/strength',
    tag: 'people',
    summary: "A team's members and how many are fit; below 4 it is flagged for re-forming",
    roles: OPERATIONS,
    params: IdParam,
    response: TeamStrength,
    async handler({ params }, { ctx }) {
      return { body: await teamStrength(ctx.storage.db, params.id) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/teams/:id/members',
    tag: 'people',
    summary: 'Re-form a team: add volunteers (moving them from their team) and remove members',
    description: 'An injured or killed volunteer is not added, a non-member not removed (409). Answers the team\'s strength.',
    roles: COMMAND,
    params: IdParam,
    body: TeamMembersChange,
    response: TeamStrength,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await changeTeamMembers(ctx, actor, params.id, body) };
    },
  }),
];
