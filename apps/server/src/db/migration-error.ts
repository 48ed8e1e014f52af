// In a module of its own, so that the CLI can recognise a failed migration without loading Kysely and the
// migrations when it only prints help or a usage error.

/** A migration that failed; the message names it and the cause. */
export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    override readonly cause: unknown,
  ) {
    super(`Migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
