import { ADMIN, EVERYONE, OPERATIONS, UNIT_KINDS, UNIT_STATUSES, Ulid, Unit, UnitCreate, UnitPositionUpdate, UnitStatusChange, UnitStatusChangeCreate } from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { changeUnitStatus, createUnit, getUnit, listUnits, moveUnit, unitTimeline } from '../services/units.js';

const IdParam = z.strictObject({ id: Ulid });

export const unitRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/units',
    tag: 'units',
    summary: 'List units with their status and current incident',
    roles: EVERYONE,
    query: z.strictObject({ status: z.enum(UNIT_STATUSES).optional(), centre_id: Ulid.optional(), kind: z.enum(UNIT_KINDS).optional() }),
    response: z.object({ items: z.array(Unit) }),
    async handler({ query }, { ctx }) {
      return { body: { items: await listUnits(ctx, query) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/units',
    tag: 'units',
    summary: 'Create a unit (201; 200 when the same id is sent again)',
    roles: ADMIN,
    body: UnitCreate,
    status: 201,
    response: Unit,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await createUnit(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/units/:id',
    tag: 'units',
    summary: 'One unit',
    roles: EVERYONE,
    params: IdParam,
    response: Unit,
    async handler({ params }, { ctx }) {
      return { body: await getUnit(ctx, params.id) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/units/:id/status',
    tag: 'units',
    summary: 'Change a unit status (en route, on scene, returning, available, out of service)',
    description:
      'Illegal transitions get 409 naming the allowed ones. Dispatch happens by assignment. Going out of service needs a reason and frees the assignment. ' +
      'A retry with the same change id returns the original change (200).',
    roles: OPERATIONS,
    params: IdParam,
    body: UnitStatusChangeCreate,
    status: 201,
    response: UnitStatusChange,
    async handler({ params, body, actor }, { ctx }) {
      return createdReply(await changeUnitStatus(ctx, actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/units/:id/position',
    tag: 'units',
    summary: "Report a unit's position (a GPS fix)",
    roles: OPERATIONS,
    params: IdParam,
    body: UnitPositionUpdate,
    response: Unit,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await moveUnit(ctx, actor, params.id, body) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/units/:id/timeline',
    tag: 'units',
    summary: "A unit's status changes, oldest first",
    roles: EVERYONE,
    params: IdParam,
    response: z.object({ items: z.array(UnitStatusChange) }),
    async handler({ params }, { ctx }) {
      return { body: { items: await unitTimeline(ctx, params.id) } };
    },
  }),
];
