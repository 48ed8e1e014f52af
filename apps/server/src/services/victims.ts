import { ConflictError, NotFoundError, ValidationError, type HospitalKind, type Victim, type VictimCondition } from '@civdef/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, VictimsTable } from '../db/schema.js';
import { notBefore, reportedTime } from '../fieldwork/times.js';
import type { Actor, AppContext } from './context.js';
import { destinationsByRoad, type Destination } from './hospitals.js';
import { mustExist, type Created } from './organisation.js';
import { isReplay, retryOnUniqueViolation } from './replay.js';
import { useBodyBag } from './supply-ledger.js';
import { inTransaction, type Tx } from './transaction.js';
import { lockWorksite } from './worksites.js';

interface FamilyContact {
  name: string;
  relation?: string | undefined;
  phone?: string | undefined;
}

export interface VictimInput {
  id: string;
  condition: VictimCondition;
  start_colour: Victim['start_colour'];
  found_at: string;
  extricated_at?: string | undefined;
  age?: number | undefined;
  sex?: Victim['sex'] | undefined;
  name?: string | undefined;
  description?: string | undefined;
  photo_media_id?: string | undefined;
  family_contact?: FamilyContact | undefined;
  body_bag_centre_id?: string | undefined;
}

export type VictimPatch = Partial<Omit<VictimInput, 'id' | 'found_at'>>;

const PERSONAL = ['name', 'description', 'photo_media_id', 'family_contact'] as const;
/** Where each condition may be handed: the living to care, the dead to a morgue or a hospital's. */
const DESTINATIONS: Record<VictimCondition, readonly HospitalKind[]> = { alive: ['hospital', 'field-hospital'], dead: ['morgue', 'hospital'] };

type Row = Selectable<VictimsTable> & { worksite_code: string };

/** The victim as a caller sees it: personal fields only for those allowed. Precondition: row joined with its worksite code. */
export function victimView(row: Row, personal: boolean): Victim {
  const base = {
    ...row,
    condition: row.condition as VictimCondition,
    start_colour: row.start_colour as Victim['start_colour'],
    sex: row.sex as Victim['sex'],
    family_contact: row.family_contact ? (JSON.parse(row.family_contact) as Victim['family_contact']) : null,
    personal_withheld: !personal,
  };
  return personal ? base : { ...base, name: null, description: null, photo_media_id: null, family_contact: null };
}

/** What an event may say of a victim: never identity, photo or family contact, only whether they are known. */
function eventData(row: Selectable<VictimsTable>): Record<string, unknown> {
  const { name, description, photo_media_id, family_contact, ...rest } = row;
  return { ...rest, identified: name !== null, described: description !== null, has_photo: photo_media_id !== null, has_family_contact: family_contact !== null };
}

function victims(db: Kysely<Database>) {
  return db.selectFrom('victims').innerJoin('worksites', 'worksites.id', 'victims.worksite_id').selectAll('victims').select('worksites.code as worksite_code');
}

async function lockVictim(tx: Tx, dialect: AppContext['storage']['dialect'], id: string): Promise<Row> {
  const row = await victims(tx.db)
    .where('victims.id', '=', id)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw new NotFoundError('victim', id);
  return row;
}

/** The centre whose body bag a dead victim uses: the one named, else the centre of the worksite's team. */
async function bodyBagCentre(tx: Tx, named: string | undefined, worksiteTeam: string | null): Promise<string> {
  if (named) {
    await mustExist(tx.db, 'centres', named);
    return named;
  }
  const team = worksiteTeam ? await tx.db.selectFrom('teams').select('centre_id').where('id', '=', worksiteTeam).executeTakeFirst() : undefined;
  if (!team) throw new ValidationError([{ path: 'body_bag_centre_id', message: 'is required: the worksite has no team, so whose body bag was used is not known' }]);
  return team.centre_id;
}

async function checkPhoto(tx: Tx, mediaId: string | undefined): Promise<void> {
  if (mediaId && !(await tx.db.selectFrom('media').select('id').where('id', '=', mediaId).executeTakeFirst())) throw new NotFoundError('media', mediaId);
}

/**
 * Records a person found at a worksite. Refused (409) on a closed worksite. A dead victim uses a body bag from
 * the named centre (or the worksite team's). A retry with the same id returns the stored record.
 */
export async function recordVictim(ctx: AppContext, actor: Actor, worksiteId: string, input: VictimInput): Promise<Created<Victim>> {
  return retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const site = await lockWorksite(tx, ctx.storage.dialect, worksiteId);
      const foundAt = reportedTime(input.found_at, tx.at, 'found_at');
      const stored = {
        incident_id: site.incident_id,
        worksite_id: worksiteId,
        condition: input.condition,
        start_colour: input.start_colour,
        found_at: foundAt,
        extricated_at: input.extricated_at ? reportedTime(input.extricated_at, tx.at, 'extricated_at') : null,
        age: input.age ?? null,
        sex: input.sex ?? null,
        name: input.name ?? null,
        description: input.description ?? null,
        photo_media_id: input.photo_media_id ?? null,
        family_contact: input.family_contact ? JSON.stringify(input.family_contact) : null,
      };
      const prior = await tx.db.selectFrom('victims').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (isReplay('victim', input.id, prior, stored)) return { record: victimView({ ...prior!, worksite_code: site.code }, true), created: false };
      if (site.status === 'closed') {
        throw new ConflictError(`Worksite ${site.code} is closed; a victim found there now belongs on a new or reopened worksite`, { worksite_id: worksiteId, code: site.code });
      }
      await checkPhoto(tx, input.photo_media_id);
      const centre = input.condition === 'dead' ? await bodyBagCentre(tx, input.body_bag_centre_id, site.team_id) : null;
      const row = { id: input.id, ...stored, hospital_id: null, handed_over_at: null, created_by: actor.userId, created_at: tx.at, updated_at: tx.at };
      await tx.db.insertInto('victims').values(row).execute();
      await tx.emit({ type: 'victim.recorded', subjectType: 'victim', subjectId: input.id, data: eventData(row) });
      if (centre) await useBodyBag(tx, ctx.storage.dialect, actor, { centre_id: centre, victim_id: input.id, incident_id: site.incident_id });
      return { record: victimView({ ...row, worksite_code: site.code }, true), created: true };
    }),
  );
}

/**
 * Changes a victim's record: condition and colour, extrication, identity. A death is not undone (409); a victim
 * who dies is START black and uses a body bag.
 */
export async function updateVictim(ctx: AppContext, actor: Actor, id: string, patch: VictimPatch): Promise<Victim> {
  return inTransaction(ctx, actor, async (tx) => {
    const row = await lockVictim(tx, ctx.storage.dialect, id);
    const condition = patch.condition ?? (row.condition as VictimCondition);
    if (row.condition === 'dead' && condition === 'alive') {
      throw new ConflictError(`Victim ${id} is recorded as dead; a death is not undone by an update`, { victim_id: id });
    }
    const colour = patch.start_colour ?? (condition === 'dead' ? 'black' : row.start_colour);
    if (condition === 'dead' && colour !== 'black') throw new ValidationError([{ path: 'start_colour', message: 'a dead victim is START black' }]);
    const extricatedAt = patch.extricated_at ? reportedTime(patch.extricated_at, tx.at, 'extricated_at') : row.extricated_at;
    if (extricatedAt) notBefore(extricatedAt, row.found_at, 'extricated_at', 'found_at');
    await checkPhoto(tx, patch.photo_media_id);
    const { body_bag_centre_id: bagCentre, family_contact: contact, ...fields } = patch;
    const set = {
      ...fields,
      condition,
      start_colour: colour,
      extricated_at: extricatedAt,
      ...(contact ? { family_contact: JSON.stringify(contact) } : {}),
    };
    const changed = (Object.keys(set) as (keyof typeof set)[]).filter((k) => JSON.stringify(set[k] ?? null) !== JSON.stringify(row[k] ?? null));
    if (!changed.length) return victimView(row, true);
    const next = { ...row, ...set, updated_at: tx.at };
    await tx.db.updateTable('victims').set({ ...set, updated_at: tx.at }).where('id', '=', id).execute();
    const personal = changed.filter((k) => (PERSONAL as readonly string[]).includes(k));
    const open = changed.filter((k) => !personal.includes(k));
    await tx.emit({
      type: 'victim.updated',
      subjectType: 'victim',
      subjectId: id,
      data: { changes: Object.fromEntries(open.map((k) => [k, set[k]])), personal_fields_changed: personal },
    });
    if (row.condition === 'alive' && condition === 'dead') {
      const site = await tx.db.selectFrom('worksites').select('team_id').where('id', '=', row.worksite_id).executeTakeFirstOrThrow();
      const centre = await bodyBagCentre(tx, bagCentre, site.team_id);
      await useBodyBag(tx, ctx.storage.dialect, actor, { centre_id: centre, victim_id: id, incident_id: row.incident_id });
    }
    return victimView(next, true);
  });
}

/**
 * Hands a victim to a hospital, field hospital or morgue: the living to care, the dead to a morgue or hospital;
 * only to one accepting (409 naming its status). Sets the extrication time if it was not recorded.
 * The same hand-over again is a no-op; another destination after one is a 409.
 */
export async function handOver(ctx: AppContext, actor: Actor, id: string, input: { hospital_id: string; at?: string | undefined; note?: string | undefined }): Promise<Victim> {
  return inTransaction(ctx, actor, async (tx) => {
    const row = await lockVictim(tx, ctx.storage.dialect, id);
    if (row.hospital_id === input.hospital_id) return victimView(row, true);
    if (row.hospital_id) throw new ConflictError(`Victim ${id} was already handed over at ${row.handed_over_at}`, { victim_id: id, hospital_id: row.hospital_id });
    const hospital = await tx.db.selectFrom('hospitals').selectAll().where('id', '=', input.hospital_id).executeTakeFirst();
    if (!hospital) throw new NotFoundError('hospital', input.hospital_id);
    const condition = row.condition as VictimCondition;
    if (!DESTINATIONS[condition].includes(hospital.kind as HospitalKind)) {
      throw new ConflictError(`A ${condition === 'alive' ? 'living' : 'dead'} victim is not handed to a ${hospital.kind}`, { victim_id: id, hospital_id: hospital.id, kind: hospital.kind, allowed: DESTINATIONS[condition] });
    }
    if (hospital.status !== 'accepting') {
      throw new ConflictError(`${hospital.name} is ${hospital.status}; choose another (GET /api/v1/victims/${id}/destinations ranks those accepting by road)`, { hospital_id: hospital.id, hospital_status: hospital.status });
    }
    const at = reportedTime(input.at, tx.at, 'at');
    notBefore(at, row.found_at, 'at', 'found_at');
    const extricatedAt = row.extricated_at ?? at;
    await tx.db.updateTable('victims').set({ hospital_id: hospital.id, handed_over_at: at, extricated_at: extricatedAt, updated_at: tx.at }).where('id', '=', id).execute();
    await tx.emit({
      type: 'victim.handed-over',
      subjectType: 'victim',
      subjectId: id,
      data: { hospital_id: hospital.id, kind: hospital.kind, at, extricated_at: extricatedAt, condition, note: input.note ?? null },
    });
    return victimView({ ...row, hospital_id: hospital.id, handed_over_at: at, extricated_at: extricatedAt, updated_at: tx.at }, true);
  });
}

export interface VictimFilter {
  incident_id?: string | undefined;
  worksite_id?: string | undefined;
  since?: string | undefined;
  limit: number;
}

/** Victims, most recently found first, with personal fields only when `personal`. Precondition: limit 1-1000. */
export async function listVictims(ctx: AppContext, filter: VictimFilter, personal: boolean): Promise<Victim[]> {
  let q = victims(ctx.storage.db);
  if (filter.incident_id) q = q.where('victims.incident_id', '=', filter.incident_id);
  if (filter.worksite_id) q = q.where('victims.worksite_id', '=', filter.worksite_id);
  if (filter.since) q = q.where('victims.found_at', '>=', new Date(filter.since).toISOString());
  const rows = await q.orderBy('victims.found_at', 'desc').orderBy('victims.id', 'desc').limit(filter.limit).execute();
  return rows.map((r) => victimView(r, personal));
}

/** One victim, personal fields only when `personal`. Precondition: none (404 when absent). */
export async function getVictim(ctx: AppContext, id: string, personal: boolean): Promise<Victim> {
  const row = await victims(ctx.storage.db).where('victims.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('victim', id);
  return victimView(row, personal);
}

/** Where to take a victim: accepting places for their condition, nearest by road from the worksite (else the incident). */
export async function victimDestinations(ctx: AppContext, id: string): Promise<Destination[]> {
  const row = await ctx.storage.db
    .selectFrom('victims')
    .innerJoin('worksites', 'worksites.id', 'victims.worksite_id')
    .innerJoin('incidents', 'incidents.id', 'victims.incident_id')
    .select(['victims.condition', 'worksites.lat as site_lat', 'worksites.lon as site_lon', 'incidents.lat', 'incidents.lon'])
    .where('victims.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('victim', id);
  const from = row.site_lat !== null && row.site_lon !== null ? { lat: row.site_lat, lon: row.site_lon } : { lat: row.lat, lon: row.lon };
  return destinationsByRoad(ctx, from, DESTINATIONS[row.condition as VictimCondition]);
}
