// A hand-written map, as OSM XML, gzip-compressed XML and PBF (encoded here by a minimal writer): all
// three must give the same graph, and the graph must follow the profile rules.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { edgeName, edgeWayId, toE7, type RoadGraph } from '../graph/graph.js';
import { importOsm } from './import.js';

// Nodes: id -> [lat, lon, tags]
const NODES: [number, number, number, Record<string, string>][] = [
  [1, 36.2, 37.1, {}],
  [2, 36.201, 37.1, { highway: 'traffic_signals' }],
  [3, 36.202, 37.1, {}],
  [4, 36.202, 37.101, {}],
  [5, 36.202, 37.102, {}],
  [6, 36.203, 37.102, {}],
  [7, 36.204, 37.102, {}],
  [8, 36.205, 37.102, {}],
  [9, 36.205, 37.103, {}],
  [10, 36.2055, 37.1025, {}],
  [11, 36.2025, 37.0995, { barrier: 'bollard' }],
  [12, 36.203, 37.099, {}],
  [13, 36.2101234, 37.0991234, {}],
  [5_000_000_001, 36.2, 37.099, {}], // an id above 2^32
];
// Ways: id, refs, tags
const WAYS: [number, number[], Record<string, string>][] = [
  [10, [1, 2, 3], { highway: 'residential', name: "Rue d'Italie & Co" }],
  [11, [3, 4], { highway: 'primary', oneway: 'yes', name: 'شارع بغداد' }],
  [12, [4, 5], { highway: 'secondary', oneway: '-1', 'name:en': 'Back Lane' }],
  [13, [5, 6], { highway: 'footway' }],
  [14, [6, 7], { highway: 'residential', access: 'private', emergency: 'yes', ref: 'R7' }],
  [15, [7, 8], { highway: 'residential', access: 'private' }],
  [16, [8, 9, 10, 8], { highway: 'tertiary', junction: 'roundabout' }],
  [17, [2, 9], { route: 'ferry' }],
  [18, [1, 9], { highway: 'construction' }],
  [19, [3, 11, 12], { highway: 'residential' }],
  [20, [12, 13], { highway: 'motorway' }],
  [21, [1, 5_000_000_001], { highway: 'service', maxspeed: '5 mph' }],
  [22, [13, 99], { highway: 'residential' }], // node 99 is not in the file
  [23, [1, 2], { building: 'yes' }],
];

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');
const tagXml = (t: Record<string, string>): string => Object.entries(t).map(([k, v]) => `<tag k='${esc(k)}' v='${esc(v)}'/>`).join('');

function toXml(): string {
  const nodes = NODES.map(([id, lat, lon, t]) =>
    Object.keys(t).length ? `<node id="${id}" lat="${lat}" lon="${lon}">${tagXml(t)}</node>` : `<node id="${id}" lat="${lat}" lon="${lon}"/>`,
  );
  const ways = WAYS.map(([id, refs, t]) => `<way id="${id}">\n${refs.map((r) => `  <nd ref="${r}"/>`).join('\n')}${tagXml(t)}</way>`);
  return `<?xml version="1.0"?>\n<osm version="0.6">\n${nodes.join('\n')}\n${ways.join('\n')}\n<relation id="1"><member type="way" ref="10" role=""/><tag k="barrier" v="wall"/></relation>\n</osm>\n`;
}

/** A minimal protobuf writer for the test (BigInt varints, so ids above 2^32 are exact). */
class Pb {
  readonly bytes: number[] = [];
  varint(v: bigint | number): this {
    let u = BigInt.asUintN(64, BigInt(v));
    do {
      const b = Number(u & 0x7fn);
      u >>= 7n;
      this.bytes.push(u ? b | 0x80 : b);
    } while (u);
    return this;
  }
  uint(field: number, v: bigint | number): this {
    return this.varint(field * 8).varint(v);
  }
  sint(field: number, v: number): this {
    const b = BigInt(v);
    return this.uint(field, (b << 1n) ^ (b >> 63n));
  }
  raw(field: number, data: Uint8Array | number[]): this {
    this.varint(field * 8 + 2).varint(data.length);
    for (const x of data) this.bytes.push(x);
    return this;
  }
  str(field: number, s: string): this {
    return this.raw(field, new TextEncoder().encode(s));
  }
  msg(field: number, m: Pb): this {
    return this.raw(field, m.bytes);
  }
  packed(field: number, values: number[], zig: boolean): this {
    const p = new Pb();
    for (const v of values) p.varint(zig ? (BigInt(v) << 1n) ^ (BigInt(v) >> 63n) : v);
    return this.raw(field, p.bytes);
  }
}

const deltas = (xs: number[]): number[] => xs.map((x, i) => x - (i ? xs[i - 1]! : 0));

function blob(type: string, block: Pb, compress: boolean): number[] {
  const body = Uint8Array.from(block.bytes);
  const b = compress ? new Pb().uint(2, body.length).raw(3, deflateSync(body)) : new Pb().raw(1, body);
  const header = new Pb().str(1, type).uint(3, b.bytes.length);
  const len = header.bytes.length;
  return [len >>> 24, (len >>> 16) & 255, (len >>> 8) & 255, len & 255, ...header.bytes, ...b.bytes];
}

function toPbf(): Uint8Array {
  const strings = [''];
  const s = (x: string): number => (strings.includes(x) ? strings.indexOf(x) : strings.push(x) - 1);
  // Block 1: dense nodes except the last, which goes as a plain Node (both encodings exist in the wild).
  const dense = NODES.slice(0, -1);
  const kv = dense.flatMap(([, , , t]) => [...Object.entries(t).flatMap(([k, v]) => [s(k), s(v)]), 0]);
  const denseMsg = new Pb()
    .packed(1, deltas(dense.map((n) => n[0])), true)
    .packed(8, deltas(dense.map((n) => Math.round(n[1] * 1e7))), true)
    .packed(9, deltas(dense.map((n) => Math.round(n[2] * 1e7))), true)
    .packed(10, kv, false);
  const [id, lat, lon] = NODES[NODES.length - 1]!;
  const plain = new Pb().sint(1, id).sint(8, Math.round(lat * 1e7)).sint(9, Math.round(lon * 1e7));
  const nodeGroup = new Pb().msg(2, denseMsg).msg(1, plain);
  // Block 2: the ways, in two groups.
  const wayMsgs = WAYS.map(([wid, refs, t]) =>
    new Pb()
      .uint(1, wid)
      .packed(2, Object.keys(t).map(s), false)
      .packed(3, Object.values(t).map(s), false)
      .packed(8, deltas(refs), true),
  );
  const groupA = new Pb();
  const groupB = new Pb();
  wayMsgs.forEach((w, i) => (i < 5 ? groupA : groupB).msg(3, w));
  const table = (): Pb => strings.reduce((p, x) => p.str(1, x), new Pb());
  // The node block is built first so that its strings are in the table; both blocks share it.
  const nodesBlock = new Pb().msg(2, nodeGroup);
  const waysBlock = new Pb().msg(2, groupA).msg(2, groupB);
  const withTable = (b: Pb): Pb => {
    const out = new Pb().msg(1, table());
    out.bytes.push(...b.bytes);
    return out.uint(17, 100);
  };
  const header = new Pb().str(4, 'OsmSchema-V0.6').str(4, 'DenseNodes');
  return Uint8Array.from([...blob('OSMHeader', header, false), ...blob('OSMData', withTable(nodesBlock), true), ...blob('OSMData', withTable(waysBlock), true)]);
}

const dir = mkdtempSync(join(tmpdir(), 'civdef-tiny-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Names deliberately lie about the format: detection goes by magic bytes.
const xmlPath = join(dir, 'tiny.pbf');
const gzPath = join(dir, 'tiny.osm');
const pbfPath = join(dir, 'tiny.osm.gz');
writeFileSync(xmlPath, toXml());
writeFileSync(gzPath, gzipSync(toXml()));
writeFileSync(pbfPath, toPbf());

/** Directed edges as "wayId:fromOsm>toOsm" (OSM ids recovered through coordinates). */
function edgesOf(g: RoadGraph): string[] {
  // OSM's 1e-7 degree coordinates are held exactly.
  const osmId = (i: number): number => NODES.find(([, lat, lon]) => toE7(lat) === g.latE7[i] && toE7(lon) === g.lonE7[i])![0];
  const out: string[] = [];
  for (let i = 0; i < g.nodeCount; i++) {
    for (let e = g.offsets[i]!; e < g.offsets[i + 1]!; e++) out.push(`${edgeWayId(g, e)}:${osmId(i)}>${osmId(g.targets[e]!)}`);
  }
  return out.sort();
}

describe('tiny map', () => {
  it('gives the same graph from XML, gzip XML and PBF, for both profiles', async () => {
    for (const profile of ['vehicle', 'foot'] as const) {
      const [xml, gz, pbf] = await Promise.all([xmlPath, gzPath, pbfPath].map((p) => importOsm(p, { profile })));
      expect([xml!.stats.format, gz!.stats.format, pbf!.stats.format]).toEqual(['xml', 'xml.gz', 'pbf']);
      expect(pbf!.graph).toEqual(xml!.graph);
      expect(gz!.graph).toEqual(xml!.graph);
      expect(pbf!.stats.highwayWays).toBe(xml!.stats.highwayWays);
    }
  });

  it('follows the vehicle rules', async () => {
    const { graph: g, stats } = await importOsm(pbfPath, { profile: 'vehicle' });
    expect(edgesOf(g)).toEqual(
      [
        '10:1>2', '10:2>1', '10:2>3', '10:3>2', // two-way residential
        '11:3>4', // oneway=yes
        '12:5>4', // oneway=-1
        // 13 footway: excluded
        '14:6>7', '14:7>6', // access=private but emergency=yes
        // 15 access=private: excluded
        '16:8>9', '16:9>10', '16:10>8', // roundabout: forward only
        // 17 ferry, 18 construction: excluded; 19 passes the bollard at 11: cut
        '20:12>13', // motorway: implied oneway
        '21:1>5000000001', '21:5000000001>1',
      ].sort(),
    );
    expect(stats).toMatchObject({ highwayWays: 12, missingNodes: 1, blockedNodes: 1 });
    const edgeOf = (way: number): number => [...g.edgeWay].findIndex((w) => g.wayIds[w] === way);
    const name = (way: number): string => edgeName(g, edgeOf(way));
    expect(name(10)).toBe("Rue d'Italie & Co");
    expect(name(11)).toBe('شارع بغداد');
    expect(name(12)).toBe('Back Lane'); // name:en when there is no name
    expect(name(14)).toBe('R7'); // then ref
    expect(name(16)).toBe('');
    // maxspeed 5 mph on the service road: duration = length / (5 * 1.609344 km/h)
    const e21 = edgeOf(21);
    expect(g.durationS[e21]).toBeCloseTo(g.lengthM[e21]! / ((5 * 1.609344) / 3.6), 2);
    for (let e = 0; e < g.edgeCount; e++) expect(g.lengthM[e]).toBeGreaterThan(0);
  });

  it('follows the walking rules: both directions, footways and bollards passable, no motorway', async () => {
    const { graph: g } = await importOsm(xmlPath, { profile: 'foot' });
    const edges = edgesOf(g);
    expect(edges).toContain('13:5>6');
    expect(edges).toContain('11:4>3');
    expect(edges).toContain('16:10>9');
    expect(edges).toContain('19:11>12');
    expect(edges.some((e) => e.startsWith('20:'))).toBe(false);
    expect(edges.some((e) => e.startsWith('15:'))).toBe(false); // access=private binds walkers too
    for (let e = 0; e < g.edgeCount; e++) expect(g.durationS[e]).toBeCloseTo(g.lengthM[e]! / (5 / 3.6), 3);
  });

  it('reports progress up to twice the file size (two passes)', async () => {
    const seen: [number, number][] = [];
    await importOsm(gzPath, { onProgress: (read, total) => seen.push([read, total]) });
    const total = seen[0]![1];
    expect(seen.at(-1)).toEqual([total, total]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
  });
});
