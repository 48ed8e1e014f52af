// Named errors with structured fields. Only the server maps them to HTTP (RFC 9457); the CLI to exit codes.

export interface FieldIssue {
  /** Dotted path of the offending field, '' for the whole input. */
  path: string;
  message: string;
}

export abstract class CivdefError extends Error {
  abstract readonly code: string;
  override get name(): string {
    return this.constructor.name;
  }
}

/** Input that does not fit its schema. */
export class ValidationError extends CivdefError {
  readonly code = 'validation';
  constructor(
    readonly issues: FieldIssue[],
    readonly where: 'body' | 'query' | 'params' | 'headers' | 'argument' = 'body',
  ) {
    super(`Invalid ${where}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
  }
}

export class NotFoundError extends CivdefError {
  readonly code = 'not-found';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`No ${entity} with id ${id}`);
  }
}

/** The request is well formed but clashes with the current state (a double booking, a reused id). */
export class ConflictError extends CivdefError {
  readonly code = 'conflict';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A status change the state machine does not allow. */
export class IllegalTransitionError extends CivdefError {
  readonly code = 'illegal-transition';
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly from: string,
    readonly to: string,
    readonly allowed: readonly string[],
    readonly hint?: string,
  ) {
    super(
      `${entity} ${id} cannot go from ${from} to ${to}; from ${from} it may go to ${
        allowed.length ? allowed.join(', ') : 'nothing'
      }${hint ? ` (${hint})` : ''}`,
    );
  }
}

export class AuthenticationError extends CivdefError {
  readonly code = 'unauthenticated';
}

export class ForbiddenError extends CivdefError {
  readonly code = 'forbidden';
  constructor(
    readonly role: string,
    readonly allowed: readonly string[],
  ) {
    super(`Role ${role} may not do this; allowed roles: ${allowed.join(', ')}`);
  }
}

export class RateLimitedError extends CivdefError {
  readonly code = 'rate-limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts; try again in ${retryAfterSeconds} s`);
  }
}

/** A body sent as a content type the route does not take. */
export class UnsupportedMediaTypeError extends CivdefError {
  readonly code = 'media-type';
  constructor(
    readonly expected: string,
    readonly got: string | undefined,
  ) {
    super(`Send the body as ${expected}${got ? `, not ${got}` : ''}`);
  }
}
