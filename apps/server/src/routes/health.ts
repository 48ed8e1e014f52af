import { sql } from 'kysely';
import { z } from 'zod';
import { defineRoute } from '../http/route.js';

const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.object({ dialect: z.enum(['sqlite', 'postgres']), ok: z.boolean(), latency_ms: z.number(), error: z.string().optional() }),
});

export const healthRoutes = [
  defineRoute({
    method: 'GET',
    url: '/healthz',
    tag: 'system',
    summary: "The server's and its database's health",
    roles: 'public',
    response: Health,
    async handler(_req, { ctx }) {
      const started = performance.now();
      try {
        await sql`select 1`.execute(ctx.storage.db);
        return { body: { status: 'ok' as const, database: { dialect: ctx.storage.dialect, ok: true, latency_ms: performance.now() - started } } };
      } catch (err) {
        ctx.log.error({ err }, 'health check: database unreachable');
        return {
          status: 503,
          body: {
            status: 'unavailable' as const,
            database: { dialect: ctx.storage.dialect, ok: false, latency_ms: performance.now() - started, error: 'database unreachable' },
          },
        };
      }
    },
  }),
];
