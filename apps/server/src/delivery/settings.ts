import { ValidationError } from '@civdef/core';
import { z } from 'zod';
import { fieldIssues } from '../http/validate.js';

/** Where alerts go besides the public stream. */
export interface DeliverySettings {
  /** The MQTT broker for sirens; undefined = sirens off. */
  mqttUrl: string | undefined;
  /** Siren topics are `<prefix>/<zone id>`. */
  sirenTopicPrefix: string;
  /** The server's address as relays reach it (the CAP link in each webhook delivery); undefined = http://host:port. */
  publicUrl: string | undefined;
}

export const DEFAULT_DELIVERY: DeliverySettings = { mqttUrl: undefined, sirenTopicPrefix: 'civdef/sirens', publicUrl: undefined };

const Env = z.object({
  CIVDEF_MQTT_URL: z
    .string()
    .regex(/^(mqtts?|wss?|tcp|tls):\/\/[^\s]+$/, 'must be an mqtt://, mqtts://, ws:// or wss:// URL, e.g. mqtt://127.0.0.1:1883')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  CIVDEF_SIREN_TOPIC_PREFIX: z
    .string()
    .regex(/^[^#+\s]+[^#+\s/]$/, 'must be an MQTT topic without wildcards, spaces or a trailing /, e.g. civdef/sirens')
    .default(DEFAULT_DELIVERY.sirenTopicPrefix),
  CIVDEF_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL, e.g. https://civdef.example.org' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

/** Delivery settings from the environment. Throws ValidationError naming the bad variable. */
export function loadDeliverySettings(env: NodeJS.ProcessEnv): DeliverySettings {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error), 'argument');
  const e = parsed.data;
  return { mqttUrl: e.CIVDEF_MQTT_URL, sirenTopicPrefix: e.CIVDEF_SIREN_TOPIC_PREFIX, publicUrl: e.CIVDEF_PUBLIC_URL };
}
