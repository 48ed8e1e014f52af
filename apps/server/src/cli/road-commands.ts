// The road commands: import a map, ask for routes (one, or a CSV of them), export the graph for another
// engine, write the demo city. Routes use the closures in the database; the rest need only the data folder.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import { CivdefError, ValidationError, type RoadProfile } from '@civdef/core';
import type { Profile } from '@civdef/router';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { graphPath, PROFILES } from '../roads/paths.js';
import { configFrom, withStorageOptions } from './options.js';
import { progressOn } from './progress.js';
import { serverModules } from './server-modules.js';

type Out = (line: string) => void;

/** A road command that will not do what was asked (exit 1): the reason is the message. */
class RefusedError extends CivdefError {
  readonly code = 'refused';
}

const profileOption = () => new Option('--profile <profile>', 'road graph: vehicle or foot').choices(PROFILES);

function parseLatLon(value: string): { lat: number; lon: number } {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value);
  const lat = Number(m?.[1]);
  const lon = Number(m?.[2]);
  if (!m || Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new InvalidArgumentError('must be LAT,LON in degrees, e.g. 36.2,37.15');
  return { lat, lon };
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31) throw new InvalidArgumentError('must be a whole number 0-2147483648');
  return n;
}

function parseNodes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2000 || n > 2_000_000) throw new InvalidArgumentError('must be a whole number 2000-2000000');
  return n;
}

const minutes = (s: number) => (s < 60 ? `${Math.round(s)} s` : `${(s / 60).toFixed(1)} min`);
const km = (m: number) => (m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(2)} km`);

/** Imports one profile of an OSM file into the data folder; the previous graph stays unless it succeeds. */
async function importProfile(file: string, profile: Profile, dataDir: string, out: Out): Promise<void> {
  const { importOsm, writeGraphFile } = await serverModules();
  const bar = progressOn(process.stderr, `import ${profile}`);
  let result;
  try {
    result = await importOsm(file, { profile, onProgress: (done, total) => bar.update(done, total) });
    bar.end(true);
  } catch (err) {
    bar.end(false);
    throw err;
  }
  const { graph, stats } = result;
  if (graph.nodeCount === 0) {
    throw new RefusedError(`${basename(file)} holds no road the ${profile} profile can use; the previous graph stays`);
  }
  const path = graphPath(dataDir, profile);
  await writeGraphFile(path, graph, profile, { source: basename(file), format: stats.format, kept_ways: stats.keptWays, highway_ways: stats.highwayWays });
  out(`Imported ${basename(file)} (${profile}): ${graph.nodeCount} nodes, ${graph.edgeCount} directed edges from ${stats.keptWays} of ${stats.highwayWays} highway ways -> ${path}`);
}

/** Adds import-osm, route, export-graph and demo-city to the program. Precondition: program has exitOverride set. */
export function addRoadCommands(program: Command, out: Out): void {
  withStorageOptions(
    program
      .command('import-osm')
      .description('Import an OpenStreetMap file (PBF, XML or gzip XML) as the road graph; both profiles unless --profile')
      .argument('<file>', 'the .osm.pbf, .osm or .osm.gz file')
      .addOption(profileOption())
      .addHelpText('after', '\nThe graph goes to <data-dir>/roads/<profile>.graph; a failed import leaves the previous one in place.\nA running server on the same data folder loads it in place at once, closures applied again.'),
  ).action(async (file: string, opts: { profile?: Profile; dataDir?: string }) => {
    const config = configFrom(opts, { logLevel: 'error' });
    const { readGraphFile, GraphFileError, isDemoGraph } = await serverModules();
    for (const profile of opts.profile ? [opts.profile] : PROFILES) await importProfile(file, profile, config.dataDir, out);
    const other = PROFILES.find((p) => opts.profile && p !== opts.profile);
    const path = other && graphPath(config.dataDir, other);
    // Vehicles on the imported map and teams on foot in the demo city would be answered on two different cities.
    if (!path || !existsSync(path)) return;
    // A graph of an older format is reported, not fatal: the import itself succeeded.
    const info = await readGraphFile(path).then(
      (g) => g.info,
      (err: unknown) => {
        if (!(err instanceof GraphFileError)) throw err;
        out(`Note: ${err.message}`);
        return null;
      },
    );
    if (info && isDemoGraph({ ...info })) {
      out(`Note: the ${other} graph is still the demo city's; import the same file with --profile ${other} too.`);
    }
  });

  withStorageOptions(
    program
      .command('route')
      .description('The fastest route between two points on the current roads (closures applied), or a CSV batch of them')
      .option('--from <lat,lon>', 'start, e.g. 36.2,37.15', parseLatLon)
      .option('--to <lat,lon>', 'destination', parseLatLon)
      .option('--batch <file.csv>', 'rows of from_lat,from_lon,to_lat,to_lon; writes duration_s,distance_m per row to stdout')
      .option('--json', 'print the answer as the API gives it')
      .addOption(profileOption().default('vehicle')),
  ).action(async (opts: { from?: { lat: number; lon: number }; to?: { lat: number; lon: number }; batch?: string; json?: boolean; profile: RoadProfile; dataDir?: string }) => {
    if (opts.batch ? opts.from || opts.to : !opts.from || !opts.to) {
      throw new ValidationError([{ path: 'route', message: 'give --from and --to, or --batch FILE.csv' }], 'argument');
    }
    const text = opts.batch === undefined ? '' : await readFile(opts.batch, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new RefusedError(`cannot read ${opts.batch} (${err.code ?? err.message})`);
    });
    const { openRuntime, routeBatch, snapPoint, routeAnswer, routeBetween } = await serverModules();
    // Only errors in the log: stdout carries the answer, which a script may parse.
    const runtime = await openRuntime(configFrom(opts, { logLevel: 'error' }));
    try {
      const g = (await runtime.ctx.roads.ready()).use(opts.profile, Date.now());
      if (opts.batch !== undefined) {
        const result = routeBatch(g, text);
        for (const line of result.lines) out(line);
        for (const p of result.problems) process.stderr.write(`civdef: ${opts.batch} ${p}\n`);
        if (result.problems.length) process.exitCode = 1;
        return;
      }
      const from = snapPoint(g, opts.from!.lat, opts.from!.lon);
      const to = snapPoint(g, opts.to!.lat, opts.to!.lon);
      const answer = routeAnswer(g, from, to, routeBetween(g.graph, g.weights, from, to));
      if (opts.json) out(JSON.stringify(answer));
      else if (!answer.reachable) out(`unreachable: ${answer.detail}`);
      else {
        const named = answer.streets.filter((s) => s.name).map((s) => s.name);
        out(`${minutes(answer.duration_s)}, ${km(answer.distance_m)}${named.length ? ` via ${named.join(', ')}` : ''}`);
      }
    } finally {
      await runtime.close();
    }
  });

  withStorageOptions(
    program
      .command('export-graph')
      .description("Write the road graph as pgRouting's edge table (base costs: closures not applied)")
      .argument('<out>', 'the CSV file to write')
      .addOption(new Option('--format <format>', 'output format').choices(['csv']).makeOptionMandatory())
      .addOption(profileOption().default('vehicle')),
  ).action(async (file: string, opts: { profile: Profile; dataDir?: string }) => {
    const config = configFrom(opts, { logLevel: 'error' });
    const { loadRoadNetwork, createLogger, EDGE_TABLE_HEADER, edgeTableRows } = await serverModules();
    const net = await loadRoadNetwork({ dataDir: config.dataDir, demoCityNodes: config.demoCityNodes, maxSnapM: config.maxSnapM }, createLogger('error'));
    const g = net.use(opts.profile, Date.now());
    const stream = createWriteStream(file);
    const failed = once(stream, 'error').then(([err]) => Promise.reject(err as Error));
    let rows = 0;
    const write = async (line: string) => {
      if (!stream.write(`${line}\n`)) await Promise.race([once(stream, 'drain'), failed]);
    };
    await write(EDGE_TABLE_HEADER);
    for (const row of edgeTableRows(g.graph)) {
      await write(row);
      rows++;
    }
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
    out(`Wrote ${rows} road segments (${g.graph.edgeCount} directed edges, ${opts.profile}) to ${file}`);
  });

  withStorageOptions(
    program
      .command('demo-city')
      .description('Generate the demo city (a made-up city of about 30,000 road nodes) into the data folder')
      .option('--seed <n>', 'generator seed; the same seed gives the same city (default 1)', parseSeed)
      .option('--nodes <n>', 'about how many road nodes (env CIVDEF_DEMO_CITY_NODES, default 30000)', parseNodes)
      .option('--force', 'replace an imported map'),
  ).action(async (opts: { seed?: number; nodes?: number; force?: boolean; dataDir?: string }) => {
    const config = configFrom(opts, { logLevel: 'error' });
    const { readGraphFile, isDemoGraph, writeDemoCity } = await serverModules();
    for (const p of PROFILES) {
      const path = graphPath(config.dataDir, p);
      if (!opts.force && existsSync(path) && !isDemoGraph({ ...(await readGraphFile(path)).info })) {
        throw new RefusedError(`${path} holds an imported map; add --force to replace it with the demo city`);
      }
    }
    const made = await writeDemoCity(config.dataDir, opts.seed ?? 1, opts.nodes ?? config.demoCityNodes);
    out(`Demo city (seed ${made.seed}): ${made.nodes} nodes, ${made.edges} directed edges, ${made.zones} neighbourhoods.`);
    for (const f of made.files) out(`  ${f}`);
  });
}
