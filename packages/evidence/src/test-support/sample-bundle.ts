// A small but real bundle for tests: a log of canonical-JSON events and one media file, a signed and
// witnessed checkpoint, and proofs read from the node store.
import { type BundleInput, buildBundle } from '../bundle/build.js';
import { utf8 } from '../bytes.js';
import { canonicalJson } from '../canonical/canonical-json.js';
import { CompactRange } from '../merkle/compact-range.js';
import { leafHash } from '../merkle/hashing.js';
import { inclusionProof } from '../merkle/proofs.js';
import { sha256 } from '../merkle/sha256.js';
import { toHex } from '../bytes.js';
import { formatCheckpoint, signCheckpoint } from '../note/checkpoint.js';
import { addCosignature, cosignNote } from '../note/cosignature.js';
import { SIG_COSIGNATURE_V1, generateSigningKey, parseSignerKey } from '../note/keys.js';
import { MemoryNodeStore } from './memory-store.js';

export const LOG = parseSignerKey(generateSigningKey('civdef.example/log', { seed: new Uint8Array(32).fill(1) }).signingKey);
export const WITNESS = parseSignerKey(generateSigningKey('witness.example/w1', { type: SIG_COSIGNATURE_V1, seed: new Uint8Array(32).fill(2) }).signingKey);

/** Bundle input and built files for a log of `n` filler events plus the incident's records and one photo. */
export async function sampleBundle(): Promise<{ input: BundleInput; files: Map<string, Uint8Array> }> {
  const photo = new Uint8Array(3000).map((_, i) => (i * 7919) % 256);
  const leaves: Uint8Array[] = [];
  for (let i = 0; i < 20; i++) leaves.push(utf8(canonicalJson({ type: 'filler', seq: i })));
  const reportIdx = leaves.push(utf8(canonicalJson({ type: 'incident.reported', id: '01JD2Q7ZK3X8J5W6V4T2R0P9NM', kind: 'airstrike', by: 'falcon-3', at: '2024-05-02T09:14:03Z' }))) - 1;
  const mediaIdx = leaves.push(utf8(canonicalJson({ type: 'media', sha256: toHex(sha256(photo)), filename: 'IMG_0042.jpg', uploaded_by: 'falcon-3', received_at: '2024-05-02T09:20:00Z' }))) - 1;
  const statusIdx = leaves.push(utf8(canonicalJson({ type: 'unit.status', unit: 'A-2', status: 'on_scene', at: '2024-05-02T09:26:40Z' }))) - 1;
  for (let i = 0; i < 10; i++) leaves.push(utf8(canonicalJson({ type: 'filler', seq: 100 + i })));

  const store = new MemoryNodeStore();
  const tree = CompactRange.empty();
  tree.appendAll(leaves.map((l) => leafHash(l)), store.put);
  const size = tree.size;
  const body = formatCheckpoint({ origin: LOG.name, size, root: tree.root() });
  const checkpoint = addCosignature(signCheckpoint({ origin: LOG.name, size, root: tree.root() }, LOG), cosignNote(body, WITNESS, 1_714_641_000), [WITNESS.verifierKey]);
  const proof = (i: number): Promise<Uint8Array[]> => inclusionProof(i, size, store);

  const input: BundleInput = {
    checkpoint,
    logKey: LOG.verifierKey,
    witnessKeys: [WITNESS.verifierKey],
    items: [
      { kind: 'record', leafIndex: reportIdx, leafData: leaves[reportIdx]!, proof: await proof(reportIdx) },
      { kind: 'metadata', leafIndex: mediaIdx, leafData: leaves[mediaIdx]!, proof: await proof(mediaIdx) },
      { kind: 'media', path: 'media/IMG_0042.jpg', data: photo, leafIndex: mediaIdx, leafData: leaves[mediaIdx]!, proof: await proof(mediaIdx) },
      { kind: 'record', leafIndex: statusIdx, leafData: leaves[statusIdx]!, proof: await proof(statusIdx) },
    ],
    readme: {
      title: 'Incident 01JD2Q7ZK3X8J5W6V4T2R0P9NM (airstrike), 2 May 2024',
      exportedAt: '2024-06-01T10:00:00Z',
      exportedBy: 'investigator-liaison',
      custody: [
        { at: '2024-05-02T09:26:40Z', who: 'dispatcher-1', what: 'unit A-2 on scene' },
        { at: '2024-05-02T09:14:03Z', who: 'falcon-3', what: 'reported the strike' },
        { at: '2024-05-02T09:20:00Z', who: 'falcon-3', what: 'uploaded IMG_0042.jpg (photo), received by the server' },
      ],
    },
  };
  return { input, files: buildBundle(input) };
}
