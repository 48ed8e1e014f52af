import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { ROUTES } from '../routes/index.js';
import type { ServerDeps } from './deps.js';
import { buildOpenApi } from './openapi.js';
import { toProblem } from './problem.js';
import { registerRoutes } from './register.js';
import { registerStatic } from './static.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const API_VERSION = '0.1.0';

/** Builds the HTTP app (not listening). Precondition: storage is migrated. */
export async function buildApp(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.ctx.log as unknown as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind no proxy by default; ids for log correlation come from us.
    requestIdHeader: false,
  });
  // Fastify parses text/plain by default; this is a JSON API, so such a body gets 415, not a confusing 422.
  app.removeContentTypeParser('text/plain');
  // Media uploads stream to disk: the body is handed over unread, so no size limit applies in memory.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

  const document = buildOpenApi(ROUTES, API_VERSION);
  app.get('/openapi.json', async () => document);
  await app.register(swagger, { mode: 'static', specification: { document: document as never } });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((err, request, reply) => {
    const { problem, headers, internal } = toProblem(err);
    if (internal) request.log.error({ err }, 'request failed');
    else request.log.info({ status: problem.status, type: problem.type }, problem.detail);
    void reply.code(problem.status).headers(headers).type('application/problem+json').send({ ...problem, instance: request.url.split('?')[0] });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type('application/problem+json')
      .send({ type: 'urn:civdef:problem:no-route', title: 'Not found', status: 404, detail: `No route ${request.method} ${request.url.split('?')[0]}`, instance: request.url.split('?')[0] });
  });

  registerRoutes(app, ROUTES, deps);
  // Open alert streams would keep close() waiting for ever: end them first (their clients reconnect).
  app.addHook('preClose', async () => deps.delivery.disconnectSubscribers());
  registerStatic(app);
  return app;
}
