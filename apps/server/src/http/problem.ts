import {
  AuthenticationError,
  CivdefError,
  ConflictError,
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  RateLimitedError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldIssue,
} from '@civdef/core';
import { EvidenceError } from '@civdef/evidence';
import { GraphFileError, NoRoadNearbyError, OsmFileError, OsmFormatError } from '@civdef/router';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

export interface ProblemReply {
  problem: Problem;
  headers: Record<string, string>;
  /** True for our own fault (5xx): log it in full. */
  internal: boolean;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  // Extension members first: a detail named like a standard member (a conflict's `status`) must not replace it.
  return { ...extra, type: `urn:civdef:problem:${code}`, title: TITLES[status] ?? 'Error', status, detail };
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Maps any thrown value to RFC 9457 problem details. The only place errors become HTTP. */
export function toProblem(err: unknown): ProblemReply {
  const reply = (p: Problem, headers: Record<string, string> = {}): ProblemReply => ({ problem: p, headers, internal: p.status >= 500 });
  if (err instanceof CivdefError) {
    if (err instanceof ValidationError) return reply(problem(422, err.code, err.message, { errors: err.issues }));
    if (err instanceof NotFoundError) return reply(problem(404, err.code, err.message, { entity: err.entity, id: err.id }));
    if (err instanceof IllegalTransitionError)
      return reply(problem(409, err.code, err.message, { entity: err.entity, id: err.id, from: err.from, to: err.to, allowed: err.allowed }));
    if (err instanceof ConflictError) return reply(problem(409, err.code, err.message, err.details));
    if (err instanceof AuthenticationError) return reply(problem(401, err.code, err.message), { 'www-authenticate': 'Bearer' });
    if (err instanceof ForbiddenError) return reply(problem(403, err.code, err.message, { allowed_roles: err.allowed }));
    // The router's errors: a point off the map is the caller's to fix; a graph file that cannot be loaded is ours.
    if (err instanceof NoRoadNearbyError) {
      return reply(problem(422, err.code, `${err.message}: give a point nearer a road`, { lat: err.lat, lon: err.lon, limit_m: err.limitM }));
    }
    if (err instanceof GraphFileError) return reply(problem(503, err.code, `The road network is not available: ${err.message}`));
    if (err instanceof OsmFormatError) return reply(problem(422, err.code, err.message, { byte_offset: err.byteOffset, block: err.block }));
    if (err instanceof OsmFileError) return reply(problem(422, err.code, err.message));
    // A proof asked of impossible sizes, a malformed note or a cosignature no witness key verifies.
    if (err instanceof EvidenceError) return reply(problem(422, err.code, err.message));
    if (err instanceof UnsupportedMediaTypeError) return reply(problem(415, err.code, err.message, { expected: err.expected }));
    if (err instanceof RateLimitedError)
      return reply(problem(429, err.code, err.message), { 'retry-after': String(err.retryAfterSeconds) });
  }
  const e = (err ?? {}) as FastifyLikeError;
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply(problem(400, 'malformed-json', `The body is not valid JSON: ${e.message ?? ''}`.trim()));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply(problem(413, 'too-large', 'The body is larger than the 1 MiB limit'));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply(problem(415, 'media-type', 'Send the body as application/json'));
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return reply(problem(400, 'bad-length', 'The Content-Length does not match the body'));
  }
  if (err instanceof SyntaxError || e.statusCode === 400) {
    return reply(problem(400, 'malformed-json', `The body is not valid JSON: ${e.message ?? ''}`.trim()));
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return reply(problem(e.statusCode, 'client-error', e.message ?? 'Bad request'));
  }
  return reply(problem(500, 'internal', 'Something went wrong on our side; it has been logged. Nothing was saved.'));
}
