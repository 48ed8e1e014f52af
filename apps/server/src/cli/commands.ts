import { ROLES, ValidationError, type Role } from '@civdef/core';
import { Command, Option } from 'commander';
import type { InitResult } from '../bootstrap.js';
import { addEvidenceCommands } from './evidence-commands.js';
import { configFrom, parsePort, withStorageOptions } from './options.js';
import { serverModules } from './server-modules.js';
import { addReportCommands } from './report-commands.js';
import { addReplayCommands } from './replay-commands.js';
import { addRoadCommands } from './road-commands.js';
import { addZoneCommands } from './zone-commands.js';

type Out = (line: string) => void;

function reportInit(result: InitResult, out: Out): void {
  if (result.admin) {
    out('');
    out(`  Admin account created. Name: ${result.admin.name}   Password: ${result.admin.password}`);
    out('  This password is shown once and is not stored anywhere readable. Write it down now.');
    out('');
  }
  const d = result.demo;
  if (d.centres) out(`Demo organisation seeded: ${d.centres} centres, ${d.teams} teams, ${d.units} units, ${d.volunteers} volunteers.`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** The civdef command tree. `out` prints results for a person; errors propagate to main. */
export function buildProgram(out: Out): Command {
  // exitOverride and the output configuration must be set before any subcommand is added:
  // subcommands copy them when created. Without it a subcommand's usage error exits 1 from inside commander.
  const program = new Command('civdef')
    .description('civdef: operations system for a civil-defence rescue service')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // One line: "civdef: unknown option '--x' (run with --help for usage)".
      outputError: (s, write) => write(`civdef: ${s.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')} (run with --help for usage)\n`),
    });

  withStorageOptions(
    program
      .command('serve')
      .description('Start the API server (migrates, creates the admin on first run, seeds the demo unless --no-demo)')
      .option('-p, --port <port>', 'port to listen on (env CIVDEF_PORT, default 8080)', parsePort)
      .option('-H, --host <host>', 'address to listen on (env CIVDEF_HOST, default 127.0.0.1)')
      .option('--no-demo', 'do not seed the demo organisation (env CIVDEF_DEMO=0)'),
  ).action(async (opts) => {
    const config = configFrom(opts);
    const { openRuntime, initialise, listen } = await serverModules();
    const runtime = await openRuntime(config);
    reportInit(await initialise(runtime.ctx, config), out);
    const { app, url } = await listen(runtime);
    const stop = async () => {
      await app.close();
      await runtime.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    // Announce only once a stop signal is handled: whoever waits for this line may stop us at once.
    out(`civdef is serving on ${url}  (API docs: ${url}/docs, storage: ${runtime.ctx.storage.location})`);
  });

  withStorageOptions(
    program
      .command('init')
      .description('Create the data folder and schema, the admin account (password shown once) and the demo organisation')
      .option('--no-demo', 'do not seed the demo organisation'),
  ).action(async (opts) => {
    const config = configFrom(opts, { logLevel: 'warn' });
    const { openRuntime, initialise } = await serverModules();
    const runtime = await openRuntime(config);
    try {
      const result = await initialise(runtime.ctx, config);
      reportInit(result, out);
      if (!result.admin && !result.demo.centres) out('Already initialised; nothing to do.');
    } finally {
      await runtime.close();
    }
  });

  withStorageOptions(program.command('migrate').description('Bring the database schema up to date')).action(async (opts) => {
    const config = configFrom(opts, { logLevel: 'warn' });
    const { openStorage, migrateToLatest } = await serverModules();
    const storage = openStorage(config);
    try {
      const applied = await migrateToLatest(storage);
      out(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
    } finally {
      await storage.close();
    }
  });

  const user = program.command('user').description('Manage accounts');
  withStorageOptions(
    user
      .command('add')
      .description('Create an account; prints a generated password once')
      .argument('<name>', 'login name: 2-60 letters, digits, or . _ -')
      .addOption(new Option('-r, --role <role>', 'the account role').choices(ROLES).makeOptionMandatory())
      .option('--password-stdin', 'read the password from standard input instead of generating one'),
  ).action(async (name: string, opts: { role: Role; passwordStdin?: boolean; dataDir?: string }) => {
    if (!/^[\p{L}\p{N}._-]{2,60}$/u.test(name)) {
      throw new ValidationError([{ path: 'name', message: 'must be 2-60 letters, digits, or . _ -' }], 'argument');
    }
    let password: string | undefined;
    if (opts.passwordStdin) {
      password = await readStdin();
      if (password.length < 12) throw new ValidationError([{ path: 'password', message: 'must be at least 12 characters' }], 'argument');
    }
    const config = configFrom(opts, { logLevel: 'warn' });
    const { openRuntime, createUser, SYSTEM_ACTOR } = await serverModules();
    const runtime = await openRuntime(config);
    try {
      const created = await createUser(runtime.ctx, SYSTEM_ACTOR, { name, role: opts.role, ...(password ? { password } : {}) });
      out(`Created ${opts.role} ${name} (${created.user.id}).`);
      if (!password) out(`Password (shown once): ${created.password}`);
    } finally {
      await runtime.close();
    }
  });
  withStorageOptions(user.command('list').description('List accounts')).action(async (opts) => {
    const { openRuntime, listUsers } = await serverModules();
    const runtime = await openRuntime(configFrom(opts, { logLevel: 'warn' }));
    try {
      for (const u of await listUsers(runtime.ctx)) out(`${u.name}\t${u.role}\t${u.id}${u.disabled_at ? '\tdisabled' : ''}`);
    } finally {
      await runtime.close();
    }
  });

  addRoadCommands(program, out);
  addReportCommands(program, out);
  addEvidenceCommands(program, out);
  addZoneCommands(program, out);
  addReplayCommands(program, out);
  return program;
}
