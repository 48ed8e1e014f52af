// C2SP signed notes (c2sp.org/signed-note): text ending in a newline, a blank line, then signature lines
// "— <key name> <base64(key ID || signature)>". Verification follows the spec's rules: signatures from
// unknown keys are ignored, a bad signature from a known key rejects the whole note, and at least one
// known key must verify.
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesEqual, concatBytes, fromBase64, toBase64, utf8 } from '../bytes.js';
import { FormatError, NoteVerificationError } from '../errors.js';
import { cosignatureMessage, decodeTimestampedSignature } from './cosignature-message.js';
import { type VerifierKey, SIG_COSIGNATURE_V1, SIG_ED25519, isValidKeyName, keyId, parseVerifierKey } from './keys.js';

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  /** 4-byte key ID. */
  readonly keyId: Uint8Array;
  /** The bytes after the key ID (an Ed25519 signature, or timestamp || signature for cosignatures). */
  readonly signature: Uint8Array;
}

/** A parsed, not yet verified, note. */
export interface Note {
  /** The signed text, including its final newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** A signature that verified under a trusted key. */
export interface VerifiedSignature {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly type: number;
  /** POSIX seconds, for cosignatures only. */
  readonly timestamp?: number;
}

const DASH = '\u2014 ';
/** More signatures than any honest note carries; the spec asks verifiers for a limit of at least 16. */
export const MAX_SIGNATURES = 100;

/** Throws FormatError unless `text` is valid note text: non-empty, newline-terminated, no control characters. */
export function assertNoteText(text: string): void {
  if (text.length === 0 || !text.endsWith('\n')) throw new FormatError('note', 'the text must end with a newline');
  if ([...text].some((c) => c.charCodeAt(0) < 0x20 && c !== '\n')) throw new FormatError('note', 'the text holds a control character');
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) throw new FormatError('note', 'the text is not valid Unicode');
}

/** Parses a signed note (syntax only; verify with verifyNote). */
export function parseNote(note: string): Note {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new FormatError('note', 'no blank line separates the text from the signatures');
  const text = note.slice(0, split + 1);
  assertNoteText(text);
  const sigBlock = note.slice(split + 2);
  if (!sigBlock.endsWith('\n')) throw new FormatError('note', 'the last signature line must end with a newline');
  const lines = sigBlock.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new FormatError('note', `more than ${MAX_SIGNATURES} signatures`);
  return { text, signatures: lines.map(parseSignatureLine) };
}

/** Parses one line "— name base64" (without its newline). */
export function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(DASH)) throw new FormatError('note', `signature line does not start with an em dash and a space: ${JSON.stringify(line.slice(0, 40))}`);
  const rest = line.slice(DASH.length);
  const space = rest.lastIndexOf(' ');
  const name = rest.slice(0, space);
  if (space < 0 || !isValidKeyName(name)) throw new FormatError('note', `signature line has no valid key name: ${JSON.stringify(line.slice(0, 40))}`);
  const raw = fromBase64(rest.slice(space + 1));
  if (!raw || raw.length < 5) throw new FormatError('note', `signature by ${name} is not base64 of a key ID and a signature`);
  return { name, keyId: raw.slice(0, 4), signature: raw.slice(4) };
}

/** The wire form of one signature line, with its newline. */
export function formatSignatureLine(sig: NoteSignature): string {
  return `${DASH}${sig.name} ${toBase64(concatBytes(sig.keyId, sig.signature))}\n`;
}

/** The wire form of a note; text is valid note text and there is at least one signature. */
export function formatNote(note: Note): string {
  assertNoteText(note.text);
  if (note.signatures.length === 0) throw new FormatError('note', 'a signed note needs at least one signature');
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

/** What signs a note: a key name and a 32-byte Ed25519 seed (a parsed SignerKey fits). */
export interface NoteSigner {
  readonly name: string;
  readonly privateKey: Uint8Array;
  /** Only type 0x01 keys sign notes; witnesses cosign with cosignNote. Defaults to 0x01. */
  readonly type?: number;
}

/** Ed25519 (type 0x01) signature over valid note text by `signer`. */
export function noteSignature(text: string, signer: NoteSigner): NoteSignature {
  assertNoteText(text);
  if (!isValidKeyName(signer.name)) throw new FormatError('signing key', `key name ${JSON.stringify(signer.name)} is not valid`);
  if (signer.privateKey.length !== 32) throw new FormatError('signing key', 'an Ed25519 private key (seed) is 32 bytes');
  const id = keyId(signer.name, SIG_ED25519, ed25519.getPublicKey(signer.privateKey));
  return { name: signer.name, keyId: id, signature: ed25519.sign(utf8(text), signer.privateKey) };
}

/** A note of `text` signed by `signer`; text must be valid note text (non-empty, newline-terminated). */
export function signNote(text: string, signer: NoteSigner): string {
  if ((signer.type ?? SIG_ED25519) !== SIG_ED25519) throw new FormatError('signing key', 'notes are signed with a type 0x01 key; witnesses cosign with cosignNote');
  return formatNote({ text, signatures: [noteSignature(text, signer)] });
}

/** Checks one signature against one matching key; returns what verified or undefined if it is bad. */
export function checkSignature(text: string, sig: NoteSignature, key: VerifierKey): VerifiedSignature | undefined {
  if (key.type === SIG_ED25519) {
    if (sig.signature.length !== 64) return undefined;
    return ed25519.verify(sig.signature, utf8(text), key.publicKey, { zip215: false })
      ? { name: key.name, keyId: key.keyId, type: key.type }
      : undefined;
  }
  const decoded = decodeTimestampedSignature(sig.signature);
  if (!decoded) return undefined;
  return ed25519.verify(decoded.signature, utf8(cosignatureMessage(text, decoded.timestamp)), key.publicKey, { zip215: false })
    ? { name: key.name, keyId: key.keyId, type: SIG_COSIGNATURE_V1, timestamp: decoded.timestamp }
    : undefined;
}

/** Verifies a note against trusted keys (text or parsed); returns its text and which keys signed it. */
export function verifyNote(note: string | Note, trusted: readonly (string | VerifierKey)[]): { text: string; verified: VerifiedSignature[] } {
  const parsed = typeof note === 'string' ? parseNote(note) : note;
  const keys = trusted.map((k) => (typeof k === 'string' ? parseVerifierKey(k) : k));
  const verified: VerifiedSignature[] = [];
  for (const sig of parsed.signatures) {
    // Unknown keys are ignored even if they share the name or the ID (but not both) with a known key.
    const key = keys.find((k) => k.name === sig.name && bytesEqual(k.keyId, sig.keyId));
    if (!key) continue;
    const ok = checkSignature(parsed.text, sig, key);
    if (!ok) throw new NoteVerificationError('bad-signature', [key.name]);
    if (!verified.some((v) => v.name === ok.name && bytesEqual(v.keyId, ok.keyId))) verified.push(ok);
  }
  if (verified.length === 0) throw new NoteVerificationError('no-trusted-signature', keys.map((k) => k.name));
  return { text: parsed.text, verified };
}
