import { resolve } from 'node:path';
import { ValidationError } from '@civdef/core';
import { z } from 'zod';
import { fieldIssues } from './http/validate.js';

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
  };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (config as unknown as Record<string, unknown>)[k] = v;
  if (overrides.dataDir) config.dataDir = resolve(overrides.dataDir);
  return config;
}
