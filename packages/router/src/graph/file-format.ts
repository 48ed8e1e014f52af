// The graph file: a versioned little-endian binary image of a RoadGraph that loads as typed-array views
// over one buffer, with no parsing, so the server starts in milliseconds.
//
//   0   'CIVDEFRG'                  magic, 8 bytes
//   8   u32 version (2)
//   12  u32 profile (0 vehicle, 1 foot)
//   16  u32 nodeCount, u32 edgeCount, u32 nameCount, u32 nameBytes, u32 infoBytes, u32 wayCount
//   40  zero up to 64
//   64  sections, each starting on an 8-byte boundary (zero padding), in this order:
//       latE7 i32[n], lonE7 i32[n], offsets u32[n+1], targets u32[m], durationS f32[m], lengthM f32[m],
//       edgeWay u32[m], wayIds f64[w], wayNames u32[w], name byte lengths u32[k], names utf-8,
//       info JSON utf-8
//   end SHA-256 of every byte before it (32 bytes), so a damaged file is refused, not half-loaded.
//
// Version 1 (until 2026-11) held Float64 coordinates and a way id and name index per edge; it is refused
// with a message saying to import the map again (or regenerate the demo city).
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { CivdefError } from '@civdef/core';
import { type Profile, type RoadGraph } from './graph.js';

export const GRAPH_FILE_MAGIC = 'CIVDEFRG';
export const GRAPH_FILE_VERSION = 2;
const HEADER_BYTES = 64;
const DIGEST_BYTES = 32;
const PROFILE_CODES: readonly Profile[] = ['vehicle', 'foot'];

/** Free-form facts about where a graph came from, stored with it. */
export interface GraphFileInfo {
  readonly source?: string;
  readonly createdAt?: string;
  readonly [key: string]: unknown;
}

export interface LoadedGraph {
  readonly graph: RoadGraph;
  readonly profile: Profile;
  readonly info: GraphFileInfo;
}

/** A graph file that cannot be used: damaged, truncated, of another version, or not a graph file. */
export class GraphFileError extends CivdefError {
  readonly code = 'graph-file';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Graph file ${path || '(buffer)'} refused: ${reason}`);
  }
}

/** Arithmetic, not bit masks: offsets may pass 2^31 on a big graph. */
const align8 = (n: number): number => Math.ceil(n / 8) * 8;

interface Layout {
  readonly sizes: readonly number[];
  readonly offsets: readonly number[];
  /** Offset of the digest = bytes covered by it. */
  readonly end: number;
}

/** Byte offsets of each section, from the counts alone (writer and reader share it). */
function layout(n: number, m: number, w: number, k: number, nameBytes: number, infoBytes: number): Layout {
  const sizes = [4 * n, 4 * n, 4 * (n + 1), 4 * m, 4 * m, 4 * m, 4 * m, 8 * w, 4 * w, 4 * k, nameBytes, infoBytes];
  const offsets: number[] = [];
  let at = HEADER_BYTES;
  for (const size of sizes) {
    offsets.push(at);
    at = align8(at + size);
  }
  return { sizes, offsets, end: at };
}

const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * The file's bytes as a sequence of chunks (header, padding, zero-copy views of the arrays), ending with
 * the digest: the writer streams them, so a big graph is never copied into one more buffer.
 */
export function* graphFileChunks(graph: RoadGraph, profile: Profile, info: GraphFileInfo = {}): Generator<Uint8Array> {
  if (endianness() !== 'LE') throw new Error('graph files are little-endian; this machine is not');
  const enc = new TextEncoder();
  const nameBytes = graph.names.map((s) => enc.encode(s));
  const nameLengths = Uint32Array.from(nameBytes, (b) => b.length);
  const namesTotal = nameLengths.reduce((a, b) => a + b, 0);
  const infoJson = enc.encode(JSON.stringify(info));
  const n = graph.nodeCount;
  const m = graph.edgeCount;
  const w = graph.wayIds.length;
  const lay = layout(n, m, w, graph.names.length, namesTotal, infoJson.length);
  const header = new Uint8Array(HEADER_BYTES);
  header.set(enc.encode(GRAPH_FILE_MAGIC), 0);
  const dv = new DataView(header.buffer);
  [GRAPH_FILE_VERSION, PROFILE_CODES.indexOf(profile), n, m, graph.names.length, namesTotal, infoJson.length, w].forEach(
    (v, i) => dv.setUint32(8 + 4 * i, v, true),
  );
  const hash = createHash('sha256');
  const emit = (chunk: Uint8Array): Uint8Array => (hash.update(chunk), chunk);
  yield emit(header);
  const sections: Uint8Array[] = [
    bytesOf(graph.latE7), bytesOf(graph.lonE7), bytesOf(graph.offsets), bytesOf(graph.targets),
    bytesOf(graph.durationS), bytesOf(graph.lengthM), bytesOf(graph.edgeWay), bytesOf(graph.wayIds),
    bytesOf(graph.wayNames), bytesOf(nameLengths), concat(nameBytes, namesTotal), infoJson,
  ];
  let at = HEADER_BYTES;
  sections.forEach((bytes, i) => {
    if (bytes.length !== lay.sizes[i]) throw new Error(`graph section ${i} has ${bytes.length} bytes, expected ${lay.sizes[i]}`);
  });
  for (let i = 0; i < sections.length; i++) {
    if (at < lay.offsets[i]!) yield emit(new Uint8Array(lay.offsets[i]! - at));
    yield emit(sections[i]!);
    at = lay.offsets[i]! + sections[i]!.length;
  }
  if (at < lay.end) yield emit(new Uint8Array(lay.end - at));
  yield new Uint8Array(hash.digest());
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A graph from a whole file's bytes: checks magic, version, size and digest, then views, then invariants. */
export function decodeGraphFile(bytes: Uint8Array, path = ''): LoadedGraph {
  const fail = (reason: string): never => {
    throw new GraphFileError(path, reason);
  };
  if (bytes.length < HEADER_BYTES + DIGEST_BYTES) fail(`only ${bytes.length} bytes: too short to be a graph file`);
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== GRAPH_FILE_MAGIC) fail('not a civdef graph file (bad magic)');
  // Typed-array views need their offsets aligned to the element size; copy once if the buffer is not.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  if (endianness() !== 'LE') fail('graph files are little-endian; this machine is not');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const [version, profileCode, n, m, k, nameBytes, infoBytes, w] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => dv.getUint32(8 + 4 * i, true)) as [
    number, number, number, number, number, number, number, number,
  ];
  if (version !== GRAPH_FILE_VERSION) {
    fail(
      `format version ${version}; this build reads version ${GRAPH_FILE_VERSION}: import the map again ` +
        `(civdef import-osm FILE), or for the demo city run civdef demo-city --force`,
    );
  }
  const profile = PROFILE_CODES[profileCode] ?? fail(`unknown profile code ${profileCode}`);
  const lay = layout(n, m, w, k, nameBytes, infoBytes);
  if (bytes.length !== lay.end + DIGEST_BYTES) {
    fail(`${bytes.length} bytes but the header's counts need ${lay.end + DIGEST_BYTES} (truncated or damaged)`);
  }
  const digest = createHash('sha256').update(bytes.subarray(0, lay.end)).digest();
  if (!digest.equals(bytes.subarray(lay.end))) fail('checksum mismatch: the file is damaged');
  const buf = bytes.buffer;
  const o = lay.offsets.map((x) => bytes.byteOffset + x);
  const nameLengths = new Uint32Array(buf, o[9], k);
  const dec = new TextDecoder();
  const names: string[] = [];
  let at = o[10]!;
  for (let i = 0; i < k; i++) {
    names.push(dec.decode(new Uint8Array(buf, at, nameLengths[i])));
    at += nameLengths[i]!;
  }
  const graph: RoadGraph = {
    nodeCount: n,
    edgeCount: m,
    latE7: new Int32Array(buf, o[0], n),
    lonE7: new Int32Array(buf, o[1], n),
    offsets: new Uint32Array(buf, o[2], n + 1),
    targets: new Uint32Array(buf, o[3], m),
    durationS: new Float32Array(buf, o[4], m),
    lengthM: new Float32Array(buf, o[5], m),
    edgeWay: new Uint32Array(buf, o[6], m),
    wayIds: new Float64Array(buf, o[7], w),
    wayNames: new Uint32Array(buf, o[8], w),
    names,
  };
  const problem = checkGraph(graph);
  if (problem) fail(problem);
  const info = JSON.parse(dec.decode(new Uint8Array(buf, o[11], infoBytes))) as GraphFileInfo;
  return { graph, profile, info };
}

/** The CSR invariants searches rely on (no read out of bounds); a reason when one fails. */
export function checkGraph(g: RoadGraph): string | null {
  if (g.names[0] !== '') return "names[0] is not ''";
  if (g.offsets[0] !== 0 || g.offsets[g.nodeCount] !== g.edgeCount) return 'offsets do not span the edges';
  for (let i = 0; i < g.nodeCount; i++) if (g.offsets[i]! > g.offsets[i + 1]!) return `offsets decrease at node ${i}`;
  if (g.wayIds.length !== g.wayNames.length) return `${g.wayIds.length} way ids but ${g.wayNames.length} way names`;
  for (let e = 0; e < g.edgeCount; e++) {
    if (g.targets[e]! >= g.nodeCount) return `edge ${e} targets node ${g.targets[e]} of ${g.nodeCount}`;
    if (g.edgeWay[e]! >= g.wayIds.length) return `edge ${e} is of way ${g.edgeWay[e]} of ${g.wayIds.length}`;
  }
  for (let w = 0; w < g.wayNames.length; w++) if (g.wayNames[w]! >= g.names.length) return `way ${w} names ${g.wayNames[w]} of ${g.names.length}`;
  return null;
}
