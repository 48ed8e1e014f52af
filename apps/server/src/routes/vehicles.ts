import { FIELD_READERS, OPERATIONS, Refuel, Trip, TripCreate, Ulid, Vehicle, VehicleStateSet } from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { getVehicle, listVehicles, recordTripFor, refuelVehicle, setVehicleState } from '../services/vehicles.js';

const IdParam = z.strictObject({ id: Ulid.meta({ description: "The vehicle's unit id" }) });

export const vehicleRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/vehicles',
    tag: 'vehicles',
    summary: 'Vehicles: fuel, range, maintenance, status, breakdowns of the last 30 days',
    roles: FIELD_READERS,
    query: z.strictObject({ centre_id: Ulid.optional() }),
    response: z.object({ items: z.array(Vehicle) }),
    async handler({ query }, { ctx }) {
      return { body: { items: await listVehicles(ctx, query) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/vehicles/:id',
    tag: 'vehicles',
    summary: 'One vehicle with its whole breakdown history (from its status timeline)',
    roles: FIELD_READERS,
    params: IdParam,
    response: Vehicle,
    async handler({ params }, { ctx }) {
      return { body: await getVehicle(ctx, params.id) };
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/vehicles/:id',
    tag: 'vehicles',
    summary: "Set a vehicle's tank size, fuel now, consumption and maintenance state",
    description: 'A foot team has no vehicle (409). The same values again change nothing.',
    roles: OPERATIONS,
    params: IdParam,
    body: VehicleStateSet,
    response: Vehicle,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await setVehicleState(ctx, actor, params.id, body) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/vehicles/:id/refuels',
    tag: 'vehicles',
    summary: "Fill a vehicle from a centre's fuel stock",
    description: "Never more than the centre holds or the tank takes (409). 201; 200 when the same id is sent again.",
    roles: OPERATIONS,
    params: IdParam,
    body: Refuel,
    status: 201,
    response: Vehicle,
    async handler({ params, body, actor }, { ctx }) {
      return createdReply(await refuelVehicle(ctx, actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/vehicles/:id/trips',
    tag: 'vehicles',
    summary: 'Record a trip: the fuel it burnt (distance at the vehicle\'s rate) comes off the tank',
    description: 'Dispatch records trips by itself on arrival; this is for a distance read off the odometer. 201; 200 for a replay.',
    roles: OPERATIONS,
    params: IdParam,
    body: TripCreate,
    status: 201,
    response: Trip,
    async handler({ params, body, actor }, { ctx }) {
      return createdReply(await recordTripFor(ctx, actor, params.id, body));
    },
  }),
];
