// C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the note text of a signed tree head.
//   <origin>\n<tree size, decimal, no leading zeros>\n<base64 root hash>\n[<extension line>\n...]
import { fromBase64, toBase64 } from '../bytes.js';
import { FormatError, NoteVerificationError } from '../errors.js';
import { HASH_SIZE } from '../merkle/sha256.js';
import { type VerifierKey, SIG_ED25519, parseVerifierKey } from './keys.js';
import { type NoteSigner, type VerifiedSignature, assertNoteText, signNote, verifyNote } from './signed-note.js';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  /** Opaque, non-empty extra lines (not recommended by the spec, kept for round trips). */
  readonly extensions?: readonly string[];
}

/** The checkpoint's note text; origin and extensions are non-empty single lines, size a safe integer, root 32 bytes. */
export function formatCheckpoint(cp: Checkpoint): string {
  if (cp.origin.length === 0 || cp.origin.includes('\n')) throw new FormatError('checkpoint', 'the origin must be one non-empty line');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw new FormatError('checkpoint', `tree size ${cp.size} is not a count`);
  if (cp.root.length !== HASH_SIZE) throw new FormatError('checkpoint', 'the root hash must be 32 bytes');
  for (const ext of cp.extensions ?? []) {
    if (ext.length === 0 || ext.includes('\n')) throw new FormatError('checkpoint', 'extension lines must be non-empty single lines');
  }
  const text = [cp.origin, String(cp.size), toBase64(cp.root), ...(cp.extensions ?? [])].join('\n') + '\n';
  assertNoteText(text);
  return text;
}

/** Parses checkpoint note text (the body, without signatures). */
export function parseCheckpoint(text: string): Checkpoint {
  assertNoteText(text);
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new FormatError('checkpoint', 'expected origin, tree size and root hash lines');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw new FormatError('checkpoint', 'the origin line is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) throw new FormatError('checkpoint', `tree size ${JSON.stringify(sizeText)} is not a decimal without leading zeros`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new FormatError('checkpoint', `tree size ${sizeText} is beyond 2^53-1`);
  const root = fromBase64(rootText);
  if (!root || root.length !== HASH_SIZE) throw new FormatError('checkpoint', 'the root hash line is not base64 of 32 bytes');
  if (extensions.some((e) => e.length === 0)) throw new FormatError('checkpoint', 'an extension line is empty');
  return extensions.length > 0 ? { origin, size, root, extensions } : { origin, size, root };
}

/** A checkpoint signed by the log's type 0x01 key, as a signed note. */
export function signCheckpoint(cp: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(cp), signer);
}

/**
 * Verifies a signed checkpoint against the log's key (and optionally witnesses' keys) and parses it.
 * The log key's name must equal the origin, so a note from one log is never taken for another's.
 */
export function verifyCheckpoint(
  note: string,
  logKey: string | VerifierKey,
  witnesses: readonly (string | VerifierKey)[] = [],
): { checkpoint: Checkpoint; verified: VerifiedSignature[]; witnessed: VerifiedSignature[] } {
  const { text, verified } = verifyNote(note, [logKey, ...witnesses]);
  const checkpoint = parseCheckpoint(text);
  const logName = (typeof logKey === 'string' ? parseVerifierKey(logKey) : logKey).name;
  if (!verified.some((v) => v.name === logName && v.type === SIG_ED25519)) {
    throw new NoteVerificationError('no-trusted-signature', [logName]);
  }
  if (checkpoint.origin !== logName) throw new FormatError('checkpoint', `origin ${checkpoint.origin} is not the log key's name ${logName}`);
  return { checkpoint, verified, witnessed: verified.filter((v) => v.type !== SIG_ED25519) };
}
