import { ConflictError } from '@civdef/core';

/**
 * Decides what a create with a client-made id does when that id exists: the same request again is a replay
 * (returns true, nothing is written); different content under the same id is a conflict.
 * Precondition: `row` is the stored record with that id; `fields` are compared as JSON.
 */
export function isReplay(entity: string, id: string, row: object | undefined, expected: Record<string, unknown>): boolean {
  if (!row) return false;
  const stored = row as Record<string, unknown>;
  const differing = Object.keys(expected).filter((k) => JSON.stringify(stored[k] ?? null) !== JSON.stringify(expected[k] ?? null));
  if (differing.length) {
    throw new ConflictError(`The id ${id} is already used by a different ${entity} (differs in ${differing.join(', ')})`, { id, fields: differing });
  }
  return true;
}

/** True for a unique-constraint violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | undefined;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Runs a create once more when it lost a race on a unique key. On PostgreSQL two copies of one request can
 * be in flight at once (a phone retrying before the first answer came back): both see no row, and the
 * loser's insert fails. Its second run sees the winner's committed row, so it answers as a replay (or a
 * 409 for different content) instead of a 500. Precondition: `attempt` runs its own transaction.
 */
export async function retryOnUniqueViolation<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return attempt();
  }
}

/** True for a foreign-key violation on either dialect. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string } | undefined;
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
