// civdef replay: historical strikes fed through dispatch as if live, with units answering at the router's
// travel times, and the response times each dispatch policy achieves. civdef demo-strikes: a made-up day of
// strikes on the loaded map to replay where no real history is at hand.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CivdefError } from '@civdef/core';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { POLICIES, type Policy } from '../replay/policies.js';
import type { ReplayResult } from '../replay/simulation.js';
import { configFrom, withStorageOptions } from './options.js';
import { serverModules } from './server-modules.js';

type Out = (line: string) => void;

class ReplayRefused extends CivdefError {
  readonly code = 'refused';
}

const REPLAY_ACTOR = { userId: 'replay', deviceId: null };

function parseSpeed(value: string): number {
  if (value === 'max') return Infinity;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1e6) throw new InvalidArgumentError('must be a number > 0 (replay seconds per second) or max');
  return n;
}

function parseCount(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`must be a whole number 1-${max}`);
    return n;
  };
}

const min = (s: number | null) => (s === null ? '-' : `${(s / 60).toFixed(1)} min`);

/** The figures as one block of text. Precondition: none. */
export function describeResult(r: ReplayResult, file: string): string[] {
  return [
    `replay of ${file}, policy ${r.policy}: ${r.calls} calls, ${r.incidents} incidents (${r.merged} merged into one already open)`,
    `response time, call to first unit on scene: median ${min(r.medianS)}, p90 ${min(r.p90S)}, mean ${min(r.meanS)} (${r.reached} reached, ${r.unreached} never reached)`,
  ];
}

/** Adds replay and demo-strikes to the program. Precondition: program has exitOverride set. */
export function addReplayCommands(program: Command, out: Out): void {
  withStorageOptions(
    program
      .command('replay')
      .description('Feed historical strikes through dispatch as if live and print the response times (median, p90)')
      .argument('<file.csv>', 'date, latitude, longitude (+ time, kind, killed, injured), as import-incidents reads')
      .addOption(new Option('--policy <policy>', 'how units are chosen').choices(POLICIES).default('road-time'))
      .option('--speed <n>', 'replay seconds per second, or max', parseSpeed, 60)
      .option('--on-scene-minutes <n>', 'how long a unit works on scene', parseCount(24 * 60), 30)
      .option('--rubble <n>', 'also close the streets within 150 m of n random road points (seeded by --seed)', parseCount(10_000))
      .option('--seed <n>', 'seed of the made-up rubble', parseCount(2 ** 31), 1)
      .option('--json', 'print the figures as JSON')
      .addHelpText(
        'after',
        '\nRuns in this process on a scratch database of its own (nothing enters the live record), with the data folder\'s road\n' +
          'graphs, the closures in force and the organisation\'s units (the demo organisation if there is none). Each call is\n' +
          'reported as an incident (merged like any report), the policy picks units, and each drives there at the router\'s\n' +
          'travel time, works on scene, and returns to its centre. Unreadable rows are named on stderr and skipped.',
      ),
  ).action(async (file: string, opts: { policy: Policy; speed: number; onSceneMinutes: number; rubble?: number; seed: number; json?: boolean; dataDir?: string }) => {
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new ReplayRefused(`cannot read ${file} (${err.code ?? err.message})`);
    });
    const { parseStrikeCsv, openReplayWorld, runReplay, callsOf } = await serverModules();
    const { rows, problems } = parseStrikeCsv(text);
    for (const p of problems) process.stderr.write(`civdef: ${basename(file)} line ${p.line}: ${p.reason}\n`);
    if (rows.length === 0) throw new ReplayRefused(`${basename(file)} holds no strike to replay`);
    const rubble = opts.rubble ? { count: opts.rubble, radiusM: 150, seed: opts.seed } : undefined;
    const world = await openReplayWorld(configFrom(opts, { logLevel: 'error' }), REPLAY_ACTOR, { rubble });
    try {
      process.stderr.write(`replaying ${rows.length} calls with ${world.units} units (${world.organisation} organisation, ${world.closures} closures), policy ${opts.policy}\n`);
      const result = await runReplay(world.ctx, callsOf(rows), {
        policy: opts.policy,
        speed: opts.speed,
        onSceneMinutes: opts.onSceneMinutes,
        actor: REPLAY_ACTOR,
        progress: opts.json ? undefined : (line) => process.stderr.write(`  ${line}\n`),
      });
      if (opts.json) out(JSON.stringify({ ...result, responseS: undefined, skipped_rows: problems.length }));
      else for (const line of describeResult(result, basename(file))) out(line);
      if (problems.length) process.exitCode = 1;
    } finally {
      await world.close();
    }
  });

  withStorageOptions(
    program
      .command('demo-strikes')
      .description('Write a made-up day of strikes on the loaded map as a CSV to replay')
      .argument('<out.csv>', 'the file to write')
      .option('--count <n>', 'strikes', parseCount(100_000), 60)
      .option('--hours <n>', 'spread over this many hours', parseCount(24 * 365), 24)
      .option('--seed <n>', 'the same seed gives the same strikes', parseCount(2 ** 31), 1),
  ).action(async (target: string, opts: { count: number; hours: number; seed: number; dataDir?: string }) => {
    const config = configFrom(opts, { logLevel: 'error' });
    const { loadRoadNetwork, createLogger, strikesCsv, demoStrikes } = await serverModules();
    const net = await loadRoadNetwork({ dataDir: config.dataDir, demoCityNodes: config.demoCityNodes, maxSnapM: config.maxSnapM }, createLogger('error'));
    await writeFile(target, strikesCsv(demoStrikes(net.primary().graph, opts)));
    out(`Wrote ${opts.count} strikes over ${opts.hours} h to ${target}`);
  });
}
