import type { Role } from '@civdef/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { SessionUser } from '../services/accounts.js';
import type { Actor } from '../services/context.js';
import type { ServerDeps } from './deps.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The caller; null only on public routes called without a token. */
  user: SessionUser | null;
  actor: Actor;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteResult<R> {
  status?: number;
  body: R;
}

export interface RouteDef<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: HttpMethod;
  /** Fastify path, e.g. /api/v1/units/:id */
  url: string;
  summary: string;
  description?: string;
  tag: string;
  /** Who may call it. 'public' routes need no token. */
  roles: readonly Role[] | 'public';
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Status of a successful answer (default 200). */
  status?: number;
  /** The answer holds a secret shown once (a generated password): never stored for Idempotency-Key replays. */
  secretInResponse?: boolean;
  /** A POST that only answers a question too large for a query string (a route search): it writes nothing. */
  readOnly?: boolean;
  /** The body is raw bytes of this content type, handed to the handler unread as `request.body` (a stream). */
  binaryBody?: { contentType: string };
  /** Nothing about the caller is logged, not even the request line (public subscribers stay anonymous). */
  quiet?: boolean;
  /** The handler writes the reply itself (a stream); `response` then documents only. */
  raw?: { contentType: string };
  handler(req: RequestContext<z.output<P>, z.output<Q>, z.output<B>>, deps: ServerDeps): Promise<RouteResult<z.input<R>>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDef<any, any, any, any>;

/** The answer to a create with a client-made id: 201 when made now, 200 when it replays one already made. */
export function createdReply<T>(r: { record: T; created: boolean }): RouteResult<T> {
  return { status: r.created ? 201 : 200, body: r.record };
}

/** Identity, for type inference of a route's schemas in its handler. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  def: RouteDef<P, Q, B, R>,
): AnyRoute {
  return def as AnyRoute;
}
