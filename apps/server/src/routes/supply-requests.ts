import { COMMAND, Limit, OPERATIONS, SUPPLY_REQUEST_STATUSES, SupplyRequest, SupplyRequestCreate, SupplyRequestFulfil, SupplyRequestRefuse, Ulid } from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { createSupplyRequest, fulfilSupplyRequest, getSupplyRequest, listSupplyRequests, refuseSupplyRequest } from '../services/supply-requests.js';

const IdParam = z.strictObject({ id: Ulid });

export const supplyRequestRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/supply-requests',
    tag: 'supplies',
    summary: "Ask for supplies from the field (the field app's \"need supplies\")",
    description: "The unit's centre is recorded with it. 201; 200 when the same id and body are sent again; 409 for another body under the id.",
    roles: OPERATIONS,
    body: SupplyRequestCreate,
    status: 201,
    response: SupplyRequest,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await createSupplyRequest(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/supply-requests',
    tag: 'supplies',
    summary: 'Supply requests, newest first',
    roles: OPERATIONS,
    query: z.strictObject({ status: z.enum(SUPPLY_REQUEST_STATUSES).optional(), centre_id: Ulid.optional(), limit: Limit }),
    response: z.object({ items: z.array(SupplyRequest) }),
    async handler({ query }, { ctx }) {
      return { body: { items: await listSupplyRequests(ctx, query) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/supply-requests/:id',
    tag: 'supplies',
    summary: 'One supply request and how it was answered',
    roles: OPERATIONS,
    params: IdParam,
    response: SupplyRequest,
    async handler({ params }, { ctx }) {
      return { body: await getSupplyRequest(ctx, params.id) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/supply-requests/:id/fulfil',
    tag: 'supplies',
    summary: 'Mark a request fulfilled, taking what was sent from a centre\'s stock when one is named',
    description:
      'With centre_id, each item leaves that centre\'s stock as a consumption referring to the request; more than it holds is a 409 naming ' +
      'what is there, and nothing is written. The same answer again returns the request; another answer to a decided request is a 409.',
    roles: COMMAND,
    params: IdParam,
    body: SupplyRequestFulfil,
    response: SupplyRequest,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await fulfilSupplyRequest(ctx, actor, params.id, body) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/supply-requests/:id/refuse',
    tag: 'supplies',
    summary: 'Refuse a request, with the reason the requester reads',
    description: 'The same refusal again returns the request; another answer to a decided request is a 409.',
    roles: COMMAND,
    params: IdParam,
    body: SupplyRequestRefuse,
    response: SupplyRequest,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await refuseSupplyRequest(ctx, actor, params.id, body) };
    },
  }),
];
