import {
  canonicalJson,
  cosignNote,
  fromBase64,
  generateSigningKey,
  decodeTile,
  encodeTileIndex,
  leafHash,
  parseEntryBundle,
  parseNote,
  rootOfLeafHashes,
  parseSignerKey,
  SIG_COSIGNATURE_V1,
  utf8,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '@civdef/evidence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../services/transaction.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import { seedIncident } from '../test-support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

// The evidence log end to end: every event becomes a leaf, checkpoints verify with the published key,
// and every proof the API serves verifies with the package's pure verifiers.

const witness = generateSigningKey('witness.example/w1', { type: SIG_COSIGNATURE_V1 });
const stranger = generateSigningKey('witness.example/w2', { type: SIG_COSIGNATURE_V1 });
let t: TestApp;
let documenter: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp({ witnessKeys: [witness.verifierKey] });
  documenter = bearer(await t.tokenFor('documenter'));
  for (let i = 0; i < 5; i++) await seedIncident(t);
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

async function checkpoint() {
  const res = await get('/api/v1/evidence/checkpoint');
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  const key = (await get('/api/v1/evidence/verifier-key')).body.trim();
  return { note: res.body, key, ...verifyCheckpoint(res.body, key).checkpoint };
}

describe('evidence log', () => {
  it('holds one leaf per event, whose data is the canonical JSON of the event', async () => {
    const events = await t.runtime.ctx.storage.db.selectFrom('events').select(['id', 'seq']).orderBy('seq').execute();
    const cp = await checkpoint();
    expect(cp.size).toBe(events.length);
    for (let i = 0; i < cp.size; i++) {
      const res = await get(`/api/v1/evidence/leaves/${i}`, documenter);
      expect(res.statusCode, res.body).toBe(200);
      const leaf = res.json() as { kind: string; ref: string; data: string; leaf_hash: string };
      expect(leaf.kind).toBe('event');
      expect(leaf.ref).toBe(events[i]!.id);
      expect(canonicalJson(JSON.parse(leaf.data))).toBe(leaf.data);
      expect(fromBase64(leaf.leaf_hash)).toEqual(leafHash(utf8(leaf.data)));
    }
  });

  it('serves inclusion proofs that verify against the signed checkpoint, and only for real sizes', async () => {
    const cp = await checkpoint();
    for (let i = 0; i < cp.size; i++) {
      const leaf = (await get(`/api/v1/evidence/leaves/${i}`, documenter)).json() as { leaf_hash: string };
      const res = await get(`/api/v1/evidence/proofs/inclusion?index=${i}&size=${cp.size}`);
      expect(res.statusCode, res.body).toBe(200);
      const proof = (res.json() as { proof: string[] }).proof.map((p) => fromBase64(p)!);
      expect(() => verifyInclusion(i, cp.size, fromBase64(leaf.leaf_hash)!, proof, cp.root)).not.toThrow();
    }
    for (const q of [`index=${cp.size}&size=${cp.size}`, `index=0&size=${cp.size + 1000}`, 'index=-1', 'index=1e3', 'index=0&size=x', 'size=3']) {
      const res = await get(`/api/v1/evidence/proofs/inclusion?${q}`);
      expect(res.statusCode, q).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('serves consistency proofs between checkpoints', async () => {
    const before = await checkpoint();
    await seedIncident(t);
    await t.runtime.ctx.evidence.sync(true);
    const after = await checkpoint();
    expect(after.size).toBeGreaterThan(before.size);
    const res = await get(`/api/v1/evidence/proofs/consistency?from=${before.size}&to=${after.size}`);
    expect(res.statusCode, res.body).toBe(200);
    const proof = (res.json() as { proof: string[] }).proof.map((p) => fromBase64(p)!);
    expect(() => verifyConsistency(before.size, after.size, proof, before.root, after.root)).not.toThrow();
    for (const q of [`from=${after.size}&to=${before.size}`, 'from=0', `from=1&to=${after.size + 5}`]) {
      expect((await get(`/api/v1/evidence/proofs/consistency?${q}`)).statusCode, q).toBe(422);
    }
  });

  it('keeps leaf indexes gapless when a transaction that wrote an event rolls back', async () => {
    const before = await t.runtime.ctx.storage.db.selectFrom('evidence_leaves').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(
      inTransaction(t.runtime.ctx, SYSTEM_ACTOR, async (tx) => {
        await tx.emit({ type: 'test.rolled-back', subjectType: 'test', subjectId: 'x', data: {} });
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    await seedIncident(t);
    const leaves = await t.runtime.ctx.storage.db.selectFrom('evidence_leaves').select(['idx', 'data']).orderBy('idx').execute();
    expect(leaves.length).toBe(Number(before.n) + 1);
    expect(leaves.map((l) => Number(l.idx))).toEqual(leaves.map((_, i) => i));
    expect(leaves.some((l) => l.data.includes('test.rolled-back'))).toBe(false);
  });

  it('refuses leaf data to roles that may not read the record', async () => {
    expect((await get('/api/v1/evidence/leaves/0')).statusCode).toBe(401);
    expect((await get('/api/v1/evidence/leaves/0', bearer(await t.tokenFor('spotter')))).statusCode).toBe(403);
    expect((await get('/api/v1/evidence/leaves/999999', documenter)).statusCode).toBe(404);
  });

  it('accepts a configured witness cosignature and refuses anyone else', async () => {
    const cp = await checkpoint();
    const text = parseNote(cp.note).text;
    const bad = cosignNote(text, parseSignerKey(stranger.signingKey), 1_700_000_000);
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/evidence/cosignatures', payload: { size: cp.size, cosignature: bad } });
    expect(refused.statusCode, refused.body).toBe(422);
    const line = cosignNote(text, parseSignerKey(witness.signingKey), 1_700_000_000);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/evidence/cosignatures', payload: { size: cp.size, cosignature: line } });
    expect(res.statusCode, res.body).toBe(200);
    const note = (await checkpoint()).note;
    expect(verifyCheckpoint(note, cp.key, [witness.verifierKey]).witnessed.map((w) => w.name)).toEqual(['witness.example/w1']);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/evidence/cosignatures', payload: { size: 123456, cosignature: line } });
    expect(unknown.statusCode).toBe(404);
  });

  it('serves the tree as C2SP tiles: hash tiles to anyone, entry bundles to record readers', async () => {
    const cp = await checkpoint();
    expect(cp.size).toBeLessThan(256);
    const tile = await t.app.inject({ url: `/api/v1/evidence/tile/0/${encodeTileIndex(0)}.p/${cp.size}` });
    expect(tile.statusCode, tile.body).toBe(200);
    expect(tile.headers['cache-control']).toContain('immutable');
    const hashes = decodeTile(new Uint8Array(tile.rawPayload), cp.size);
    expect(rootOfLeafHashes(hashes)).toEqual(cp.root);
    const url = `/api/v1/evidence/tile/entries/000.p/${cp.size}`;
    expect((await get(url)).statusCode).toBe(401);
    const entries = await t.app.inject({ url, headers: documenter });
    expect(entries.statusCode, entries.body).toBe(200);
    const data = parseEntryBundle(new Uint8Array(entries.rawPayload), cp.size);
    expect(data.map((d) => leafHash(d))).toEqual(hashes);
    for (const bad of ['0/000.p/0', '0/0', '0/000.p/256', 'x/000', '0/x000/001', '0/1', '0/0001']) {
      const res = await get(`/api/v1/evidence/tile/${bad}`);
      expect(res.statusCode, bad).toBe(422);
    }
    const integrated = await t.runtime.ctx.evidence.integratedSize();
    expect((await get(`/api/v1/evidence/tile/0/000.p/${integrated + 1}`)).statusCode).toBe(404);
    expect((await get('/api/v1/evidence/tile/0/001')).statusCode).toBe(404);
    expect((await get('/api/v1/evidence/tile/entries/000', documenter)).statusCode).toBe(404);
  });
});
