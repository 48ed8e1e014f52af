// C2SP signed-note keys (c2sp.org/signed-note): a key is a (name, signature type, public key) tuple named
// on the wire by a 4-byte key ID. Text forms follow the Go reference (golang.org/x/mod/sumdb/note):
//   verifier key  <name>+<hex key ID>+<base64(type || public key)>
//   signer key    PRIVATE+KEY+<name>+<hex key ID>+<base64(type || 32-byte Ed25519 seed)>
import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { bytesEqual, concatBytes, fromBase64, fromHex, toBase64, toHex, utf8 } from '../bytes.js';
import { FormatError } from '../errors.js';
import { sha256 } from '../merkle/sha256.js';

/** Signature type 0x01: Ed25519 over the note text (c2sp.org/signed-note). */
export const SIG_ED25519 = 0x01;
/** Signature type 0x04: timestamped Ed25519 witness cosignature (c2sp.org/tlog-cosignature, cosignature/v1). */
export const SIG_COSIGNATURE_V1 = 0x04;

export type KeyType = typeof SIG_ED25519 | typeof SIG_COSIGNATURE_V1;

/** A public key a verifier trusts. */
export interface VerifierKey {
  readonly name: string;
  readonly type: KeyType;
  /** 4 bytes: SHA-256(name || 0x0A || type || publicKey)[:4]. */
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
  /** The text form, `name+hex8+base64(type||publicKey)`. */
  readonly text: string;
}

/** A private key that signs notes (type 0x01) or cosigns checkpoints (type 0x04). */
export interface SignerKey extends VerifierKey {
  /** The 32-byte Ed25519 seed (RFC 8032 private key). */
  readonly privateKey: Uint8Array;
  /** The public half, as text. */
  readonly verifierKey: string;
}

const KEY_TYPES: readonly number[] = [SIG_ED25519, SIG_COSIGNATURE_V1];

/** True when `name` is a valid key name: non-empty, no Unicode white space, no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+\u0085]/u.test(name) && ![...name].some((c) => c.charCodeAt(0) < 0x20);
}

/** SHA-256(name || 0x0A || type || publicKey)[:4]; name is a valid key name. */
export function keyId(name: string, type: KeyType, publicKey: Uint8Array): Uint8Array {
  return sha256(concatBytes(utf8(name), Uint8Array.of(0x0a, type), publicKey)).slice(0, 4);
}

function assertName(what: string, name: string): void {
  if (!isValidKeyName(name)) throw new FormatError(what, `key name ${JSON.stringify(name)} must be non-empty, without spaces or '+'`);
}

/** Verifier key text for a public key; name must be valid. */
export function formatVerifierKey(name: string, type: KeyType, publicKey: Uint8Array): string {
  assertName('verifier key', name);
  return `${name}+${toHex(keyId(name, type, publicKey))}+${toBase64(concatBytes(Uint8Array.of(type), publicKey))}`;
}

/** Splits `name+hex8+base64` and checks the type, the key length and that the key ID matches. */
function parseKeyParts(what: string, name: string, idHex: string, material: string): { type: KeyType; keyId: Uint8Array; key: Uint8Array } {
  assertName(what, name);
  const id = /^[0-9a-f]{8}$/.test(idHex) ? fromHex(idHex) : undefined;
  if (!id) throw new FormatError(what, 'the key ID must be 8 lower-case hex digits');
  const raw = fromBase64(material);
  if (!raw || raw.length !== 33) throw new FormatError(what, 'the key must be base64 of a type byte and 32 key bytes');
  const type = raw[0]!;
  if (!KEY_TYPES.includes(type)) throw new FormatError(what, `unsupported signature type 0x${type.toString(16).padStart(2, '0')}`);
  return { type: type as KeyType, keyId: id, key: raw.slice(1) };
}

/** Parses and checks a verifier key `name+hex8+base64(type||pub)` (types 0x01 and 0x04). */
export function parseVerifierKey(text: string): VerifierKey {
  const parts = splitKey(text);
  if (!parts) throw new FormatError('verifier key', 'expected name+keyid+key');
  const [name, idHex, material] = parts;
  const { type, keyId: id, key } = parseKeyParts('verifier key', name, idHex, material);
  if (!bytesEqual(id, keyId(name, type, key))) throw new FormatError('verifier key', 'the key ID does not match the name and key');
  return { name, type, keyId: id, publicKey: key, text };
}

/** name+id+material, where the base64 material may itself hold '+'. */
function splitKey(text: string): [string, string, string] | undefined {
  const a = text.indexOf('+');
  const b = text.indexOf('+', a + 1);
  if (a < 0 || b < 0) return undefined;
  return [text.slice(0, a), text.slice(a + 1, b), text.slice(b + 1)];
}

/** Parses a signer key `PRIVATE+KEY+name+hex8+base64(type||seed)` and derives its public half. */
export function parseSignerKey(text: string): SignerKey {
  const parts = text.startsWith('PRIVATE+KEY+') ? splitKey(text.slice('PRIVATE+KEY+'.length)) : undefined;
  if (!parts) throw new FormatError('signing key', 'expected PRIVATE+KEY+name+keyid+key');
  const [name, idHex, material] = parts;
  const { type, keyId: id, key: seed } = parseKeyParts('signing key', name, idHex, material);
  const publicKey = ed25519.getPublicKey(seed);
  if (!bytesEqual(id, keyId(name, type, publicKey))) throw new FormatError('signing key', 'the key ID does not match the name and key');
  const verifierKey = formatVerifierKey(name, type, publicKey);
  return { name, type, keyId: id, publicKey, privateKey: seed, verifierKey, text: verifierKey };
}

/** A fresh Ed25519 key (random unless a 32-byte seed is given) in both text forms; name must be valid. */
export function generateSigningKey(
  name: string,
  options: { type?: KeyType; seed?: Uint8Array } = {},
): { signingKey: string; verifierKey: string } {
  assertName('signing key', name);
  const type = options.type ?? SIG_ED25519;
  const seed = options.seed ?? randomBytes(32);
  if (seed.length !== 32) throw new FormatError('signing key', 'an Ed25519 seed is 32 bytes');
  const publicKey = ed25519.getPublicKey(seed);
  const id = toHex(keyId(name, type, publicKey));
  return {
    signingKey: `PRIVATE+KEY+${name}+${id}+${toBase64(concatBytes(Uint8Array.of(type), seed))}`,
    verifierKey: formatVerifierKey(name, type, publicKey),
  };
}
