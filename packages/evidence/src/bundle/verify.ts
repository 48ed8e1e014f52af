// Offline verification of an investigator bundle: every check that fails is reported against the item
// (or the bundle) it concerns, with a sentence saying exactly why. Nothing here throws on bad input; a
// bundle is evidence to be judged, and the report is the judgement.
import { bytesEqual, fromBase64, fromHex, fromUtf8, toBase64, toHex } from '../bytes.js';
import { EvidenceError } from '../errors.js';
import { leafHash } from '../merkle/hashing.js';
import { type Sha256, sha256 as defaultSha256 } from '../merkle/sha256.js';
import { verifyInclusion } from '../merkle/verify.js';
import { type Checkpoint, parseCheckpoint, verifyCheckpoint } from '../note/checkpoint.js';
import { type VerifierKey, SIG_COSIGNATURE_V1, SIG_ED25519, parseVerifierKey } from '../note/keys.js';
import { parseNote } from '../note/signed-note.js';
import { CHECKPOINT_PATH, LOG_KEY_PATH, MANIFEST_PATH, README_PATH, WITNESS_KEYS_PATH, type ItemKind, type Manifest, type ManifestItem, parseManifest } from './manifest.js';

export type BundleProblemCode =
  | 'manifest'
  | 'checkpoint'
  | 'log-key'
  | 'readme'
  | 'missing-file'
  | 'extra-file'
  | 'sha256-mismatch'
  | 'leaf-hash-mismatch'
  | 'media-not-in-leaf'
  | 'proof';

export interface BundleProblem {
  readonly code: BundleProblemCode;
  /** The file concerned, when there is one. */
  readonly path?: string;
  readonly message: string;
}

export interface ItemReport {
  readonly kind: ItemKind;
  readonly path: string;
  readonly leafIndex: number;
  readonly ok: boolean;
  readonly problems: readonly BundleProblem[];
}

export interface BundleReport {
  /** True only when the checkpoint, every item and the file list all check out. */
  readonly ok: boolean;
  readonly checkpoint?: {
    readonly origin: string;
    readonly size: number;
    readonly root: string;
    /**
     * Keys whose signatures verified: the log's and any witnesses'. `trusted` is false for a witness
     * known only from the bundle's witness-keys.txt, whose cosignature shows nothing independent.
     */
    readonly signedBy: readonly { name: string; trusted: boolean; timestamp?: number }[];
  };
  readonly items: readonly ItemReport[];
  /** Problems with the bundle as a whole (manifest, checkpoint, key, README, stray files). */
  readonly problems: readonly BundleProblem[];
}

const RESERVED = [MANIFEST_PATH, README_PATH, CHECKPOINT_PATH, LOG_KEY_PATH, WITNESS_KEYS_PATH];

function message(err: unknown): string {
  return err instanceof EvidenceError || err instanceof Error ? err.message : String(err);
}

/**
 * Checks a bundle (path -> bytes) against trusted keys: the log's type 0x01 key and optionally witness
 * (type 0x04) keys, as text or parsed. Pure; never throws on bad bundle content.
 */
export function verifyBundle(
  files: ReadonlyMap<string, Uint8Array>,
  trustedKeys: readonly (string | VerifierKey)[],
  options: { sha256?: Sha256 } = {},
): BundleReport {
  const sha256 = options.sha256 ?? defaultSha256;
  const problems: BundleProblem[] = [];
  const manifestBytes = files.get(MANIFEST_PATH);
  let manifest: Manifest;
  try {
    if (!manifestBytes) throw new Error('manifest.json is missing');
    manifest = parseManifest(manifestBytes);
  } catch (err) {
    return { ok: false, items: [], problems: [{ code: 'manifest', path: MANIFEST_PATH, message: message(err) }] };
  }

  // The checkpoint: signed by a trusted log key named like its origin. Its root is used for the proofs
  // even when the signature fails, so the report still says which items are consistent with it.
  let checkpoint: Checkpoint | undefined;
  let signedBy: { name: string; trusted: boolean; timestamp?: number }[] = [];
  const checkpointBytes = files.get(CHECKPOINT_PATH);
  if (!checkpointBytes) {
    problems.push({ code: 'missing-file', path: CHECKPOINT_PATH, message: 'checkpoint.txt is missing: nothing can be proven' });
  } else {
    try {
      const text = fromUtf8(checkpointBytes);
      const note = parseNote(text);
      checkpoint = parseCheckpoint(note.text);
      const trusted = trustedKeys.map((k) => (typeof k === 'string' ? parseVerifierKey(k) : k));
      const bundled = bundledWitnessKeys(files, problems);
      const logKey = trusted.find((k) => k.type === SIG_ED25519 && k.name === checkpoint!.origin);
      if (!logKey) {
        problems.push({ code: 'checkpoint', path: CHECKPOINT_PATH, message: `no trusted key for the log ${checkpoint.origin}; supply the log's published key` });
      } else {
        const known = [...trusted, ...bundled];
        const result = verifyCheckpoint(text, logKey, known.filter((k) => k !== logKey));
        const isTrusted = (name: string, id: Uint8Array): boolean => trusted.some((k) => k.name === name && bytesEqual(k.keyId, id));
        signedBy = result.verified.map((v) => ({ name: v.name, trusted: isTrusted(v.name, v.keyId), ...(v.timestamp === undefined ? {} : { timestamp: v.timestamp }) }));
        // Unknown signature lines are ignored by the signed-note rules, but in a bundle every byte must
        // be accounted for: each line must come from a key the verifier trusts or the bundle names.
        for (const sig of note.signatures) {
          if (!known.some((k) => k.name === sig.name && bytesEqual(k.keyId, sig.keyId))) {
            problems.push({ code: 'checkpoint', path: CHECKPOINT_PATH, message: `a signature line by ${sig.name} is from a key neither trusted nor listed in witness-keys.txt` });
          }
        }
        const bundledLogKey = files.get(LOG_KEY_PATH);
        if (!bundledLogKey || fromUtf8(bundledLogKey) !== `${logKey.text}\n`) {
          problems.push({ code: 'log-key', path: LOG_KEY_PATH, message: 'log-key.txt is not the trusted log key (altered or missing)' });
        }
      }
    } catch (err) {
      problems.push({ code: 'checkpoint', path: CHECKPOINT_PATH, message: `the checkpoint signature or format is bad: ${message(err)}` });
    }
    if (checkpoint && checkpoint.size !== manifest.tree_size) {
      problems.push({ code: 'manifest', path: MANIFEST_PATH, message: `tree_size ${manifest.tree_size} is not the checkpoint's size ${checkpoint.size}` });
    }
  }

  const readme = files.get(README_PATH);
  if (!readme) problems.push({ code: 'missing-file', path: README_PATH, message: 'README.txt is missing' });
  else if (toHex(sha256(readme)) !== manifest.readme.sha256) problems.push({ code: 'readme', path: README_PATH, message: 'README.txt does not hash to the SHA-256 in the manifest' });

  const items = manifest.items.map((item) => checkItem(item, files, checkpoint, sha256));

  const listed = new Set<string>(RESERVED);
  const seen = new Set<string>();
  for (const item of manifest.items) {
    if (seen.has(item.path)) problems.push({ code: 'manifest', path: item.path, message: `${item.path} is listed twice` });
    seen.add(item.path);
    listed.add(item.path);
    listed.add(item.leaf_data);
  }
  for (const path of files.keys()) {
    if (!listed.has(path)) problems.push({ code: 'extra-file', path, message: `${path} is not listed in the manifest` });
  }

  return {
    ok: problems.length === 0 && items.every((i) => i.ok),
    ...(checkpoint ? { checkpoint: { origin: checkpoint.origin, size: checkpoint.size, root: toBase64(checkpoint.root), signedBy } } : {}),
    items,
    problems,
  };
}

/** The witness keys listed in the bundle; a malformed or missing list is a problem. */
function bundledWitnessKeys(files: ReadonlyMap<string, Uint8Array>, problems: BundleProblem[]): VerifierKey[] {
  const bytes = files.get(WITNESS_KEYS_PATH);
  if (!bytes) {
    problems.push({ code: 'missing-file', path: WITNESS_KEYS_PATH, message: 'witness-keys.txt is missing' });
    return [];
  }
  try {
    const text = fromUtf8(bytes);
    if (text !== '' && !text.endsWith('\n')) throw new Error('the last line does not end with a newline');
    return text
      .split('\n')
      .slice(0, -1)
      .map((line) => {
        const key = parseVerifierKey(line);
        if (key.type !== SIG_COSIGNATURE_V1) throw new Error(`${key.name} is not a witness (type 0x04) key`);
        return key;
      });
  } catch (err) {
    problems.push({ code: 'log-key', path: WITNESS_KEYS_PATH, message: `witness-keys.txt is malformed: ${message(err)}` });
    return [];
  }
}

function checkItem(item: ManifestItem, files: ReadonlyMap<string, Uint8Array>, checkpoint: Checkpoint | undefined, sha256: Sha256): ItemReport {
  const problems: BundleProblem[] = [];
  const data = files.get(item.path);
  const leafData = files.get(item.leaf_data);
  if (item.kind !== 'media' && item.leaf_data !== item.path) {
    problems.push({ code: 'manifest', path: item.path, message: `a ${item.kind} item must be its own leaf data, but leaf_data is ${item.leaf_data}` });
  }
  if (!data) problems.push({ code: 'missing-file', path: item.path, message: `${item.path} is missing` });
  else if (toHex(sha256(data)) !== item.sha256) {
    problems.push({
      code: 'sha256-mismatch',
      path: item.path,
      message: `${item.kind === 'media' ? 'media bytes' : 'the file'} do not hash to the recorded SHA-256 ${item.sha256}: the file was altered`,
    });
  }
  const expectedLeaf = fromHex(item.leaf_hash)!;
  if (!leafData) {
    if (item.leaf_data !== item.path) problems.push({ code: 'missing-file', path: item.leaf_data, message: `leaf data ${item.leaf_data} is missing` });
  } else {
    if (!bytesEqual(leafHash(leafData, sha256), expectedLeaf)) {
      problems.push({ code: 'leaf-hash-mismatch', path: item.leaf_data, message: `leaf data ${item.leaf_data} does not hash to the leaf hash ${item.leaf_hash}` });
    }
    if (item.kind === 'media' && !namesMedia(leafData, item.sha256)) {
      problems.push({ code: 'media-not-in-leaf', path: item.path, message: `the logged details in ${item.leaf_data} do not name SHA-256 ${item.sha256}` });
    }
  }
  if (checkpoint) {
    try {
      verifyInclusion(item.leaf_index, checkpoint.size, expectedLeaf, item.proof.map((p) => fromBase64(p)!), checkpoint.root, sha256);
    } catch (err) {
      problems.push({ code: 'proof', path: item.path, message: `the proof for log entry ${item.leaf_index} does not reach the checkpoint root: ${message(err)}` });
    }
  }
  return { kind: item.kind, path: item.path, leafIndex: item.leaf_index, ok: problems.length === 0, problems };
}

/** True when leaf data is a JSON object whose `sha256` member is the given hex digest. */
function namesMedia(leafData: Uint8Array, sha256Hex: string): boolean {
  try {
    const value = JSON.parse(fromUtf8(leafData)) as unknown;
    return typeof value === 'object' && value !== null && (value as { sha256?: unknown }).sha256 === sha256Hex;
  } catch {
    return false;
  }
}
