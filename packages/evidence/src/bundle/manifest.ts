// The investigator bundle's manifest: an index of every file and the proof that ties each one to the
// signed log. It is unsigned, so every field in it is either checked against the signed checkpoint or
// the files, and its bytes must be exactly the deterministic serialisation below: no field or byte can
// change without the bundle check noticing.
import { z } from 'zod';
import { fromUtf8, utf8 } from '../bytes.js';
import { FormatError } from '../errors.js';

export const BUNDLE_FORMAT = 'civdef-evidence-bundle/v1';
export const MANIFEST_PATH = 'manifest.json';
export const README_PATH = 'README.txt';
export const CHECKPOINT_PATH = 'checkpoint.txt';
export const LOG_KEY_PATH = 'log-key.txt';
export const WITNESS_KEYS_PATH = 'witness-keys.txt';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');
const base64Hash = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'base64 of a 32-byte hash');
const safePath = z
  .string()
  .min(1)
  .max(255)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), 'a safe relative path');

/** Kinds of item: a logged record (an event), a media file's logged metadata, or the media bytes. */
export const ItemKind = z.enum(['record', 'metadata', 'media']);
export type ItemKind = z.infer<typeof ItemKind>;

export const ManifestItem = z.strictObject({
  kind: ItemKind,
  /** The file this item is about. For record and metadata items it is the leaf data itself. */
  path: safePath,
  /** SHA-256 of the file at path. */
  sha256: hex64,
  leaf_index: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** The file holding the logged leaf data (for media: its metadata record). */
  leaf_data: safePath,
  /** SHA-256(0x00 || leaf data). */
  leaf_hash: hex64,
  /** The inclusion proof of the leaf in the tree of the checkpoint, leaf to root. */
  proof: z.array(base64Hash).max(64),
});
export type ManifestItem = z.infer<typeof ManifestItem>;

export const Manifest = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  checkpoint: z.literal(CHECKPOINT_PATH),
  log_key: z.literal(LOG_KEY_PATH),
  /** Verifier keys of the witnesses whose cosignatures the checkpoint carries, one per line. */
  witness_keys: z.literal(WITNESS_KEYS_PATH),
  readme: z.strictObject({ path: z.literal(README_PATH), sha256: hex64 }),
  /** The checkpoint's tree size, repeated so a reader sees it without parsing the note. */
  tree_size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  items: z.array(ManifestItem).min(1),
});
export type Manifest = z.infer<typeof Manifest>;

/** Deterministic pretty JSON: members sorted by code unit, two-space indent, final newline. */
export function serialiseManifest(manifest: Manifest): Uint8Array {
  return utf8(`${JSON.stringify(sortKeys(manifest), null, 2)}\n`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((k) => [k, sortKeys(record[k])]));
  }
  return value;
}

/** Parses manifest bytes; throws FormatError if they are not valid or not in the exact serialised form. */
export function parseManifest(bytes: Uint8Array): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(bytes));
  } catch {
    throw new FormatError('manifest', 'not UTF-8 JSON');
  }
  const parsed = Manifest.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FormatError('manifest', `${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  const again = serialiseManifest(parsed.data);
  if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i])) {
    throw new FormatError('manifest', 'not in its canonical layout (sorted keys, two-space indent): it was edited');
  }
  return parsed.data;
}
