import {
  COMMAND,
  FIELD_READERS,
  Handover,
  Hospital,
  HospitalCreate,
  HospitalDestination,
  HospitalStatusChange,
  IsoTime,
  Limit,
  OPERATIONS,
  PERSONAL_DATA_READERS,
  Ulid,
  Victim,
  VictimCreate,
  VictimUpdate,
} from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import type { SessionUser } from '../services/accounts.js';
import { createHospital, listHospitals, setHospitalStatus } from '../services/hospitals.js';
import { getVictim, handOver, listVictims, recordVictim, updateVictim, victimDestinations } from '../services/victims.js';

const IdParam = z.strictObject({ id: Ulid });
const mayReadPersonal = (user: SessionUser | null) => user !== null && PERSONAL_DATA_READERS.includes(user.role);
const WITHHELD = `Name, description, photo and family contact are given only to ${PERSONAL_DATA_READERS.join(', ')}; others get them null with personal_withheld: true.`;

export const victimRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/worksites/:id/victims',
    tag: 'victims',
    summary: 'Record a person found at a worksite, alive or dead',
    description:
      'Refused (409) on a closed worksite. A dead victim is START black and uses a body bag from body_bag_centre_id (default: the ' +
      "worksite team's centre); with none in stock the body is still recorded and a supply.shortage event says so. 201; 200 for a replay.",
    roles: OPERATIONS,
    params: IdParam,
    body: VictimCreate,
    status: 201,
    response: Victim,
    async handler({ params, body, actor }, { ctx }) {
      return createdReply(await recordVictim(ctx, actor, params.id, body));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/victims',
    tag: 'victims',
    summary: 'Victims, most recently found first',
    description: WITHHELD,
    roles: FIELD_READERS,
    query: z.strictObject({ incident_id: Ulid.optional(), worksite_id: Ulid.optional(), since: IsoTime.optional(), limit: Limit }),
    response: z.object({ items: z.array(Victim) }),
    async handler({ query, user }, { ctx }) {
      return { body: { items: await listVictims(ctx, query, mayReadPersonal(user)) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/victims/:id',
    tag: 'victims',
    summary: 'One victim',
    description: WITHHELD,
    roles: FIELD_READERS,
    params: IdParam,
    response: Victim,
    async handler({ params, user }, { ctx }) {
      return { body: await getVictim(ctx, params.id, mayReadPersonal(user)) };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/victims/:id',
    tag: 'victims',
    summary: 'Change a victim record: condition, colour, extrication, identity',
    description: 'A death is not undone (409). A victim who dies becomes START black and uses a body bag. Personal fields never enter the event log.',
    roles: OPERATIONS,
    params: IdParam,
    body: VictimUpdate,
    response: Victim,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await updateVictim(ctx, actor, params.id, body) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/victims/:id/handover',
    tag: 'victims',
    summary: 'Hand a victim to a hospital, field hospital or morgue',
    description:
      'The living go to a hospital or field hospital, the dead to a morgue or hospital, and only to one accepting (409 otherwise). ' +
      'The same hand-over again is a no-op; another destination afterwards is a 409.',
    roles: OPERATIONS,
    params: IdParam,
    body: Handover,
    response: Victim,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await handOver(ctx, actor, params.id, body) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/victims/:id/destinations',
    tag: 'victims',
    summary: 'Where to take a victim: accepting places for their condition, nearest by road first',
    description: 'Road times on the vehicle graph with closures applied, from the worksite (or the incident). Places no open road reaches come last with reachable: false.',
    roles: OPERATIONS,
    params: IdParam,
    response: z.object({ items: z.array(HospitalDestination) }),
    async handler({ params }, { ctx }) {
      return { body: { items: await victimDestinations(ctx, params.id) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/hospitals',
    tag: 'hospitals',
    summary: 'Hospitals, field hospitals and morgues with capacity and status',
    roles: FIELD_READERS,
    response: z.object({ items: z.array(Hospital) }),
    async handler(_req, { ctx }) {
      return { body: { items: await listHospitals(ctx) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/hospitals',
    tag: 'hospitals',
    summary: 'Add a hospital, field hospital or morgue (201; 200 when the same id is sent again)',
    roles: COMMAND,
    body: HospitalCreate,
    status: 201,
    response: Hospital,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await createHospital(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/hospitals/:id/status',
    tag: 'hospitals',
    summary: "Set a hospital's status (accepting, full, damaged, destroyed) and capacity",
    roles: COMMAND,
    params: IdParam,
    body: HospitalStatusChange,
    response: Hospital,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await setHospitalStatus(ctx, actor, params.id, body) };
    },
  }),
];
