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

/** True for a foreign-key violation on either dialect. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string } | undefined;
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
