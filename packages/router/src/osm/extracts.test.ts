// Imports of the real extracts in the shared data folder (see its osm/SOURCE.md). Skipped with a printed
// reason when the data is absent; with CI=true a missing file fails instead.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkGraph } from '../graph/file-format.js';
import { edgeWayId, nodeLat, nodeLon, type RoadGraph } from '../graph/graph.js';
import { OsmFormatError } from './errors.js';
import { importOsm } from './import.js';
import { OsmFile } from './osm-file.js';
import { sharedDataDir, sharedDataFile } from './shared-data.js';

interface Extract {
  file: string;
  /** Counts from SOURCE.md: all ways and nodes; ways with a highway tag and the distinct nodes they use. */
  ways: number;
  nodes: number;
  roadWays: number;
  roadNodes: number;
  /** Generous box around the extract [minLat, maxLat, minLon, maxLon]: a decoding slip lands far outside. */
  box: [number, number, number, number];
  /** Floor for the vehicle graph's node count (footways are not in it, so it is below roadNodes). */
  minVehicleNodes: number;
}

const EXTRACTS: Extract[] = [
  { file: 'osm/monaco.osm.pbf', ways: 27_377, nodes: 180_118, roadWays: 2_927, roadNodes: 26_088, box: [43.7, 43.8, 7.3, 7.55], minVehicleNodes: 10_000 },
  { file: 'osm/andorra.osm.pbf', ways: 2_725, nodes: 69_644, roadWays: 1_615, roadNodes: 38_556, box: [42.4, 42.7, 1.35, 1.8], minVehicleNodes: 15_000 },
  { file: 'osm/krems.osm.gz', ways: 2_402, nodes: 15_042, roadWays: 838, roadNodes: 4_631, box: [48.35, 48.45, 15.55, 15.75], minVehicleNodes: 2_500 },
];

const CI = process.env.CI === 'true';

/** The file's path; in CI a missing file is an error, elsewhere the suite was skipped before getting here. */
function pathOf(x: Extract): string {
  const path = sharedDataFile(x.file);
  if (!path) throw new Error(`CI=true but ${x.file} is missing from ${sharedDataDir()} (set CIVDEF_SHARED_DATA)`);
  return path;
}

const absent = EXTRACTS.filter((x) => !sharedDataFile(x.file)).map((x) => x.file);
if (absent.length && !CI) process.stderr.write(`[router] skipping extract tests: ${absent.join(', ')} not in ${sharedDataDir()}\n`);

const hasReverse = (g: RoadGraph, from: number, to: number): boolean => {
  for (let e = g.offsets[to]!; e < g.offsets[to + 1]!; e++) if (g.targets[e] === from) return true;
  return false;
};

/** Directed edges whose reverse edge does not exist. */
function oneWayEdges(g: RoadGraph): number {
  let n = 0;
  for (let i = 0; i < g.nodeCount; i++) for (let e = g.offsets[i]!; e < g.offsets[i + 1]!; e++) if (!hasReverse(g, i, g.targets[e]!)) n++;
  return n;
}

describe.each(EXTRACTS)('extract $file', (x) => {
  const run = CI || !absent.includes(x.file);

  it.runIf(run)('is read completely: every way and node of SOURCE.md', async () => {
    const file = await OsmFile.open(pathOf(x));
    let ways = 0;
    let roadWays = 0;
    const roadNodes = new Set<number>();
    await file.read({
      way(_id, refs, tags) {
        ways++;
        if (!tags.has('highway')) return;
        roadWays++;
        for (const r of refs) roadNodes.add(r);
      },
    });
    let nodes = 0;
    await file.read({ nodeSlot: () => (nodes++, -1), node: () => undefined });
    expect({ ways, roadWays, roadNodes: roadNodes.size, nodes }).toEqual({ ways: x.ways, roadWays: x.roadWays, roadNodes: x.roadNodes, nodes: x.nodes });
  });

  it.runIf(run)('gives a plausible vehicle graph', async () => {
    const { graph: g, stats } = await importOsm(pathOf(x), { profile: 'vehicle' });
    process.stderr.write(`[router] ${x.file} vehicle: ${g.nodeCount} nodes, ${g.edgeCount} edges, ${stats.keptWays}/${stats.highwayWays} ways\n`);
    expect(checkGraph(g)).toBeNull();
    expect(stats.highwayWays).toBe(x.roadWays);
    expect(g.nodeCount).toBeGreaterThan(x.minVehicleNodes);
    expect(g.nodeCount).toBeLessThan(x.roadNodes);
    expect(g.edgeCount).toBeGreaterThan(g.nodeCount); // most roads are two-way
    const [minLat, maxLat, minLon, maxLon] = x.box;
    for (let i = 0; i < g.nodeCount; i++) {
      const [lat, lon] = [nodeLat(g, i), nodeLon(g, i)];
      if (!(lat > minLat && lat < maxLat && lon > minLon && lon < maxLon)) {
        expect.fail(`node ${i} at ${lat},${lon} is outside the extract`);
      }
    }
    for (let e = 0; e < g.edgeCount; e++) {
      const kmh = (g.lengthM[e]! / g.durationS[e]!) * 3.6;
      if (!(g.lengthM[e]! > 0 && g.lengthM[e]! < 5000 && kmh >= 5 && kmh <= 90.01 && edgeWayId(g, e) > 0)) {
        expect.fail(`edge ${e}: ${g.lengthM[e]} m at ${kmh} km/h, way ${edgeWayId(g, e)}`);
      }
    }
    expect(oneWayEdges(g)).toBeGreaterThan(0);
    expect(g.names.length).toBeGreaterThan(50);
  });

  it.runIf(run)('gives a walking graph with more nodes and no one-way edge', async () => {
    const [vehicle, foot] = await Promise.all([importOsm(pathOf(x)), importOsm(pathOf(x), { profile: 'foot' })]);
    expect(foot.graph.nodeCount).toBeGreaterThan(vehicle.graph.nodeCount);
    expect(foot.graph.nodeCount).toBeLessThanOrEqual(x.roadNodes);
    expect(oneWayEdges(foot.graph)).toBe(0);
  });
});

describe('damaged extracts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'civdef-osm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const monaco = EXTRACTS[0]!;
  const krems = EXTRACTS[2]!;

  it.runIf(CI || !absent.includes(monaco.file))('a truncated PBF fails naming the byte offset and block', async () => {
    const bytes = readFileSync(pathOf(monaco));
    const cut = join(dir, 'monaco-truncated.osm.pbf');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const err = await importOsm(cut).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OsmFormatError);
    const { byteOffset, block, message } = err as OsmFormatError;
    expect(byteOffset).toBeGreaterThan(0);
    expect(byteOffset).toBeLessThanOrEqual(bytes.length * 0.6);
    expect(block).toBeGreaterThan(0);
    expect(message).toMatch(new RegExp(`byte ${byteOffset} \\(block ${block}\\).*truncated`));
  });

  it.runIf(CI || !absent.includes(monaco.file))('a PBF with a flipped byte fails', async () => {
    const bytes = Buffer.from(readFileSync(pathOf(monaco)));
    for (const at of [Math.floor(bytes.length / 2), 5, 20_000]) {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 0xff;
      const bad = join(dir, `monaco-flipped-${at}.osm.pbf`);
      writeFileSync(bad, copy);
      await expect(importOsm(bad)).rejects.toThrow(/invalid OSM data at byte \d+/);
    }
  });

  it.runIf(CI || !absent.includes(krems.file))('a truncated or damaged gzip XML fails naming an offset', async () => {
    const bytes = readFileSync(pathOf(krems));
    const cut = join(dir, 'krems-truncated.osm.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(importOsm(cut)).rejects.toThrow(/invalid OSM data at byte \d+: gzip stream is truncated/);
    const copy = Buffer.from(bytes);
    const at = Math.floor(bytes.length / 3);
    copy[at] = copy[at]! ^ 0x55;
    const flipped = join(dir, 'krems-flipped.osm.gz');
    writeFileSync(flipped, copy);
    await expect(importOsm(flipped)).rejects.toBeInstanceOf(OsmFormatError);
  });

  it('an unreadable or foreign file gets a clear error', async () => {
    await expect(importOsm(join(dir, 'nope.osm.pbf'))).rejects.toThrow(/Cannot read OSM file .*nope\.osm\.pbf: ENOENT/);
    await expect(importOsm(dir)).rejects.toThrow(/not a regular file/);
    const empty = join(dir, 'empty.osm');
    writeFileSync(empty, '');
    await expect(importOsm(empty)).rejects.toThrow(/at byte 0: the file is empty/);
    const png = join(dir, 'image.osm.pbf');
    writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    await expect(importOsm(png)).rejects.toThrow(/not OSM PBF, XML or gzip/);
    if (!absent.includes(krems.file)) {
      // The extension lies; the magic bytes decide.
      const renamed = join(dir, 'krems.osm.pbf');
      copyFileSync(pathOf(krems), renamed);
      expect((await importOsm(renamed)).stats.format).toBe('xml.gz');
    }
  });
});
