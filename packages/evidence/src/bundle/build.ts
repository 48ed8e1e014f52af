// Builds an investigator bundle from what the server reads out of its log: the signed checkpoint, the
// log key, and per item its bytes, leaf data, leaf index and inclusion proof. The result is a file map
// (write it as a directory or packTar it); buildBundle checks it with verifyBundle before returning, so
// the server can never hand out a bundle that does not verify.
import { toBase64, toHex, utf8 } from '../bytes.js';
import { EvidenceError, FormatError } from '../errors.js';
import { leafHash } from '../merkle/hashing.js';
import { type Sha256, sha256 as defaultSha256 } from '../merkle/sha256.js';
import { parseCheckpoint } from '../note/checkpoint.js';
import { parseNote } from '../note/signed-note.js';
import {
  BUNDLE_FORMAT,
  CHECKPOINT_PATH,
  LOG_KEY_PATH,
  WITNESS_KEYS_PATH,
  MANIFEST_PATH,
  README_PATH,
  type Manifest,
  type ManifestItem,
  serialiseManifest,
} from './manifest.js';
import { type ReadmeInput, renderReadme } from './readme.js';
import { assertSafePath } from './tar.js';
import { verifyBundle } from './verify.js';

/** A logged record or media-metadata record: the file is the leaf data itself. */
export interface LeafItemInput {
  readonly kind: 'record' | 'metadata';
  readonly leafIndex: number;
  readonly leafData: Uint8Array;
  readonly proof: readonly Uint8Array[];
  /** Defaults to records/<index>.json or metadata/<index>.json. */
  readonly path?: string;
}

/** A media file, proven through its metadata leaf (a JSON object whose `sha256` is the file's hex SHA-256). */
export interface MediaItemInput {
  readonly kind: 'media';
  readonly path: string;
  readonly data: Uint8Array;
  /** Index, data and proof of the media's metadata leaf. */
  readonly leafIndex: number;
  readonly leafData: Uint8Array;
  readonly proof: readonly Uint8Array[];
}

export type BundleItemInput = LeafItemInput | MediaItemInput;

export interface BundleInput {
  /** The signed checkpoint note every proof leads to. */
  readonly checkpoint: string;
  /** The log's verifier key text (name+id+key). */
  readonly logKey: string;
  /** Verifier keys (type 0x04) of every witness whose cosignature the checkpoint carries. */
  readonly witnessKeys?: readonly string[];
  readonly items: readonly BundleItemInput[];
  readonly readme: ReadmeInput;
}

/** Thrown when the input would make a bundle that does not verify; carries the failing report lines. */
export class BundleBuildError extends EvidenceError {
  readonly code = 'evidence-bundle-build';
  constructor(readonly problems: readonly string[]) {
    super(`The bundle would not verify: ${problems.join('; ')}`);
  }
}

/** Files of the bundle, path -> bytes; throws FormatError / BundleBuildError on inconsistent input. */
export function buildBundle(input: BundleInput, options: { sha256?: Sha256 } = {}): Map<string, Uint8Array> {
  const sha256 = options.sha256 ?? defaultSha256;
  const checkpoint = parseCheckpoint(parseNote(input.checkpoint).text);
  const files = new Map<string, Uint8Array>();
  const put = (path: string, data: Uint8Array): void => {
    assertSafePath(path);
    const existing = files.get(path);
    if (existing && (existing.length !== data.length || existing.some((b, i) => b !== data[i]))) {
      throw new FormatError('bundle', `two different files would be written to ${path}`);
    }
    files.set(path, data);
  };

  // Metadata leaves named by an item keep that name; media items reuse it for their leaf data.
  const metadataPath = new Map<number, string>();
  for (const item of input.items) {
    if (item.kind === 'metadata') metadataPath.set(item.leafIndex, item.path ?? `metadata/${item.leafIndex}.json`);
  }
  const items: ManifestItem[] = input.items.map((item) => {
    const leafPath =
      item.kind === 'record'
        ? (item.path ?? `records/${item.leafIndex}.json`)
        : (metadataPath.get(item.leafIndex) ?? item.path ?? `metadata/${item.leafIndex}.json`);
    const path = item.kind === 'media' ? item.path : leafPath;
    put(leafPath, item.leafData);
    if (item.kind === 'media') put(path, item.data);
    return {
      kind: item.kind,
      path,
      sha256: toHex(sha256(item.kind === 'media' ? item.data : item.leafData)),
      leaf_index: item.leafIndex,
      leaf_data: leafPath,
      leaf_hash: toHex(leafHash(item.leafData, sha256)),
      proof: item.proof.map(toBase64),
    };
  });
  for (const reserved of [MANIFEST_PATH, README_PATH, CHECKPOINT_PATH, LOG_KEY_PATH, WITNESS_KEYS_PATH]) {
    if (files.has(reserved)) throw new FormatError('bundle', `an item may not be called ${reserved}`);
  }

  const readme = utf8(
    renderReadme(
      input.readme,
      items.map((i) => ({ kind: i.kind, path: i.path, sha256: i.sha256, leafIndex: i.leaf_index })),
      { origin: checkpoint.origin, size: checkpoint.size, rootBase64: toBase64(checkpoint.root) },
      input.logKey,
    ),
  );
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    checkpoint: CHECKPOINT_PATH,
    log_key: LOG_KEY_PATH,
    witness_keys: WITNESS_KEYS_PATH,
    readme: { path: README_PATH, sha256: toHex(sha256(readme)) },
    tree_size: checkpoint.size,
    items,
  };
  const out = new Map<string, Uint8Array>([
    [README_PATH, readme],
    [MANIFEST_PATH, serialiseManifest(manifest)],
    [CHECKPOINT_PATH, utf8(input.checkpoint)],
    [LOG_KEY_PATH, utf8(`${input.logKey}\n`)],
    [WITNESS_KEYS_PATH, utf8((input.witnessKeys ?? []).map((k) => `${k}\n`).join(''))],
    ...files,
  ]);
  const report = verifyBundle(out, [input.logKey, ...(input.witnessKeys ?? [])], { sha256 });
  const problems = [...report.problems, ...report.items.flatMap((i) => i.problems)].map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  if (problems.length > 0) throw new BundleBuildError(problems);
  return out;
}
