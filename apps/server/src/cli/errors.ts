import { CivdefError, ValidationError } from '@civdef/core';
import { MigrationError } from '../db/migrate.js';

/** Exit codes: 1 for a refused or failed operation, 2 for bad usage. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** One line for a person, and the exit code, for anything a command throws. */
export function describeFailure(err: unknown): { line: string; code: number } {
  if (err instanceof ValidationError && err.where === 'argument') return { line: err.message, code: EXIT_USAGE };
  if (err instanceof CivdefError || err instanceof MigrationError) return { line: err.message, code: EXIT_FAILURE };
  const e = err as { code?: string; message?: string };
  if (e?.code === 'ECONNREFUSED') return { line: `cannot reach the database: ${e.message}`, code: EXIT_FAILURE };
  if (e?.code === 'EADDRINUSE') return { line: `the port is already in use (${e.message}); choose another with --port`, code: EXIT_FAILURE };
  if (e?.code === 'EACCES') return { line: `permission denied: ${e.message}`, code: EXIT_FAILURE };
  return { line: `unexpected failure: ${e?.message ?? String(err)}`, code: EXIT_FAILURE };
}
