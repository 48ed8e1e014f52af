import { z } from 'zod';
import { IsoTime, Name, Ulid } from './common.js';

// Alert delivery: the public alert stream's zone list, and the webhooks that relays receive alerts through.

/** A zone id as zones are named (GeoJSON ids, hex-<col>-<row>): no spaces, commas, < or &. */
export const ZoneId = z.string().regex(/^[^\s,<&\p{Cc}]{1,100}$/u, 'must be 1-100 characters without spaces, commas, < or &');

export const MAX_STREAM_ZONES = 32;

/** `zones=id1,id2`: the zones a public alert subscriber listens to; at least one, at most MAX_STREAM_ZONES, duplicates folded. */
export const ZoneList = z
  .string()
  .max(MAX_STREAM_ZONES * 101, `must list at most ${MAX_STREAM_ZONES} zones`)
  .transform((s, ctx) => {
    const ids = [...new Set(s.split(','))];
    if (ids.length > MAX_STREAM_ZONES) {
      ctx.addIssue({ code: 'custom', message: `must list at most ${MAX_STREAM_ZONES} zones, got ${ids.length}` });
      return z.NEVER;
    }
    for (const id of ids) {
      if (!ZoneId.safeParse(id).success) {
        ctx.addIssue({ code: 'custom', message: `zone id ${JSON.stringify(id.slice(0, 40))} must be 1-100 characters without spaces, commas, < or &` });
        return z.NEVER;
      }
    }
    return ids;
  })
  .meta({ description: `Comma-separated zone ids (1-${MAX_STREAM_ZONES})`, example: 'hex-3-4,old-town' });

/** An http(s) URL a relay receives alerts at; no credentials in it (the shared secret signs instead). */
export const WebhookUrl = z
  .string()
  .max(2000, 'must be at most 2000 characters')
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL without a user name or password');

export const WebhookCreate = z.strictObject({
  id: Ulid,
  name: Name,
  url: WebhookUrl,
});
export type WebhookCreate = z.infer<typeof WebhookCreate>;

export const WebhookStats = z.strictObject({
  pending: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int().meta({ description: 'Deliveries given up after the last retry' }),
  last_failure: z.string().nullable().meta({ description: 'Why the latest given-up delivery failed' }),
});

export const Webhook = z
  .strictObject({
    id: Ulid,
    name: z.string(),
    url: z.string(),
    created_by: z.string(),
    created_at: IsoTime,
    deleted_at: IsoTime.nullable(),
    deliveries: WebhookStats,
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof Webhook>;

export const WebhookCreated = Webhook.extend({
  secret: z.string().nullable().meta({
    description:
      'The HMAC-SHA256 key for X-Civdef-Signature, shown in the answer that creates the webhook only (null when a retry replays it)',
  }),
}).meta({ id: 'WebhookCreated' });
export type WebhookCreated = z.infer<typeof WebhookCreated>;
