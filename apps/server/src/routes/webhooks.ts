import { ADMIN, Ulid, Webhook, WebhookCreate, WebhookCreated } from '@civdef/core';
import { z } from 'zod';
import { createWebhook, deleteWebhook, listWebhooks } from '../delivery/webhooks.js';
import { createdReply, defineRoute } from '../http/route.js';

export const webhookRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/webhooks',
    tag: 'alerts',
    summary: 'Add a relay that receives every alert event by webhook',
    description:
      'The answer holds the relay\'s signing secret, shown this once. Each alert event is POSTed as JSON with a link to its CAP 1.2 ' +
      'message, signed with HMAC-SHA256 over the body (`X-Civdef-Signature: sha256=<hex>`; `X-Civdef-Timestamp` and the body\'s ' +
      '`delivery.sent_at` give the send time), and retried with exponential backoff until a 2xx answer or the retry limit.',
    roles: ADMIN,
    body: WebhookCreate,
    response: WebhookCreated,
    status: 201,
    secretInResponse: true,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await createWebhook(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/webhooks',
    tag: 'alerts',
    summary: 'The relays configured, with their delivery counts',
    roles: ADMIN,
    response: z.object({ items: z.array(Webhook) }),
    async handler(_req, { ctx }) {
      return { body: { items: await listWebhooks(ctx) } };
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/webhooks/:id',
    tag: 'alerts',
    summary: 'Remove a relay: nothing more is sent to it (removing one already removed returns it unchanged)',
    roles: ADMIN,
    params: z.strictObject({ id: Ulid }),
    response: Webhook,
    async handler({ params, actor }, { ctx }) {
      return { body: await deleteWebhook(ctx, actor, params.id) };
    },
  }),
];
