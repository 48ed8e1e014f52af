// Storing a sighting with its event, once: the same id again is a replay (nothing written), the same id
// with other content a conflict.
import type { Sighting, SightingCreate } from '@civdef/core';
import type { Selectable } from 'kysely';
import type { SightingsTable } from '../db/schema.js';
import type { Actor } from '../services/context.js';
import { isReplay } from '../services/replay.js';
import type { Tx } from '../services/transaction.js';

/** A stored row as the API answers it. Precondition: data holds a validated sighting. */
export const sightingOf = (row: Selectable<SightingsTable>): Sighting => ({
  ...(JSON.parse(row.data) as SightingCreate),
  received_at: row.received_at,
  reported_by: row.reported_by,
});

/**
 * Stores a valid sighting and emits sighting.reported, or finds it stored already. Precondition: s passed the
 * sighting schema; receivedAt is an ISO UTC time.
 */
export async function storeSighting(tx: Tx, actor: Actor, s: SightingCreate, receivedAt: string): Promise<{ record: Sighting; created: boolean }> {
  const data = JSON.stringify(s);
  const stored = await tx.db.selectFrom('sightings').selectAll().where('id', '=', s.id).executeTakeFirst();
  const before = stored && (JSON.parse(stored.data) as Record<string, unknown>);
  // Every field either one has: a field dropped from the resent sighting is a difference too.
  const expected = { ...Object.fromEntries(Object.keys(before ?? {}).map((k) => [k, undefined])), ...s };
  if (isReplay('sighting', s.id, before, expected)) return { record: sightingOf(stored!), created: false };
  const row = { id: s.id, time: new Date(s.time).toISOString(), received_at: receivedAt, aircraft: s.aircraft, data, reported_by: actor.userId };
  await tx.db.insertInto('sightings').values(row).execute();
  await tx.emit({ type: 'sighting.reported', subjectType: 'sighting', subjectId: s.id, data: { ...s } });
  return { record: sightingOf(row), created: true };
}
