import { ConflictError, matchScore, NotFoundError, type MissingPerson } from '@civdef/core';
import { z } from 'zod';
import type { Selectable } from 'kysely';
import type { MissingPersonsTable } from '../db/schema.js';
import { reportedTime } from '../fieldwork/times.js';
import type { Actor, AppContext } from './context.js';
import type { Created } from './organisation.js';
import { isReplay, retryOnUniqueViolation } from './replay.js';
import { inTransaction, type Tx } from './transaction.js';

export interface MissingPersonInput {
  id: string;
  name: string;
  age?: number | undefined;
  sex?: 'female' | 'male' | undefined;
  description?: string | undefined;
  last_seen_place?: string | undefined;
  last_seen_lat?: number | undefined;
  last_seen_lon?: number | undefined;
  last_seen_at?: string | undefined;
  asked_by: { name: string; relation?: string | undefined; phone?: string | undefined; contact?: string | undefined };
}

/** Victims found this long before the person was last seen are still scored: memories of times are loose. */
const LOOK_BACK_MS = 2 * 86_400_000;
/** With no last-seen time, victims of this many recent days are scored. */
const DEFAULT_WINDOW_MS = 60 * 86_400_000;
const CANDIDATES = 20;

const AskedByStored = z.object({ name: z.string(), relation: z.string().nullish(), phone: z.string().nullish(), contact: z.string().nullish() });

function view(row: Selectable<MissingPersonsTable>): MissingPerson {
  const a = AskedByStored.parse(JSON.parse(row.asked_by));
  return {
    ...row,
    sex: row.sex as MissingPerson['sex'],
    status: row.status as MissingPerson['status'],
    asked_by: { name: a.name, relation: a.relation ?? null, phone: a.phone ?? null, contact: a.contact ?? null },
  };
}

/** The event view: a case's state, never the names or how to reach the family. */
const eventData = (row: Selectable<MissingPersonsTable>) => ({ status: row.status, victim_id: row.victim_id, has_last_seen_place: row.last_seen_lat !== null });

async function lock(tx: Tx, dialect: AppContext['storage']['dialect'], id: string): Promise<Selectable<MissingPersonsTable>> {
  const row = await tx.db.selectFrom('missing_persons').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
  if (!row) throw new NotFoundError('missing person', id);
  return row;
}

/** Registers a person a family is looking for. A retry with the same id returns the stored case. */
export async function registerMissingPerson(ctx: AppContext, actor: Actor, input: MissingPersonInput): Promise<Created<MissingPerson>> {
  return retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const stored = {
        name: input.name,
        age: input.age ?? null,
        sex: input.sex ?? null,
        description: input.description ?? null,
        last_seen_place: input.last_seen_place ?? null,
        last_seen_lat: input.last_seen_lat ?? null,
        last_seen_lon: input.last_seen_lon ?? null,
        last_seen_at: input.last_seen_at ? reportedTime(input.last_seen_at, tx.at, 'last_seen_at') : null,
        asked_by: JSON.stringify(input.asked_by),
      };
      const prior = await tx.db.selectFrom('missing_persons').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (isReplay('missing person', input.id, prior, stored)) return { record: view(prior!), created: false };
      const row = { id: input.id, ...stored, status: 'missing', victim_id: null, matched_at: null, family_told_at: null, family_told_note: null, created_by: actor.userId, created_at: tx.at, updated_at: tx.at };
      await tx.db.insertInto('missing_persons').values(row).execute();
      await tx.emit({ type: 'missing-person.registered', subjectType: 'missing-person', subjectId: input.id, data: eventData(row) });
      return { record: view(row), created: true };
    }),
  );
}

/** Cases, newest first. Precondition: limit 1-1000. */
export async function listMissingPersons(ctx: AppContext, filter: { status?: MissingPerson['status'] | undefined; limit: number }): Promise<MissingPerson[]> {
  let q = ctx.storage.db.selectFrom('missing_persons').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute()).map(view);
}

/** One case. Precondition: none (404 when absent). */
export async function getMissingPerson(ctx: AppContext, id: string): Promise<MissingPerson> {
  const row = await ctx.storage.db.selectFrom('missing_persons').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('missing person', id);
  return view(row);
}

/** Victims who may be this person, best first, each with the score of every clue. Ruled-out victims are left out. */
export async function matchCandidates(ctx: AppContext, id: string) {
  const mp = await getMissingPerson(ctx, id);
  const since = mp.last_seen_at ? new Date(Date.parse(mp.last_seen_at) - LOOK_BACK_MS) : new Date(ctx.now().getTime() - DEFAULT_WINDOW_MS);
  const rows = await ctx.storage.db
    .selectFrom('victims')
    .innerJoin('worksites', 'worksites.id', 'victims.worksite_id')
    .innerJoin('incidents', 'incidents.id', 'victims.incident_id')
    .select(['victims.id', 'victims.condition', 'victims.name', 'victims.age', 'victims.sex', 'victims.description', 'victims.found_at', 'victims.incident_id', 'victims.hospital_id'])
    .select(['worksites.lat as site_lat', 'worksites.lon as site_lon', 'incidents.lat', 'incidents.lon'])
    .where('victims.found_at', '>=', since.toISOString())
    .execute();
  const clues = { name: mp.name, age: mp.age, sex: mp.sex, lat: mp.last_seen_lat, lon: mp.last_seen_lon, lastSeenAt: mp.last_seen_at };
  return rows
    .map((v) => {
      const m = matchScore(clues, { name: v.name, age: v.age, sex: v.sex as 'female' | 'male' | null, lat: v.site_lat ?? v.lat, lon: v.site_lon ?? v.lon, foundAt: v.found_at });
      return { victim_id: v.id, score: m.score, parts: m.parts, excluded: m.excluded, condition: v.condition, name: v.name, age: v.age, sex: v.sex, description: v.description, found_at: v.found_at, incident_id: v.incident_id, hospital_id: v.hospital_id };
    })
    .filter((c) => c.excluded === null)
    .map(({ excluded: _x, ...c }) => c)
    .sort((a, b) => b.score - a.score || a.found_at.localeCompare(b.found_at))
    .slice(0, CANDIDATES);
}

/** Confirms that a victim is the missing person. The same victim again is a no-op; another victim is a 409. */
export async function confirmMatch(ctx: AppContext, actor: Actor, id: string, input: { victim_id: string; note?: string | undefined }): Promise<MissingPerson> {
  return inTransaction(ctx, actor, async (tx) => {
    const row = await lock(tx, ctx.storage.dialect, id);
    if (row.victim_id === input.victim_id) return view(row);
    if (row.victim_id) throw new ConflictError(`This case is already matched to victim ${row.victim_id}`, { missing_person_id: id, victim_id: row.victim_id });
    const victim = await tx.db.selectFrom('victims').select('id').where('id', '=', input.victim_id).executeTakeFirst();
    if (!victim) throw new NotFoundError('victim', input.victim_id);
    const next = { ...row, status: 'matched', victim_id: input.victim_id, matched_at: tx.at, updated_at: tx.at };
    await tx.db.updateTable('missing_persons').set({ status: next.status, victim_id: next.victim_id, matched_at: tx.at, updated_at: tx.at }).where('id', '=', id).execute();
    await tx.emit({ type: 'missing-person.matched', subjectType: 'missing-person', subjectId: id, data: { ...eventData(next), has_note: input.note !== undefined } });
    return view(next);
  });
}

/** Records that the family was told. Only after a match (409 before); telling again is a no-op. */
export async function recordFamilyTold(ctx: AppContext, actor: Actor, id: string, input: { at?: string | undefined; note?: string | undefined }): Promise<MissingPerson> {
  return inTransaction(ctx, actor, async (tx) => {
    const row = await lock(tx, ctx.storage.dialect, id);
    if (row.status === 'family-told') return view(row);
    if (!row.victim_id) throw new ConflictError('Confirm which victim this person is before recording that the family was told', { missing_person_id: id });
    const at = reportedTime(input.at, tx.at, 'at');
    const next = { ...row, status: 'family-told', family_told_at: at, family_told_note: input.note ?? null, updated_at: tx.at };
    await tx.db.updateTable('missing_persons').set({ status: next.status, family_told_at: at, family_told_note: next.family_told_note, updated_at: tx.at }).where('id', '=', id).execute();
    await tx.emit({ type: 'missing-person.family-told', subjectType: 'missing-person', subjectId: id, data: { ...eventData(next), at } });
    return view(next);
  });
}
