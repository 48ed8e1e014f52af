import { DomainEvent, EventSeq, IsoTime, Limit, ValidationError, type Role } from '@civdef/core';
import { z } from 'zod';
import { eventFromRow } from '../events/event-row.js';
import { followEvents } from '../events/feed.js';
import { defineRoute } from '../http/route.js';

/** Who may read the audit trail: everyone but spotters, who only report. */
const READERS: readonly Role[] = ['admin', 'dispatcher', 'team-leader', 'documenter', 'viewer'];
const HEARTBEAT_MS = 15_000;

export const eventRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/events',
    tag: 'events',
    summary: 'The audit trail: domain events in log order',
    description: 'Page with `after` = the last `seq` seen; `next_after` is null on the last page.',
    roles: READERS,
    query: z.strictObject({
      subject_id: z.string().max(64).optional(),
      subject_type: z.string().max(32).optional(),
      type: z.string().max(64).optional(),
      since: IsoTime.optional(),
      until: IsoTime.optional(),
      after: EventSeq.optional(),
      limit: Limit,
    }),
    response: z.object({ items: z.array(DomainEvent), next_after: z.number().int().nullable() }),
    async handler({ query }, { ctx }) {
      let q = ctx.storage.db.selectFrom('events').selectAll();
      if (query.subject_id) q = q.where('subject_id', '=', query.subject_id);
      if (query.subject_type) q = q.where('subject_type', '=', query.subject_type);
      if (query.type) q = q.where('type', '=', query.type);
      if (query.since) q = q.where('at', '>=', new Date(query.since).toISOString());
      if (query.until) q = q.where('at', '<', new Date(query.until).toISOString());
      if (query.after !== undefined) q = q.where('seq', '>', query.after);
      const rows = await q.orderBy('seq').limit(query.limit).execute();
      const items = rows.map(eventFromRow);
      return { body: { items, next_after: items.length === query.limit ? items[items.length - 1]!.seq : null } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/stream',
    tag: 'events',
    summary: 'Live feed of new events (Server-Sent Events)',
    description:
      'Each event is sent with `id:` = its seq and `event:` = its type. Reconnect with `Last-Event-ID` (or `?after=`) to get every event missed, in order.',
    roles: READERS,
    query: z.strictObject({ after: EventSeq.optional() }),
    response: z.string(),
    raw: { contentType: 'text/event-stream' },
    async handler({ query, request, reply }, { ctx }) {
      const header = request.headers['last-event-id'];
      let after = query.after;
      if (typeof header === 'string' && header !== '') {
        const parsed = EventSeq.safeParse(header);
        if (!parsed.success) throw new ValidationError([{ path: 'Last-Event-ID', message: 'must be a non-negative integer seq' }], 'headers');
        after = parsed.data;
      }
      if (after === undefined) {
        // A new reader starts at the end of the log: it wants what happens from now on.
        const last = await ctx.storage.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
        after = Number(last?.seq ?? 0);
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 3000\n: resuming after ${after}\n\n`);
      const feed = followEvents(
        ctx,
        after,
        (e) => res.write(`id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`),
        (err) => {
          ctx.log.error({ err }, 'event stream: catch-up read failed');
          res.end();
        },
      );
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      res.on('close', () => {
        clearInterval(heartbeat);
        feed.stop();
      });
      return { body: '' };
    },
  }),
];
