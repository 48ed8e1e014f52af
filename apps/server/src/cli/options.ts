import { ValidationError } from '@civdef/core';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig, type Config } from '../config.js';

/** Adds the options every command that opens storage shares. */
export function withStorageOptions(cmd: Command): Command {
  return cmd
    .option('-d, --data-dir <dir>', 'data folder for SQLite and keys (env CIVDEF_DATA_DIR)', undefined)
    .addHelpText('after', '\nSet DATABASE_URL=postgres://... to use PostgreSQL instead of SQLite.');
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number 0-65535');
  return n;
}

/** The config from the environment with this command's flags on top. */
export function configFrom(opts: { dataDir?: string; port?: number; host?: string; demo?: boolean }, overrides: Partial<Config> = {}): Config {
  if (opts.host !== undefined && !/^[\w.:-]+$/.test(opts.host)) {
    throw new ValidationError([{ path: '--host', message: 'must be a host name or address' }], 'argument');
  }
  return loadConfig(process.env, {
    dataDir: opts.dataDir,
    port: opts.port,
    host: opts.host,
    ...(opts.demo === false ? { seedDemo: false } : {}),
    ...overrides,
  });
}
