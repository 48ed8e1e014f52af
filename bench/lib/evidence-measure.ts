// The measurements of bench/evidence.ts: durable appends through the server's own code (appendLeaves,
// appendLeaf under group commit, the Integrator), proofs from the database node store through EvidenceLog,
// and the ceiling: the same SHA-256 work done by node:crypto alone in a bare loop.
import * as crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { newUlid } from '@civdef/core';
import {
  bytesEqual,
  canonicalJson,
  generateSigningKey,
  leafHash,
  parseSignerKey,
  rootAt,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '@civdef/evidence';
import type { Storage } from '../../apps/server/src/db/connect.js';
import { EvidenceLog } from '../../apps/server/src/evidence/evidence-log.js';
import { Integrator } from '../../apps/server/src/evidence/integrator.js';
import { appendLeaf, appendLeaves, lockLogForAppend, type LeafInput } from '../../apps/server/src/evidence/leaf-append.js';
import { nodeLeafHash, nodeSha256 } from '../../apps/server/src/evidence/node-sha256.js';
import { readNodes } from '../../apps/server/src/evidence/node-store.js';
import { makeIncident } from './incident.js';
import { leafText } from './evidence-tree.js';
import { summarize, type LatencySummary } from './stats.js';

type OneShot = (algorithm: string, data: Uint8Array, outputEncoding: 'buffer') => Buffer;
const hashOnce = (crypto as unknown as { hash: OneShot }).hash;

/** n leaves as the server writes them for events: an incident.reported event, about 450 bytes of canonical JSON. */
export function eventLeaves(n: number): LeafInput[] {
  return Array.from({ length: n }, (_, i) => {
    const data = makeIncident();
    const record = {
      seq: i + 1,
      id: newUlid(),
      type: 'incident.reported',
      subject_type: 'incident',
      subject_id: data.id,
      actor_id: newUlid(),
      device_id: 'phone-17',
      at: new Date().toISOString(),
      data: { ...data, status: 'open' },
    };
    return { kind: 'event' as const, ref: record.id, record };
  });
}

/** A rate in leaves per second of wall time, and per second of this process's CPU time (less sensitive to a busy machine). */
export interface Rate {
  wall: number;
  cpu: number;
}

export interface AppendResult {
  leaves: number;
  batch: number;
  rounds: number;
  /** Durable batched appends (one transaction of `batch` leaves each). */
  append: Rate;
  perTransaction: LatencySummary;
  /** Integrating those leaves into the stored tree (hashing + node inserts). */
  integrate: Rate;
  /** Append then integrate, end to end. */
  both: Rate;
  /** The ceiling, measured on each round's leaves just before that round. */
  ceiling: Rate;
  /** Per round: our append rate over the ceiling's, wall time. */
  ratios: number[];
  /** One leaf per write under group commit, `writers` writers at once. */
  single: { leaves: number; writers: number; perS: number };
  treeSize: number;
}

const SINGLES_SECONDS = 15;

/** Wall and CPU milliseconds of `work`. */
async function timed(work: () => unknown): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Appends the records in `rounds` slices of batches, each slice right after the ceiling hashed the same
 * slice (so both see the same machine), integrating after each; then single leaves under group commit.
 * Precondition: a migrated, empty store.
 */
export async function measureAppends(storage: Storage, records: readonly LeafInput[], batch: number, rounds: number, singles: number, writers: number): Promise<AppendResult> {
  const lat: number[] = [];
  const integrator = new Integrator(storage);
  const sum = { append: { wallMs: 0, cpuMs: 0 }, integrate: { wallMs: 0, cpuMs: 0 }, ceiling: { wallMs: 0, cpuMs: 0 } };
  const add = (into: { wallMs: number; cpuMs: number }, t: { wallMs: number; cpuMs: number }) => {
    into.wallMs += t.wallMs;
    into.cpuMs += t.cpuMs;
  };
  const ratios: number[] = [];
  const per = Math.ceil(records.length / rounds);
  for (let r = 0; r < rounds; r++) {
    const slice = records.slice(r * per, (r + 1) * per);
    const bytes = leafBytes(slice);
    const ceiling = await timed(() => hashCeiling(bytes, false));
    const append = await timed(async () => {
      for (let i = 0; i < slice.length; i += batch) {
        const s = performance.now();
        await storage.write(async (db) => {
          await lockLogForAppend(db, storage.dialect);
          await appendLeaves(db, slice.slice(i, i + batch));
        });
        lat.push(performance.now() - s);
      }
    });
    add(sum.ceiling, ceiling);
    add(sum.append, append);
    add(sum.integrate, await timed(() => integrator.integrateAll()));
    ratios.push(ceiling.wallMs / append.wallMs);
  }
  const rate = (t: { wallMs: number; cpuMs: number }): Rate => ({ wall: (records.length * 1000) / t.wallMs, cpu: (records.length * 1000) / t.cpuMs });

  let next = 0;
  const t2 = performance.now();
  // At most SINGLES_SECONDS: one leaf per transaction is slow on PostgreSQL, and this phase is informational.
  const until = t2 + SINGLES_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < singles && performance.now() < until) {
        const record = records[next++ % records.length]!;
        await storage.write(async (db) => {
          await lockLogForAppend(db, storage.dialect);
          await appendLeaf(db, record);
        });
      }
    }),
  );
  const singleS = (performance.now() - t2) / 1000;
  const done = Math.min(next, singles);
  const head = await integrator.integrateAll();
  return {
    leaves: records.length,
    batch,
    rounds,
    append: rate(sum.append),
    perTransaction: summarize(lat),
    integrate: rate(sum.integrate),
    both: rate({ wallMs: sum.append.wallMs + sum.integrate.wallMs, cpuMs: sum.append.cpuMs + sum.integrate.cpuMs }),
    ceiling: rate(sum.ceiling),
    ratios: ratios.sort((a, b) => a - b),
    single: { leaves: done, writers, perS: done / singleS },
    treeSize: head.size,
  };
}

export interface HashCeiling {
  /** Leaves per second: leaf hash of each record's bytes plus the n-1 interior hashes, node:crypto crypto.hash. */
  oneShotPerS: number;
  /** The same with createHash objects. */
  createHashPerS: number;
  root: Uint8Array;
}

/** RFC 6962 root by pairing neighbours level by level (an unpaired last node moves up as it is). */
function bareRoot(leafHashes: Buffer[], node: (l: Buffer, r: Buffer) => Buffer): Buffer {
  let level = leafHashes;
  while (level.length > 1) {
    const up: Buffer[] = [];
    for (let j = 0; j + 1 < level.length; j += 2) up.push(node(level[j]!, level[j + 1]!));
    if (level.length % 2 === 1) up.push(level[level.length - 1]!);
    level = up;
  }
  return level[0]!;
}

/** The ceiling: the same bytes hashed into the same root by node:crypto alone, no log code; `objects` also times createHash. */
export function hashCeiling(bytes: readonly Buffer[], objects = true): HashCeiling {
  const zero = Buffer.from([0]);
  const one = Buffer.from([1]);
  const run = (leaf: (d: Buffer) => Buffer, node: (l: Buffer, r: Buffer) => Buffer): { perS: number; root: Buffer } => {
    const t = performance.now();
    const root = bareRoot(bytes.map(leaf), node);
    return { perS: bytes.length / ((performance.now() - t) / 1000), root };
  };
  const oneShot = run(
    (d) => hashOnce('sha256', Buffer.concat([zero, d]), 'buffer'),
    (l, r) => hashOnce('sha256', Buffer.concat([one, l, r]), 'buffer'),
  );
  if (!objects) return { oneShotPerS: oneShot.perS, createHashPerS: NaN, root: oneShot.root };
  const viaObjects = run(
    (d) => crypto.createHash('sha256').update(zero).update(d).digest(),
    (l, r) => crypto.createHash('sha256').update(one).update(l).update(r).digest(),
  );
  if (!oneShot.root.equals(viaObjects.root)) throw new Error('the two node:crypto ceilings disagree on the root');
  return { oneShotPerS: oneShot.perS, createHashPerS: viaObjects.perS, root: oneShot.root };
}

export interface RootRecompute {
  /** Leaf hashes and root of the leaf bytes with the log's code (nodeLeafHash, rootOfLeafHashes + nodeSha256). */
  oursMs: number;
  /** The same with the package's default pure-JS SHA-256 (what a browser runs). */
  pureJsMs: number;
  ceilingMs: number;
  /** Reading the stored leaf hashes from the database, then rootOfLeafHashes. */
  fromDbMs: number;
  agree: boolean;
}

/** Full recomputation of the root of the n-leaf bench tree (leafText leaves), three ways, against `expected`. */
export async function recomputeRoot(storage: Storage, n: number, expected: Uint8Array): Promise<RootRecompute> {
  const bytes = Array.from({ length: n }, (_, i) => Buffer.from(leafText(i), 'latin1'));
  let t = performance.now();
  const ours = rootOfLeafHashes(bytes.map((b) => nodeLeafHash(b)), nodeSha256);
  const oursMs = performance.now() - t;
  t = performance.now();
  const pure = rootOfLeafHashes(bytes.map((b) => leafHash(b)));
  const pureJsMs = performance.now() - t;
  const ceiling = hashCeiling(bytes);
  const ceilingMs = (n / ceiling.oneShotPerS) * 1000;
  t = performance.now();
  const rows = await storage.db.selectFrom('evidence_nodes').select('hash').where('level', '=', 0).where('idx', '<', n).orderBy('idx').execute();
  const fromDb = rootOfLeafHashes(rows.map((r) => new Uint8Array(r.hash)), nodeSha256);
  const fromDbMs = performance.now() - t;
  const agree = [ours, pure, ceiling.root, fromDb].every((r) => bytesEqual(r, expected));
  return { oursMs, pureJsMs, ceilingMs, fromDbMs, agree };
}

export interface ProofResult {
  n: number;
  samples: number;
  inclusionGen: LatencySummary;
  inclusionVerify: LatencySummary;
  inclusionLength: number;
  consistencyGen: LatencySummary;
  consistencyVerify: LatencySummary;
  consistencyLength: number;
  /** One interior-node SHA-256 (65 bytes) by crypto.hash in a bare loop, µs: verifying a proof of k hashes costs about k+1 of them. */
  bareNodeHashUs: number;
  /** Every proof verified against the root, and the stored root equals the expected one. */
  allVerified: boolean;
}

/** A small deterministic generator (mulberry32), so every run asks for the same proofs. */
export function prng(seed: number): (below: number) => number {
  let a = seed >>> 0;
  return (below) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

/**
 * Inclusion proofs of random leaves and consistency proofs from random sizes, all to the full tree of n
 * leaves, generated by the server's EvidenceLog from the stored nodes and verified with node:crypto.
 * Precondition: the store holds the bench tree of n leaves (leafText) whose root is `root`.
 */
export async function measureProofs(storage: Storage, n: number, root: Uint8Array, samples: number): Promise<ProofResult> {
  const signer = parseSignerKey(generateSigningKey('bench.civdef.example/log').signingKey);
  const log = new EvidenceLog(storage, signer, { everySeconds: 3600, everyLeaves: 1e12, witnessKeys: [] }, () => new Date());
  const reader = { getNodes: (ids: readonly { level: number; index: number }[]) => readNodes(storage.db, ids) };
  let allVerified = bytesEqual(await rootAt(n, reader, nodeSha256), root);
  const rand = prng(n);
  const leafHashOf = (i: number) => nodeLeafHash(Buffer.from(leafText(i), 'latin1'));
  // Warm the statement cache and the connection, as a running server has them.
  for (let w = 0; w < 50; w++) await log.inclusionProof(rand(n), n);

  const inc = { gen: [] as number[], ver: [] as number[], len: 0 };
  for (let s = 0; s < samples; s++) {
    const i = rand(n);
    const leaf = leafHashOf(i);
    const t0 = performance.now();
    const proof = await log.inclusionProof(i, n);
    const t1 = performance.now();
    try {
      verifyInclusion(i, n, leaf, proof, root, nodeSha256);
    } catch {
      allVerified = false;
    }
    inc.ver.push(performance.now() - t1);
    inc.gen.push(t1 - t0);
    inc.len += proof.length;
  }
  const con = { gen: [] as number[], ver: [] as number[], len: 0 };
  for (let s = 0; s < samples; s++) {
    const m = 1 + rand(n - 1);
    const t0 = performance.now();
    const proof = await log.consistencyProof(m, n);
    con.gen.push(performance.now() - t0);
    const rootM = await rootAt(m, reader, nodeSha256);
    const t1 = performance.now();
    try {
      verifyConsistency(m, n, proof, rootM, root, nodeSha256);
    } catch {
      allVerified = false;
    }
    con.ver.push(performance.now() - t1);
    con.len += proof.length;
  }
  const pair = Buffer.alloc(65, 1);
  const bare = performance.now();
  for (let k = 0; k < 20_000; k++) hashOnce('sha256', pair, 'buffer');
  const bareNodeHashUs = ((performance.now() - bare) * 1000) / 20_000;
  return {
    n,
    samples,
    bareNodeHashUs,
    inclusionGen: summarize(inc.gen),
    inclusionVerify: summarize(inc.ver),
    inclusionLength: inc.len / samples,
    consistencyGen: summarize(con.gen),
    consistencyVerify: summarize(con.ver),
    consistencyLength: con.len / samples,
    allVerified,
  };
}

/** Canonical JSON bytes of the records: what the ceiling hashes. */
export function leafBytes(records: readonly LeafInput[]): Buffer[] {
  return records.map((r) => Buffer.from(canonicalJson(r.record), 'utf8'));
}
