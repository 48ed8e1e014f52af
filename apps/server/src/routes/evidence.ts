import type { Role } from '@civdef/core';
import { FormatError, parseTilePath, TILE_WIDTH, toBase64 } from '@civdef/evidence';
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { acceptCosignature } from '../services/cosignatures.js';

/** Who may read what was recorded (leaf data holds the events themselves); hashes and proofs are public. */
const RECORD_READERS: readonly Role[] = ['admin', 'documenter'];
// Digits only: Number() would also take '0x10' or '1e3'.
const Count = z.string().regex(/^\d{1,15}$/, 'must be a non-negative integer').transform(Number);
const Base64Hash = z.string().describe('SHA-256, base64');

const checkpointText = defineRoute({
  method: 'GET',
  url: '/api/v1/evidence/checkpoint',
  tag: 'evidence',
  summary: 'The latest signed checkpoint (C2SP tlog-checkpoint as a signed note)',
  description: 'Plain text: origin, tree size, base64 root hash, a blank line, then signature lines (the log key, then witnesses).',
  roles: 'public',
  response: z.string(),
  raw: { contentType: 'text/plain; charset=utf-8' },
  async handler({ reply }, { ctx }) {
    const cp = await ctx.evidence.sync();
    return { body: reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(cp.note) as never };
  },
});

// Full tiles never change; a partial one grows into a wider file under another name, so both may be cached.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const Wildcard = z.strictObject({ '*': z.string().max(200) });

/** The tile path below /tile/, parsed as `kind` or refused with a 422 that says why. */
function tileAt(rest: string, kind: 'tile' | 'entries') {
  const parsed = parseTilePath(`tile/${rest}`);
  if (parsed.kind !== kind) throw new FormatError('tile path', `tile/${rest} is not a hash tile`);
  return parsed;
}

export const evidenceRoutes = [
  checkpointText,
  defineRoute({
    method: 'GET',
    url: '/api/v1/evidence/verifier-key',
    tag: 'evidence',
    summary: "The log's public key (C2SP vkey) that verifies its checkpoints",
    roles: 'public',
    response: z.string(),
    raw: { contentType: 'text/plain; charset=utf-8' },
    async handler({ reply }, { ctx }) {
      return { body: reply.type('text/plain; charset=utf-8').send(`${ctx.evidence.verifierKey}\n`) as never };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/evidence/leaves/:index',
    tag: 'evidence',
    summary: 'One leaf of the log: the canonical JSON that was hashed, and its leaf hash',
    roles: RECORD_READERS,
    params: z.strictObject({ index: Count }),
    response: z.object({ index: z.number().int(), kind: z.enum(['event', 'media']), ref: z.string(), data: z.string(), leaf_hash: Base64Hash }),
    async handler({ params }, { ctx }) {
      const leaf = await ctx.evidence.leaf(params.index);
      return { body: { index: leaf.index, kind: leaf.kind, ref: leaf.ref, data: leaf.data, leaf_hash: toBase64(leaf.hash) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/evidence/proofs/inclusion',
    tag: 'evidence',
    summary: 'RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves',
    description: '`size` defaults to the latest checkpoint. Verify with the checkpoint of that size.',
    roles: 'public',
    query: z.strictObject({ index: Count, size: Count.optional() }),
    response: z.object({ index: z.number().int(), size: z.number().int(), proof: z.array(Base64Hash) }),
    async handler({ query }, { ctx }) {
      const size = query.size ?? (await ctx.evidence.sync()).size;
      const proof = await ctx.evidence.inclusionProof(query.index, size);
      return { body: { index: query.index, size, proof: proof.map(toBase64) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/evidence/proofs/consistency',
    tag: 'evidence',
    summary: 'RFC 9162 consistency proof between the trees of `from` and `to` leaves',
    description: '`to` defaults to the latest checkpoint.',
    roles: 'public',
    query: z.strictObject({ from: Count, to: Count.optional() }),
    response: z.object({ from: z.number().int(), to: z.number().int(), proof: z.array(Base64Hash) }),
    async handler({ query }, { ctx }) {
      const to = query.to ?? (await ctx.evidence.sync()).size;
      const proof = await ctx.evidence.consistencyProof(query.from, to);
      return { body: { from: query.from, to, proof: proof.map(toBase64) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/evidence/cosignatures',
    tag: 'evidence',
    summary: "A witness's cosignature of a checkpoint (C2SP tlog-cosignature)",
    description: 'Accepted only from a configured witness key (CIVDEF_WITNESS_KEYS); the signature is the credential.',
    roles: 'public',
    body: z.strictObject({
      size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      cosignature: z.string().min(1).max(1000).describe('the signature line: "— <name> <base64>"'),
    }),
    response: z.object({ size: z.number().int(), note: z.string() }),
    async handler({ body, actor }, { ctx }) {
      const cp = await acceptCosignature(ctx, actor, body.size, body.cosignature);
      return { body: { size: cp.size, note: cp.note } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/evidence/tile/*',
    tag: 'evidence',
    summary: 'C2SP tlog-tiles hash tile: tile/<L>/<N>[.p/<W>]',
    description: 'The tree as static files: mirror them with the checkpoint and anyone can serve proofs.',
    roles: 'public',
    params: Wildcard,
    response: z.string().describe('binary: width x 32-byte hashes'),
    raw: { contentType: 'application/octet-stream' },
    async handler({ params, reply }, { ctx }) {
      const tile = tileAt(params['*'], 'tile') as { level: number; index: number; width: number };
      const body = Buffer.from(await ctx.evidence.tile(tile));
      reply.type('application/octet-stream').header('cache-control', IMMUTABLE);
      return { body: reply.send(body) as never };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/evidence/tile/entries/*',
    tag: 'evidence',
    summary: 'C2SP tlog-tiles entry bundle: tile/entries/<N>[.p/<W>] (the records themselves)',
    roles: RECORD_READERS,
    params: Wildcard,
    response: z.string().describe('binary: big-endian uint16 length + leaf data, per entry'),
    raw: { contentType: 'application/octet-stream' },
    async handler({ params, reply }, { ctx }) {
      const bundle = tileAt(`entries/${params['*']}`, 'entries');
      const body = Buffer.from(await ctx.evidence.entryBundle(bundle.index, bundle.width));
      reply.type('application/octet-stream').header('cache-control', bundle.width === TILE_WIDTH ? IMMUTABLE : 'private, max-age=60');
      return { body: reply.send(body) as never };
    },
  }),
];
