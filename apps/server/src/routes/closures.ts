import { Closure, ClosureCreate, EVERYONE, Limit, OPERATIONS, Ulid } from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { createClosure, liftClosure, listClosures } from '../services/closures.js';

export const closureRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/closures',
    tag: 'roads',
    summary: 'Road closures and slowdowns in force, newest first (all=1: every one ever made)',
    roles: EVERYONE,
    query: z.strictObject({ all: z.enum(['0', '1']).optional(), limit: Limit }),
    response: z.object({ items: z.array(Closure) }),
    async handler({ query }, { ctx }) {
      return { body: { items: await listClosures(ctx, { all: query.all === '1', limit: query.limit }) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/closures',
    tag: 'roads',
    summary: 'Close or slow roads: a segment, a way, a street by name, a circle or a polygon (201; 200 for the same id again)',
    description:
      'Applied to the live road graph as soon as it is stored: the next route avoids it. Team leaders report from the field. ' +
      'A target that covers no road, or an until in the past, is refused (422). With until, it lifts by itself then (a closure.expired event).',
    roles: OPERATIONS,
    body: ClosureCreate,
    status: 201,
    response: Closure,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await createClosure(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/closures/:id',
    tag: 'roads',
    summary: 'Lift a closure or slowdown (lifting one already lifted returns it unchanged)',
    roles: OPERATIONS,
    params: z.strictObject({ id: Ulid }),
    response: Closure,
    async handler({ params, actor }, { ctx }) {
      return { body: await liftClosure(ctx, actor, params.id) };
    },
  }),
];
