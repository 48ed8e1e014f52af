import { AsrCompletionCreate, FIELD_READERS, OPERATIONS, Ulid, Worksite, WorksiteClose, WorksiteCreate, WorksiteUpdate } from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { closeWorksite, completeAsr, createWorksite, getWorksite, listWorksites, updateWorksite } from '../services/worksites.js';

const IdParam = z.strictObject({ id: Ulid });

export const worksiteRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/incidents/:id/worksites',
    tag: 'worksites',
    summary: 'Open a worksite on an incident (INSARAG id A-1, A-1a for a sub-site)',
    description:
      'The id is unique within the incident (409 otherwise); a sub-site needs its parent (A-1 before A-1a). ' +
      'The answer carries the marking to paint. 201; 200 when the same id is sent again.',
    roles: OPERATIONS,
    params: IdParam,
    body: WorksiteCreate,
    status: 201,
    response: Worksite,
    async handler({ params, body, actor }, { ctx }) {
      return createdReply(await createWorksite(ctx, actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/incidents/:id/worksites',
    tag: 'worksites',
    summary: "An incident's worksites, with their markings",
    roles: FIELD_READERS,
    params: IdParam,
    response: z.object({ items: z.array(Worksite) }),
    async handler({ params }, { ctx }) {
      return { body: { items: await listWorksites(ctx, params.id) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/worksites/:id',
    tag: 'worksites',
    summary: 'One worksite: triage, hazards, ASR levels, victims found, the marking',
    roles: FIELD_READERS,
    params: IdParam,
    response: Worksite,
    async handler({ params }, { ctx }) {
      return { body: await getWorksite(ctx, params.id) };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/worksites/:id',
    tag: 'worksites',
    summary: 'Change what is known of a worksite (triage category, hazards, team, ...)',
    description: 'Refused (409) once the worksite is closed. Sending what is already recorded changes nothing.',
    roles: OPERATIONS,
    params: IdParam,
    body: WorksiteUpdate,
    response: Worksite,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await updateWorksite(ctx, actor, params.id, body) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/worksites/:id/asr',
    tag: 'worksites',
    summary: 'Record an ASR level completed by a team (adds a line to the marking)',
    description: 'Levels only go up (409 for a lower one, or a level another team completed). The same level and team again: 200.',
    roles: OPERATIONS,
    params: IdParam,
    body: AsrCompletionCreate,
    status: 201,
    response: Worksite,
    async handler({ params, body, actor }, { ctx }) {
      return createdReply(await completeAsr(ctx, actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/worksites/:id/close',
    tag: 'worksites',
    summary: 'Close a worksite: no victims are added after this',
    description: 'Refused (409) while a sub-site is open or someone found alive is not yet extricated. Closing a closed site is a no-op.',
    roles: OPERATIONS,
    params: IdParam,
    body: WorksiteClose,
    response: Worksite,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await closeWorksite(ctx, actor, params.id, body) };
    },
  }),
];
