import { FIELD_READERS, IsoTime, Limit, OPERATIONS, SUPPLY_ITEMS, SupplyConsumption, SupplyCount, SupplyMovement, SupplyReceipt, SupplyStock, SupplyTransfer, Ulid } from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { consumeStock, countStock, listMovements, listStocks, receiveStock, transferStock } from '../services/supplies.js';

const REPLAY = '201; 200 when the same id is sent again.';

export const supplyRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/supplies',
    tag: 'supplies',
    summary: 'Stock per centre and item, with days left at the recent rate and a low-stock level',
    description: 'days_left is the stock over the daily use of the last 7 days (or of the stock\'s own life if shorter); level is low under 3 days.',
    roles: FIELD_READERS,
    query: z.strictObject({ centre_id: Ulid.optional() }),
    response: z.object({ items: z.array(SupplyStock) }),
    async handler({ query }, { ctx }) {
      return { body: { items: await listStocks(ctx, query) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/supplies/movements',
    tag: 'supplies',
    summary: 'Every change of stock, newest first, with the quantity after it',
    roles: FIELD_READERS,
    query: z.strictObject({ centre_id: Ulid.optional(), item: z.enum(SUPPLY_ITEMS).optional(), since: IsoTime.optional(), limit: Limit }),
    response: z.object({ items: z.array(SupplyMovement) }),
    async handler({ query }, { ctx }) {
      return { body: { items: await listMovements(ctx, query) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/supplies/counts',
    tag: 'supplies',
    summary: 'Record a stock count: the stock becomes what is on the shelf',
    description: REPLAY,
    roles: OPERATIONS,
    body: SupplyCount,
    status: 201,
    response: SupplyMovement,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await countStock(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/supplies/receipts',
    tag: 'supplies',
    summary: 'Record a delivery received at a centre',
    description: REPLAY,
    roles: OPERATIONS,
    body: SupplyReceipt,
    status: 201,
    response: SupplyMovement,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await receiveStock(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/supplies/transfers',
    tag: 'supplies',
    summary: 'Move stock between centres',
    description: `Never more than the sending centre holds (409 naming what is there). Answers the sending side's movement. ${REPLAY}`,
    roles: OPERATIONS,
    body: SupplyTransfer,
    status: 201,
    response: SupplyMovement,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await transferStock(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/supplies/consumptions',
    tag: 'supplies',
    summary: 'Record stock used on an operation',
    description: `Never more than the centre holds (409: count the shelf first if it says otherwise). Body bags for the dead and fuel for trips are recorded by themselves. ${REPLAY}`,
    roles: OPERATIONS,
    body: SupplyConsumption,
    status: 201,
    response: SupplyMovement,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await consumeStock(ctx, actor, body));
    },
  }),
];
