// The early-warning commands: replay sightings offline through the warning engine, and fly a simulated raid
// over the demo city to measure it. Neither needs the database, so their actions load the warning engine and
// the router themselves (not serverModules()), and --help and usage errors load neither.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CivdefError, sightingSchemaAt, type SightingCreate } from '@civdef/core';
import type { AlertDecision, Strike, ZoneSet } from '@civdef/warning';
import { InvalidArgumentError, type Command } from 'commander';

type Out = (line: string) => void;

/** An input file that cannot be used (exit 1): the message names the file and, where it can, the line. */
class BadFileError extends CivdefError {
  readonly code = 'bad-file';
}

const TICK_MS = 30_000;

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new BadFileError(`cannot read ${file} (${err.code ?? err.message})`);
  });
}

/** The line of a character offset, for JSON.parse's "at position N". */
const lineAt = (text: string, pos: number) => text.slice(0, pos).split('\n').length;

async function loadZones(file: string): Promise<ZoneSet> {
  const { parseZones, ZonesError } = await import('@civdef/warning');
  const text = await readText(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const pos = /position (\d+)/.exec((err as Error).message);
    throw new BadFileError(`${file}${pos ? ` line ${lineAt(text, Number(pos[1]))}` : ''}: not JSON (${(err as Error).message})`);
  }
  try {
    return parseZones(json);
  } catch (err) {
    if (err instanceof ZonesError) throw new BadFileError(`${file}: ${err.message.replace(/^zones: /, '')}`);
    throw err;
  }
}

/** Sightings from JSON Lines, each validated as the API would; the first bad line fails the whole replay. */
async function loadSightings(file: string, now: number): Promise<SightingCreate[]> {
  const schema = sightingSchemaAt(() => now);
  const out: SightingCreate[] = [];
  (await readText(file)).split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new BadFileError(`${file} line ${i + 1}: not JSON (${(err as Error).message})`);
    }
    const r = schema.safeParse(json);
    if (!r.success) {
      const why = r.error.issues.map((x) => (x.path.length ? `${x.path.join('.')}: ${x.message}` : x.message)).join('; ');
      throw new BadFileError(`${file} line ${i + 1}: ${why}`);
    }
    out.push(r.data);
  });
  if (!out.length) throw new BadFileError(`${file}: no sightings`);
  // Replay in the order they were seen (a stable sort keeps the file's order for equal times).
  return out.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

function decisionLine(d: AlertDecision, set: ZoneSet): string {
  const head = `${iso(d.time)}  ${d.action.padEnd(6)}  ${d.alertId}  ${d.aircraft}`;
  if (d.action === 'cancel') return `${head}  (${d.reason ?? 'ended'})`;
  const zones = d.zones.map((z) => `${set.zones[z.zone]!.name} ${Math.round(z.probability * 100)}% ${hhmm(z.earliest)}-${hhmm(z.latest)}`);
  return `${head}  ${zones.join(', ')}`;
}

function decisionJson(d: AlertDecision, set: ZoneSet): string {
  return JSON.stringify({
    time: new Date(d.time).toISOString(),
    action: d.action,
    alert_id: d.alertId,
    track_id: d.trackId,
    aircraft: d.aircraft,
    ...(d.reason ? { reason: d.reason } : {}),
    zones: d.zones.map((z) => {
      const zone = set.zones[z.zone]!;
      return {
        id: zone.id,
        name: zone.name,
        ...(zone.nameAr ? { name_ar: zone.nameAr } : {}),
        probability: Math.round(z.probability * 1000) / 1000,
        earliest: new Date(z.earliest).toISOString(),
        latest: new Date(z.latest).toISOString(),
      };
    }),
  });
}

function parseCount(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number ${min}-${max}`);
    return n;
  };
}

/** Adds forecast and simulate raid to the program. Precondition: program has exitOverride set. */
export function addWarningCommands(program: Command, out: Out): void {
  program
    .command('forecast')
    .description('Replay sightings offline through the warning engine and print every alert decision')
    .requiredOption('--zones <file.geojson>', 'zones: a GeoJSON FeatureCollection of Polygons and MultiPolygons')
    .requiredOption('--sightings <file.jsonl>', 'sightings, one JSON object a line, as POST /api/v1/sightings takes them')
    .option('--history <file.csv>', 'past strikes: date, latitude, longitude (+ time, kind, killed, injured)')
    .option('--json', 'one JSON object per decision')
    .addHelpText('after', '\nSightings replay in time order on their own timestamps; unreadable history rows are reported by line and skipped (exit 1 at the end).')
    .action(async (opts: { zones: string; sightings: string; history?: string; json?: boolean }) => {
      const { parseStrikeCsv, WarningEngine, buildPrior } = await import('@civdef/warning');
      const set = await loadZones(opts.zones);
      const sightings = await loadSightings(opts.sightings, Date.now());
      const start = Date.parse(sightings[0]!.time);
      let strikes: Strike[] = [];
      if (opts.history !== undefined) {
        const { rows, problems } = parseStrikeCsv(await readText(opts.history));
        for (const p of problems) process.stderr.write(`civdef: ${opts.history} line ${p.line}: ${p.reason}\n`);
        if (problems.length) process.exitCode = 1;
        strikes = rows;
      }
      const engine = new WarningEngine(set, buildPrior(set, strikes, { now: start }));
      const print = (ds: AlertDecision[]) => ds.forEach((d) => out(opts.json ? decisionJson(d, set) : decisionLine(d, set)));
      let next = start + TICK_MS;
      for (const s of sightings) {
        const t = Date.parse(s.time);
        for (; next < t; next += TICK_MS) print(engine.tick(next).decisions);
        print(engine.sighting(s).decisions);
      }
      // Run on until every track has ended (the longest silence an aircraft type is allowed, and a tick more).
      const end = Date.parse(sightings[sightings.length - 1]!.time) + 9 * 60_000;
      for (; next <= end; next += TICK_MS) print(engine.tick(next).decisions);
      if (!opts.json) out(`${sightings.length} sightings from ${basename(opts.sightings)} over ${set.zones.length} zones${opts.history ? `, ${strikes.length} past strikes` : ''}.`);
    });

  const simulate = program.command('simulate').description('Simulations that measure civdef');
  simulate
    .command('raid')
    .description('Fly a simulated raid over the demo city with noisy spotters and score the early warnings')
    .option('--seed <n>', 'raid seed; the same seed gives the same raid (default 1)', parseCount(0, 2 ** 31))
    .option('--strikes <n>', 'strikes to fly (default 200)', parseCount(1, 2000))
    .option('--nodes <n>', 'demo city size in road nodes (env CIVDEF_DEMO_CITY_NODES, default 30000)', parseCount(2000, 2_000_000))
    .option('--json', 'print the figures as JSON')
    .addHelpText('after', '\nStrikes are drawn from the prior (a made-up history of the demo city) with noise, never from the forecast.')
    .action(async (opts: { seed?: number; strikes?: number; nodes?: number; json?: boolean }) => {
      const { parseZones, syntheticHistory, Prng, buildPrior, simulateRaid } = await import('@civdef/warning');
      const { generateDemoCity } = await import('@civdef/router');
      const seed = opts.seed ?? 1;
      const envNodes = Number(process.env.CIVDEF_DEMO_CITY_NODES);
      const nodes = opts.nodes ?? (Number.isInteger(envNodes) && envNodes >= 2000 ? envNodes : 30_000);
      const zones = parseZones(generateDemoCity({ seed: 1, targetNodes: nodes }).zones);
      const start = Date.UTC(2026, 0, 1, 6);
      // The history is the raid's own: a year of strikes before it, from a generator seeded by the raid's seed.
      const history = syntheticHistory(zones, new Prng(seed * 7919 + 1), { end: start - 86_400_000 });
      const prior = buildPrior(zones, history, { now: start });
      const r = simulateRaid({ zones, prior, seed, strikes: opts.strikes ?? 200, start });
      const { decisions: _d, advisories, ...figures } = r;
      if (opts.json) {
        out(JSON.stringify({ ...figures, advisories: advisories.length, zones: zones.zones.length }));
        return;
      }
      const pct = (x: number) => `${Math.round(x * 100)}%`;
      const min = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} min` : 'n/a');
      out(`Raid over the demo city (${zones.zones.length} zones), seed ${seed}: ${r.strikes} strikes from ${r.sorties} sorties, ${r.sightings} sightings, ${r.alerts} alerts.`);
      out(`Hit rate: ${pct(r.hitRate)} (${r.hits} of ${r.strikes} strikes inside a zone warned before impact).`);
      out(`Lead time: median ${min(r.visible5MedianLeadMin)} over the ${r.visible5} strikes whose aircraft a spotter saw 5 min or more before impact (a miss counts 0), ${pct(r.visible5ShareLead5)} of them warned 5 min or more ahead; median ${min(r.medianLeadMin)} over all ${r.hits} hits.`);
      out(`Zones per alert: ${r.zonesPerMessage.toFixed(2)} per message (issue or update); ${r.zonesPerAlert.toFixed(1)} named over an alert's life.`);
      out(`False alarms: ${r.falseAlarmKm2PerAlert.toFixed(1)} km² per alert of warned zones where no strike fell (${pct(r.falseAlarmShare)} of zone warnings).`);
      out(`Double taps: ${r.doubleTaps}, of which ${r.doubleTapsAdvised} fell inside an advisory raised before them.`);
      for (const [type, t] of Object.entries(r.byType)) {
        out(`  ${type}: ${t.strikes} strikes, hit rate ${pct(t.hitRate)}; seen 5 min out ${t.visible5}, median lead ${min(t.visible5MedianLeadMin)}, ${pct(t.visible5ShareLead5)} warned 5 min ahead; median ${min(t.medianLeadMin)} over hits.`);
      }
    });
}
