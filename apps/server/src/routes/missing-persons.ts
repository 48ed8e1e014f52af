import { FamilyTold, Limit, MatchCandidate, MISSING_PERSON_STATUSES, MissingPerson, MissingPersonCreate, MissingPersonMatch, PERSONAL_DATA_READERS, Ulid } from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { confirmMatch, getMissingPerson, listMissingPersons, matchCandidates, recordFamilyTold, registerMissingPerson } from '../services/missing-persons.js';

const IdParam = z.strictObject({ id: Ulid });

// Every route here handles names and how to reach a family: personal-data readers only.
export const missingPersonRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/missing-persons',
    tag: 'missing persons',
    summary: 'Register a person a family is looking for, and how to reach who asked (201; 200 for a replay)',
    roles: PERSONAL_DATA_READERS,
    body: MissingPersonCreate,
    status: 201,
    response: MissingPerson,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await registerMissingPerson(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/missing-persons',
    tag: 'missing persons',
    summary: 'Missing-person cases, newest first',
    roles: PERSONAL_DATA_READERS,
    query: z.strictObject({ status: z.enum(MISSING_PERSON_STATUSES).optional(), limit: Limit }),
    response: z.object({ items: z.array(MissingPerson) }),
    async handler({ query }, { ctx }) {
      return { body: { items: await listMissingPersons(ctx, query) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/missing-persons/:id',
    tag: 'missing persons',
    summary: 'One case',
    roles: PERSONAL_DATA_READERS,
    params: IdParam,
    response: MissingPerson,
    async handler({ params }, { ctx }) {
      return { body: await getMissingPerson(ctx, params.id) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/missing-persons/:id/matches',
    tag: 'missing persons',
    summary: 'Victims who may be this person, best first',
    description:
      'Scored 0-1 on name (spelling- and word-order-tolerant, Arabic letter forms folded), age, where found against where last seen, ' +
      'and time since last seen; an unknown clue counts half. Victims of another sex or found before the person was last seen are left out.',
    roles: PERSONAL_DATA_READERS,
    params: IdParam,
    response: z.object({ items: z.array(MatchCandidate) }),
    async handler({ params }, { ctx }) {
      return { body: { items: await matchCandidates(ctx, params.id) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/missing-persons/:id/match',
    tag: 'missing persons',
    summary: 'Confirm that a victim is this person',
    description: 'The same victim again is a no-op; another victim once matched is a 409.',
    roles: PERSONAL_DATA_READERS,
    params: IdParam,
    body: MissingPersonMatch,
    response: MissingPerson,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await confirmMatch(ctx, actor, params.id, body) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/missing-persons/:id/family-told',
    tag: 'missing persons',
    summary: 'Record that the family was told',
    description: 'Only once a victim is matched (409 before). Telling again is a no-op.',
    roles: PERSONAL_DATA_READERS,
    params: IdParam,
    body: FamilyTold,
    response: MissingPerson,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await recordFamilyTold(ctx, actor, params.id, body) };
    },
  }),
];
