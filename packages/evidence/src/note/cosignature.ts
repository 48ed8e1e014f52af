// Witness cosignatures (c2sp.org/tlog-cosignature, Ed25519 cosignature/v1, type 0x04): a witness states
// that, at a time, this checkpoint was the largest consistent tree it had seen. The log accepts a
// cosignature only from a configured witness key, checks it, and merges it into its checkpoint note.
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesEqual, utf8 } from '../bytes.js';
import { FormatError, NoteVerificationError } from '../errors.js';
import { cosignatureMessage, encodeTimestampedSignature } from './cosignature-message.js';
import { type SignerKey, type VerifierKey, SIG_COSIGNATURE_V1, parseVerifierKey } from './keys.js';
import { type NoteSignature, type VerifiedSignature, assertNoteText, checkSignature, formatNote, formatSignatureLine, parseNote, parseSignatureLine } from './signed-note.js';

/** The cosignature line (with newline) a witness with a type 0x04 key makes over checkpoint text at `timestamp`. */
export function cosignNote(checkpointText: string, witness: SignerKey, timestamp: number): string {
  assertNoteText(checkpointText);
  if (witness.type !== SIG_COSIGNATURE_V1) throw new FormatError('signing key', 'a witness cosigns with a type 0x04 key');
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new FormatError('cosignature', `timestamp ${timestamp} is not a POSIX time in seconds`);
  const signature = ed25519.sign(utf8(cosignatureMessage(checkpointText, timestamp)), witness.privateKey);
  return formatSignatureLine({ name: witness.name, keyId: witness.keyId, signature: encodeTimestampedSignature(timestamp, signature) });
}

/** Verifies one cosignature line (with or without its newline) over checkpoint text by one of the witness keys. */
export function verifyCosignature(checkpointText: string, line: string, witnesses: readonly (string | VerifierKey)[]): VerifiedSignature & { line: NoteSignature } {
  assertNoteText(checkpointText);
  const sig = parseSignatureLine(line.endsWith('\n') ? line.slice(0, -1) : line);
  const keys = witnesses.map((k) => (typeof k === 'string' ? parseVerifierKey(k) : k)).filter((k) => k.type === SIG_COSIGNATURE_V1);
  const key = keys.find((k) => k.name === sig.name && bytesEqual(k.keyId, sig.keyId));
  if (!key) throw new NoteVerificationError('no-trusted-signature', keys.map((k) => k.name));
  const ok = checkSignature(checkpointText, sig, key);
  if (!ok) throw new NoteVerificationError('bad-signature', [key.name]);
  return { ...ok, line: sig };
}

/**
 * Adds a verified witness cosignature to a signed note. A newer cosignature by the same witness replaces
 * the older one; an older one is ignored. Returns the new note text.
 */
export function addCosignature(note: string, line: string, witnesses: readonly (string | VerifierKey)[]): string {
  const parsed = parseNote(note);
  const added = verifyCosignature(parsed.text, line, witnesses);
  const key = witnesses.map((k) => (typeof k === 'string' ? parseVerifierKey(k) : k)).find((k) => k.name === added.name && bytesEqual(k.keyId, added.keyId))!;
  const signatures: NoteSignature[] = [];
  let replaced = false;
  for (const sig of parsed.signatures) {
    if (sig.name === added.name && bytesEqual(sig.keyId, added.keyId)) {
      const existing = checkSignature(parsed.text, sig, key);
      if (existing && (existing.timestamp ?? 0) >= (added.timestamp ?? 0)) return note;
      if (!replaced) signatures.push(added.line);
      replaced = true;
      continue;
    }
    signatures.push(sig);
  }
  if (!replaced) signatures.push(added.line);
  return formatNote({ text: parsed.text, signatures });
}
