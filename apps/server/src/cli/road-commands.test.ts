// The road commands as a person runs them: the real civdef process on a store of its own. The Krems tests
// read the shared OSM extract; they are skipped with a printed reason when it is absent, and fail with CI=true.
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newUlid } from '@civdef/core';
import { readGraphFile, sharedDataDir, sharedDataFile, twinsOf } from '@civdef/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphPath } from '../roads/paths.js';
import { openRuntime } from '../runtime.js';
import { createClosure } from '../services/closures.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import { freshCliStore, runCivdef, type CliStore } from '../test-support/cli-run.js';
import { testConfig } from '../test-support/harness.js';

const CI = process.env.CI === 'true';
const KREMS = sharedDataFile('osm/krems.osm.gz');
if (!KREMS && !CI) process.stderr.write(`[server] skipping Krems CLI tests: osm/krems.osm.gz not in ${sharedDataDir()}\n`);

const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');
const stores: CliStore[] = [];
afterAll(async () => {
  for (const s of stores.splice(0)) await s.cleanup();
});
async function store(): Promise<CliStore> {
  const s = await freshCliStore();
  stores.push(s);
  return s;
}

// Points in Krems: the old town, and a point south-east of the St. Pöltner Brücke over the Krems river.
const OLD_TOWN = '48.4105,15.6003';

/** Closes the St. Pöltner Brücke in the store's database, as the server would on a report. */
async function closeBridge(s: CliStore): Promise<void> {
  const runtime = await openRuntime(testConfig(s.dataDir, { databaseUrl: s.databaseUrl }));
  try {
    await createClosure(runtime.ctx, SYSTEM_ACTOR, { id: newUlid(), kind: 'closure', reason: 'crater', target: { street: 'St. Pöltner Brücke' } });
  } finally {
    await runtime.close();
  }
}
const ACROSS = '48.395,15.62';

describe.runIf(KREMS || CI)('import-osm on Krems', { timeout: 120_000 }, () => {
  let s: CliStore;
  beforeAll(async () => {
    if (!KREMS) throw new Error(`CI=true but osm/krems.osm.gz is missing from ${sharedDataDir()} (set CIVDEF_SHARED_DATA)`);
    s = await store();
    const r = await runCivdef(['import-osm', KREMS], s.env);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      expect.stringMatching(/^Imported krems\.osm\.gz \(vehicle\): \d+ nodes, \d+ directed edges from \d+ of 838 highway ways -> .*vehicle\.graph$/),
      expect.stringMatching(/^Imported krems\.osm\.gz \(foot\): \d+ nodes, /),
    ]);
    // Not a terminal: progress comes as percentage lines, ending at 100% for each profile.
    expect(lines(r.stderr).filter((l) => /^import (vehicle|foot): 100%$/.test(l))).toHaveLength(2);
    expect(lines(r.stderr).every((l) => /^import (vehicle|foot): \d+%$/.test(l)), r.stderr).toBe(true);
  });

  it('writes both graphs, which load with Krems in them', async () => {
    const { graph, profile, info } = await readGraphFile(graphPath(s.dataDir, 'vehicle'));
    expect(profile).toBe('vehicle');
    expect(info.source).toBe('krems.osm.gz');
    expect(graph.nodeCount).toBeGreaterThan(2500);
    expect(graph.latE7.every((lat) => lat > 48.35e7 && lat < 48.45e7)).toBe(true);
    expect((await readGraphFile(graphPath(s.dataDir, 'foot'))).profile).toBe('foot');
  });

  it('a corrupt or truncated file fails with one line naming the byte offset, and the previous graph stays', async () => {
    const path = graphPath(s.dataDir, 'vehicle');
    const before = readFileSync(path);
    const mtime = statSync(path).mtimeMs;
    const bytes = readFileSync(KREMS!);
    const truncated = join(s.dataDir, 'truncated.osm.gz');
    writeFileSync(truncated, bytes.subarray(0, 200_000));
    const damaged = join(s.dataDir, 'damaged.osm.gz');
    const copy = Buffer.from(bytes);
    copy.fill('x', 100_000, 100_050);
    writeFileSync(damaged, copy);
    for (const file of [truncated, damaged]) {
      const r = await runCivdef(['import-osm', file, '--profile', 'vehicle'], s.env);
      expect(r.code, r.stderr).toBe(1);
      const errors = lines(r.stderr).filter((l) => !/^import vehicle: \d+%$/.test(l));
      expect(errors, r.stderr).toEqual([expect.stringMatching(new RegExp(`^civdef: ${file}: invalid OSM data at byte \\d+`))]);
      expect(r.stdout).toBe('');
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(statSync(path).mtimeMs).toBe(mtime);
    }
  });

  it('route: one route in words and as JSON; across the closed bridge it is unreachable', async () => {
    const words = await runCivdef(['route', '--from', ACROSS, '--to', OLD_TOWN], s.env);
    expect(words.code, words.stderr).toBe(0);
    expect(words.stdout).toMatch(/^\d+\.\d min, \d+\.\d\d km via .*St\. Pöltner Brücke/);
    const json = await runCivdef(['route', '--from', ACROSS, '--to', OLD_TOWN, '--json'], s.env);
    const answer = JSON.parse(json.stdout) as { reachable: boolean; duration_s: number; geometry: { type: string } };
    expect(answer).toMatchObject({ reachable: true, geometry: { type: 'LineString' } });
    // A closure in the database (made by the server in real life) is in the very next CLI answer.
    await closeBridge(s);
    const cut = await runCivdef(['route', '--from', ACROSS, '--to', OLD_TOWN, '--json'], s.env);
    expect(JSON.parse(cut.stdout)).toMatchObject({ reachable: false });
    const said = await runCivdef(['route', '--from', ACROSS, '--to', OLD_TOWN], s.env);
    expect(said.stdout).toMatch(/^unreachable: No open road/);
  });

  it('route --batch: a row per input row, unreachable where cut off, bad rows named by line', async () => {
    const csv = join(s.dataDir, 'rows.csv');
    await closeBridge(s);
    // Row 3 crosses the closed bridge; row 5 is not numbers; row 6 is off the map.
    writeFileSync(csv, ['from_lat,from_lon,to_lat,to_lon', `48.41,15.65,${OLD_TOWN}`, `${ACROSS},${OLD_TOWN}`, `${OLD_TOWN},${OLD_TOWN}`, 'a,b,c,d', `${OLD_TOWN},10,10`, ''].join('\n'));
    const r = await runCivdef(['route', '--batch', csv], s.env);
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out[0]).toBe('duration_s,distance_m');
    expect(out.slice(1)).toEqual([expect.stringMatching(/^\d+(\.\d)?,\d+(\.\d)?$/), 'unreachable', '0,0', 'invalid', 'invalid']);
    expect(lines(r.stderr)).toEqual([
      `civdef: ${csv} line 5: every column must be a decimal number`,
      `civdef: ${csv} line 6: No road within 500 m of 10.000000,10.000000`,
    ]);
  });

  it('export-graph: the pgRouting edge table, one row per road segment, -1 where a direction cannot be driven', async () => {
    const out = join(s.dataDir, 'edges.csv');
    const r = await runCivdef(['export-graph', '--format', 'csv', out], s.env);
    expect(r.code, r.stderr).toBe(0);
    const rows = lines(readFileSync(out, 'utf8'));
    expect(rows[0]).toBe('id,source,target,cost_s,reverse_cost_s,length_m,x1,y1,x2,y2');
    const { graph } = await readGraphFile(graphPath(s.dataDir, 'vehicle'));
    const twins = twinsOf(graph);
    let segments = 0;
    for (let e = 0; e < graph.edgeCount; e++) if (twins[e]! < 0 || twins[e]! > e) segments++;
    expect(rows).toHaveLength(segments + 1);
    expect(r.stdout).toContain(`Wrote ${segments} road segments (${graph.edgeCount} directed edges, vehicle)`);
    const oneWay = rows.slice(1).map((l) => l.split(',')).filter((f) => f[4] === '-1');
    expect(oneWay.length).toBeGreaterThan(0);
    for (const f of rows.slice(1, 50).map((l) => l.split(','))) {
      expect(f).toHaveLength(10);
      expect(graph.targets[Number(f[0])]).toBe(Number(f[2]));
      expect(Number(f[3])).toBeCloseTo(graph.durationS[Number(f[0])]!, 2);
    }
  });

  it('demo-city refuses to replace the imported map unless --force', async () => {
    const r = await runCivdef(['demo-city'], s.env);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^civdef: .*vehicle\.graph holds an imported map; add --force/)]);
  });

  it('a graph file of an older format is refused with a message saying to import again', async () => {
    const old = await store();
    expect((await runCivdef(['demo-city', '--nodes', '2000'], old.env)).code).toBe(0);
    const foot = graphPath(old.dataDir, 'foot');
    const bytes = readFileSync(foot);
    bytes.writeUInt32LE(1, 8); // format version 1: Float64 coordinates, way id and name per edge
    writeFileSync(foot, bytes);
    const reimport = 'format version 1; this build reads version 2: import the map again \\(civdef import-osm FILE\\), or for the demo city run civdef demo-city --force';
    // Importing the other profile succeeds and says so.
    const r = await runCivdef(['import-osm', KREMS!, '--profile', 'vehicle'], old.env);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)[1]).toMatch(new RegExp(`^Note: Graph file .*foot\\.graph refused: ${reimport}$`));
    const route = await runCivdef(['route', '--from', OLD_TOWN, '--to', ACROSS, '--profile', 'foot'], old.env);
    expect(route.code).toBe(1);
    expect(lines(route.stderr)).toEqual([expect.stringMatching(new RegExp(`^civdef: Graph file .*foot\\.graph refused: ${reimport}$`))]);
  });
});

describe('demo-city and the demo map', { timeout: 120_000 }, () => {
  it('demo-city writes the graphs and the zones; the same seed gives the same city', async () => {
    const s = await store();
    const r = await runCivdef(['demo-city', '--seed', '7', '--nodes', '2000'], s.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Demo city \(seed 7\): \d+ nodes, \d+ directed edges, \d+ neighbourhoods\./);
    const zones = JSON.parse(readFileSync(join(s.dataDir, 'roads', 'zones.geojson'), 'utf8')) as { type: string; features: { geometry: { type: string } }[] };
    expect(zones.type).toBe('FeatureCollection');
    expect(zones.features.length).toBeGreaterThanOrEqual(30);
    expect(zones.features.every((f) => f.geometry.type === 'Polygon')).toBe(true);
    const first = readFileSync(graphPath(s.dataDir, 'vehicle'));
    copyFileSync(graphPath(s.dataDir, 'vehicle'), join(s.dataDir, 'first.graph'));
    expect((await runCivdef(['demo-city', '--seed', '7', '--nodes', '2000'], s.env)).code).toBe(0);
    // The file embeds its creation time, so compare the graphs, not the bytes.
    const [a, b] = [await readGraphFile(join(s.dataDir, 'first.graph')), await readGraphFile(graphPath(s.dataDir, 'vehicle'))];
    expect([...b.graph.latE7]).toEqual([...a.graph.latE7]);
    expect([...b.graph.targets]).toEqual([...a.graph.targets]);
    expect(first.length).toBeGreaterThan(0);
  });

  it('route with no map yet generates the demo city first; bad arguments are usage errors', async () => {
    const s = await store();
    const r = await runCivdef(['route', '--from', '36.2021,37.1399', '--to', '36.1956,37.155'], s.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d+(\.\d)? (min|s), \d/);
    expect(existsSync(graphPath(s.dataDir, 'vehicle'))).toBe(true);
    for (const args of [['route', '--from', '36.2'], ['route', '--from', '36.2,37.1'], ['route', '--batch', 'x.csv', '--from', '36.2,37.1'], ['export-graph', 'out.csv'], ['import-osm', 'x', '--profile', 'bike']]) {
      const bad = await runCivdef(args, s.env);
      expect(bad.code, `${args.join(' ')}: ${bad.stderr}`).toBe(2);
      expect(lines(bad.stderr), args.join(' ')).toHaveLength(1);
    }
  });
});
