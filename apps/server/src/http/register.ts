import { Readable } from 'node:stream';
import { AuthenticationError, ForbiddenError, UnsupportedMediaTypeError, ValidationError } from '@civdef/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate, type SessionUser } from '../services/accounts.js';
import type { ServerDeps } from './deps.js';
import { checkIdempotencyKey, withIdempotencyKey } from './idempotency.js';
import type { AnyRoute } from './route.js';
import { parseOrThrow } from './validate.js';

const NO_QUERY = z.strictObject({});
const NO_PARAMS = z.object({});
const DEVICE_ID = /^[\w.:-]{1,64}$/;

async function callerOf(request: FastifyRequest, deps: ServerDeps, required: boolean): Promise<SessionUser | null> {
  const header = request.headers.authorization;
  if (!header) {
    if (required) throw new AuthenticationError('Missing bearer token: log in with POST /api/v1/auth/login and send Authorization: Bearer <token>');
    return null;
  }
  // The scheme is case-insensitive (RFC 9110 §11.1); the token is not.
  const match = /^[Bb][Ee][Aa][Rr][Ee][Rr] ([\w-]{1,200})$/.exec(header);
  if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <token>"');
  return authenticate(deps.ctx, match[1]!);
}

function deviceOf(request: FastifyRequest): string | null {
  const raw = request.headers['x-device-id'];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !DEVICE_ID.test(raw)) {
    throw new ValidationError([{ path: 'X-Device-Id', message: 'must be 1-64 letters, digits, or . : _ -' }], 'headers');
  }
  return raw;
}

/** Registers every route with auth, role check, validation and idempotency in front of its handler. */
export function registerRoutes(app: FastifyInstance, routes: readonly AnyRoute[], deps: ServerDeps): void {
  for (const route of routes) {
    const isPublic = route.roles === 'public';
    const allowed = isPublic ? [] : (route.roles as readonly string[]);
    app.route({
      method: route.method,
      url: route.url,
      ...(route.quiet ? { logLevel: 'silent' } : {}),
      handler: async (request, reply) => {
        // Who first, then what: a caller who may not use the route learns nothing about its input.
        const user = await callerOf(request, deps, !isPublic);
        if (!isPublic && !allowed.includes(user!.role)) throw new ForbiddenError(user!.role, allowed);
        const deviceId = deviceOf(request);
        const params = parseOrThrow(route.params ?? NO_PARAMS, request.params, 'params');
        const query = parseOrThrow(route.query ?? NO_QUERY, request.query, 'query');
        let body: unknown;
        const isStream = request.body instanceof Readable;
        if (route.binaryBody) {
          if (!isStream) throw new UnsupportedMediaTypeError(route.binaryBody.contentType, request.headers['content-type']);
        } else if (isStream) throw new UnsupportedMediaTypeError('application/json', request.headers['content-type']);
        else if (route.body) body = parseOrThrow(route.body, request.body, 'body');
        else if (request.body !== undefined && request.body !== null && request.body !== '') {
          throw new ValidationError([{ path: '', message: 'this route takes no body' }], 'body');
        }
        const ctx = { params, query, body, user, actor: { userId: user?.id ?? 'anonymous', deviceId }, request, reply };
        const run = async () => {
          const result = await route.handler(ctx, deps);
          return { status: result.status ?? route.status ?? 200, body: result.body as unknown };
        };
        const keyHeader = request.headers['idempotency-key'];
        if (keyHeader !== undefined && route.secretInResponse) {
          throw new ValidationError(
            [{ path: 'Idempotency-Key', message: 'not accepted here: the answer holds a secret that is shown once and never stored' }],
            'headers',
          );
        }
        const result =
          typeof keyHeader === 'string' && user && route.method !== 'GET'
            ? await withIdempotencyKey(deps.ctx, user.id, checkIdempotencyKey(keyHeader), { method: route.method, path: request.url, body }, run)
            : await run();
        if (route.raw) return reply;
        return reply.code(result.status).send(result.body);
      },
    });
  }
}
