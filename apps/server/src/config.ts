import { resolve } from 'node:path';
import { ValidationError } from '@civdef/core';
import { z } from 'zod';
import { loadDeliverySettings, type DeliverySettings } from './delivery/settings.js';
import { fieldIssues } from './http/validate.js';
import { DEFAULT_DISPATCH_SETTINGS as D, type DispatchSettings } from './dispatch/settings.js';

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  host: string;
  port: number;
  logLevel: string;
  sessionTtlSeconds: number;
  loginAttemptsPerMinute: number;
  seedDemo: boolean;
  /** Size of the demo city generated when no map has been imported (road nodes, about). */
  demoCityNodes: number;
  /** Farthest a point may be from a road and still be routed, metres. */
  maxSnapM: number;
  /** The evidence log's origin line; made at init when unset, then fixed for the life of the log. */
  evidenceOrigin: string | undefined;
  /** A new signed checkpoint at least this often while the log grows, seconds. */
  checkpointSeconds: number;
  /** ... or after this many new leaves, whichever comes first. */
  checkpointLeaves: number;
  /** Verifier keys (C2SP vkey, type 0x04) of witnesses whose cosignatures the log accepts. */
  witnessKeys: string[];
  /** Sirens over MQTT and the address relays are given; unset = the defaults (sirens off). */
  delivery?: DeliverySettings | undefined;
  /** Merging of reports and the double-tap hold after a strike. */
  dispatch: DispatchSettings;
  /** Sightings one spotter account may send per minute. */
  sightingsPerMinute: number;
  /** Minutes of stored sightings the warning engine replays when it is rebuilt (at start). */
  warningReplayMinutes: number;
}

const Env = z.object({
  CIVDEF_DATA_DIR: z.string().min(1).default('./civdef-data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  CIVDEF_HOST: z.string().min(1).default('127.0.0.1'),
  CIVDEF_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  CIVDEF_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CIVDEF_SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  CIVDEF_LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  CIVDEF_DEMO: z.enum(['0', '1']).default('1'),
  CIVDEF_DEMO_CITY_NODES: z.coerce.number().int().min(2000).max(2_000_000).default(30_000),
  CIVDEF_SNAP_MAX_M: z.coerce.number().positive().max(50_000).default(500),
  CIVDEF_EVIDENCE_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, 'must be one word without spaces or "+", e.g. civdef.example.org/aleppo')
    .optional(),
  CIVDEF_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(10),
  CIVDEF_CHECKPOINT_LEAVES: z.coerce.number().int().min(1).max(10_000_000).default(1000),
  CIVDEF_WITNESS_KEYS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((k) => k.trim()).filter(Boolean)),
  CIVDEF_MERGE_RADIUS_M: z.coerce.number().min(0).max(5000).default(D.merge.radiusM),
  CIVDEF_MERGE_MINUTES: z.coerce.number().min(0).max(24 * 60).default(D.merge.minutes),
  CIVDEF_DOUBLE_TAP_RADIUS_M: z.coerce.number().min(0).max(10_000).default(D.doubleTap.radiusM),
  CIVDEF_DOUBLE_TAP_MINUTES: z.coerce.number().min(0).max(24 * 60).default(D.doubleTap.minutes),
  CIVDEF_SIGHTINGS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  CIVDEF_WARNING_REPLAY_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
});

/** Settings from the environment, overridden by command-line flags. Throws ValidationError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error), 'argument');
  const e = parsed.data;
  const config: Config = {
    dataDir: resolve(e.CIVDEF_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    host: e.CIVDEF_HOST,
    port: e.CIVDEF_PORT,
    logLevel: e.CIVDEF_LOG_LEVEL,
    sessionTtlSeconds: Math.round(e.CIVDEF_SESSION_TTL_HOURS * 3600),
    loginAttemptsPerMinute: e.CIVDEF_LOGIN_ATTEMPTS_PER_MINUTE,
    seedDemo: e.CIVDEF_DEMO === '1',
    demoCityNodes: e.CIVDEF_DEMO_CITY_NODES,
    maxSnapM: e.CIVDEF_SNAP_MAX_M,
    evidenceOrigin: e.CIVDEF_EVIDENCE_ORIGIN,
    checkpointSeconds: e.CIVDEF_CHECKPOINT_SECONDS,
    checkpointLeaves: e.CIVDEF_CHECKPOINT_LEAVES,
    witnessKeys: e.CIVDEF_WITNESS_KEYS,
    delivery: loadDeliverySettings(env),
    dispatch: {
      merge: { radiusM: e.CIVDEF_MERGE_RADIUS_M, minutes: e.CIVDEF_MERGE_MINUTES },
      doubleTap: { radiusM: e.CIVDEF_DOUBLE_TAP_RADIUS_M, minutes: e.CIVDEF_DOUBLE_TAP_MINUTES },
    },
    sightingsPerMinute: e.CIVDEF_SIGHTINGS_PER_MINUTE,
    warningReplayMinutes: e.CIVDEF_WARNING_REPLAY_MINUTES,
  };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (config as unknown as Record<string, unknown>)[k] = v;
  if (overrides.dataDir) config.dataDir = resolve(overrides.dataDir);
  return config;
}
