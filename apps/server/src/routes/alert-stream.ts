import { EventSeq, RateLimitedError, ValidationError, ZoneList } from '@civdef/core';
import { z } from 'zod';
import { defineRoute } from '../http/route.js';

// A full stream asks the client to come back after this long.
const FULL_RETRY_S = 30;

export const alertStreamRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/alerts/stream',
    tag: 'alerts',
    summary: 'Public live alerts for some zones (Server-Sent Events)',
    description:
      'No account needed and nothing about the subscriber is kept or logged. On connect: the latest event of each alert in force ' +
      'that names one of the zones; then every `alert.issued`, `alert.updated` and `alert.cancelled` event that names one of them ' +
      '(before or after the change), with `id:` = its seq. Reconnect with `Last-Event-ID` to be sent exactly what was missed; when ' +
      'that is no longer held, an `event: reset` comes first and then the alerts in force. A comment line every 15 s keeps it open. ' +
      'A client that does not read fast enough is disconnected (and may reconnect).',
    roles: 'public',
    quiet: true,
    query: z.strictObject({ zones: ZoneList }),
    response: z.string(),
    raw: { contentType: 'text/event-stream' },
    async handler({ query, request, reply }, { delivery }) {
      const header = request.headers['last-event-id'];
      let lastEventId: number | undefined;
      if (typeof header === 'string' && header !== '') {
        const parsed = EventSeq.safeParse(header);
        if (!parsed.success) throw new ValidationError([{ path: 'Last-Event-ID', message: 'must be a non-negative integer seq' }], 'headers');
        lastEventId = parsed.data;
      }
      const stream = delivery.stream;
      if (stream.full()) throw new RateLimitedError(FULL_RETRY_S);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'access-control-allow-origin': '*',
      });
      res.flushHeaders();
      const socket = res.socket!;
      // Nagle would hold each small frame back for an ACK.
      socket.setNoDelay(true);
      // The frames are whole HTTP chunks, written to the socket itself: the same buffer for every subscriber.
      const sub = stream.subscribe({ write: (b) => socket.write(b), get writableLength() { return socket.writableLength; }, destroy: () => socket.destroy() }, query.zones, lastEventId);
      res.on('close', () => stream.hub.remove(sub));
      return { body: '' };
    },
  }),
];
