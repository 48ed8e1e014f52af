import { CivdefError, ValidationError } from '@civdef/core';
import { MigrationError } from '../db/migration-error.js';

/** Exit codes: 1 for a refused or failed operation, 2 for bad usage. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

// Failures to reach or open the database; pg's codes: 3D000 no such database, 28000/28P01 login refused.
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);
const REFUSED = new Set(['3D000', '28000', '28P01']);

type Coded = { code?: unknown; message?: string; cause?: unknown; errors?: Array<{ message?: string }> };

/** The first error in the cause chain carrying a code: migrations wrap a failure to connect. */
function codedCause(err: unknown): (Coded & { code: string }) | undefined {
  let e = err as Coded | undefined;
  for (let depth = 0; e && depth < 5; depth++, e = e.cause as Coded | undefined) {
    if (typeof e.code === 'string') return e as Coded & { code: string };
  }
  return undefined;
}

/** An AggregateError (several addresses tried) has an empty message of its own. */
const messageOf = (e: Coded) => e.message || (e.errors ?? []).map((x) => x.message).join('; ') || String(e.code);

/** One line for a person, and the exit code, for anything a command throws. */
export function describeFailure(err: unknown): { line: string; code: number } {
  if (err instanceof ValidationError && err.where === 'argument') return { line: err.message, code: EXIT_USAGE };
  const c = codedCause(err);
  if (c && UNREACHABLE.has(c.code)) return { line: `cannot reach the database: ${messageOf(c)}`, code: EXIT_FAILURE };
  if (c && REFUSED.has(c.code)) return { line: `cannot open the database: ${messageOf(c)}`, code: EXIT_FAILURE };
  if (c?.code === 'EADDRINUSE') return { line: `the port is already in use (${messageOf(c)}); choose another with --port`, code: EXIT_FAILURE };
  if (c?.code === 'EACCES') return { line: `permission denied: ${messageOf(c)}`, code: EXIT_FAILURE };
  if (err instanceof CivdefError || err instanceof MigrationError) return { line: err.message, code: EXIT_FAILURE };
  const e = err as Coded | undefined;
  return { line: `unexpected failure: ${e?.message ?? String(err)}`, code: EXIT_FAILURE };
}
