import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes.js';
import { FormatError, NoteVerificationError } from '../errors.js';
import { SIG_COSIGNATURE_V1, generateSigningKey, keyId, parseSignerKey, parseVerifierKey } from './keys.js';
import { formatNote, parseNote, signNote, verifyNote } from './signed-note.js';

// The published example of the Go reference implementation (golang.org/x/mod/sumdb/note), reused by
// independent implementations as the signed-note test vector. Ed25519 is deterministic, so signing the
// text with the private key must reproduce the note byte for byte.
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const NOTE = `${TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('signed-note keys', () => {
  it('parses the published keys; the key ID is SHA-256(name || 0x0A || 0x01 || pub)[:4]', () => {
    const v = parseVerifierKey(VKEY);
    expect(v.name).toBe('PeterNeumann');
    expect(toHex(v.keyId)).toBe('c74f20a3');
    expect(toHex(keyId(v.name, 1, v.publicKey))).toBe('c74f20a3');
    const s = parseSignerKey(SKEY);
    expect(s.verifierKey).toBe(VKEY);
  });

  it('refuses mangled keys: every truncation and every changed character', () => {
    for (let i = 0; i < VKEY.length; i++) {
      const changed = VKEY.slice(0, i) + String.fromCharCode(VKEY.charCodeAt(i) + 1) + VKEY.slice(i + 1);
      expect(() => parseVerifierKey(changed), changed).toThrow(FormatError);
      expect(() => parseVerifierKey(VKEY.slice(0, i))).toThrow(FormatError);
    }
    expect(() => parseVerifierKey('Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(FormatError);
    expect(() => parseSignerKey(SKEY.replace('PRIVATE+KEY+', ''))).toThrow(FormatError);
    expect(() => parseSignerKey(SKEY.replace('+c74f20a3+', '+c74f20a4+'))).toThrow(/key ID/);
  });

  it('generates keys in both text forms that parse back and agree', () => {
    const { signingKey, verifierKey } = generateSigningKey('civdef.example/log');
    expect(signingKey).toMatch(/^PRIVATE\+KEY\+civdef\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(parseSignerKey(signingKey).verifierKey).toBe(verifierKey);
    expect(parseVerifierKey(verifierKey).type).toBe(1);
    const witness = generateSigningKey('witness.example/w1', { type: SIG_COSIGNATURE_V1 });
    expect(parseVerifierKey(witness.verifierKey).type).toBe(SIG_COSIGNATURE_V1);
    expect(generateSigningKey('a').signingKey).not.toBe(generateSigningKey('a').signingKey);
    expect(() => generateSigningKey('has space')).toThrow(FormatError);
    expect(() => generateSigningKey('has+plus')).toThrow(FormatError);
  });
});

describe('signed notes', () => {
  it('signing the published text reproduces the published note exactly', () => {
    expect(signNote(TEXT, parseSignerKey(SKEY))).toBe(NOTE);
    const { name, privateKey } = parseSignerKey(SKEY);
    expect(signNote(TEXT, { name, privateKey })).toBe(NOTE);
  });

  it('verifies the published note and reports who signed', () => {
    const { text, verified } = verifyNote(NOTE, [VKEY]);
    expect(text).toBe(TEXT);
    expect(verified.map((v) => v.name)).toEqual(['PeterNeumann']);
  });

  it('a changed text fails with bad-signature', () => {
    const err = catchError(() => verifyNote(NOTE.replace('cryptography', 'cryptographY'), [VKEY]));
    expect(err).toBeInstanceOf(NoteVerificationError);
    expect((err as NoteVerificationError).reason).toBe('bad-signature');
  });

  it('every flipped byte of the note is refused', () => {
    const bytes = new TextEncoder().encode(NOTE);
    for (let i = 0; i < bytes.length; i++) {
      const copy = bytes.slice();
      copy[i]! ^= 0x01;
      const mangled = new TextDecoder().decode(copy);
      expect(() => verifyNote(mangled, [VKEY]), `byte ${i}`).toThrow();
    }
  });

  it('signatures by unknown keys are ignored, but some trusted key must sign', () => {
    const other = parseSignerKey(generateSigningKey('other.example/log').signingKey);
    const both = formatNote({ text: TEXT, signatures: [...parseNote(NOTE).signatures, ...parseNote(signNote(TEXT, other)).signatures] });
    expect(verifyNote(both, [VKEY]).verified).toHaveLength(1);
    expect(verifyNote(both, [VKEY, other.verifierKey]).verified).toHaveLength(2);
    const err = catchError(() => verifyNote(signNote(TEXT, other), [VKEY]));
    expect((err as NoteVerificationError).reason).toBe('no-trusted-signature');
    // Same name, another key: not ours, so ignored rather than failed.
    const impostor = parseSignerKey(generateSigningKey('PeterNeumann').signingKey);
    const withImpostor = formatNote({ text: TEXT, signatures: [...parseNote(signNote(TEXT, impostor)).signatures, ...parseNote(NOTE).signatures] });
    expect(verifyNote(withImpostor, [VKEY]).verified).toHaveLength(1);
  });

  it('refuses malformed notes with FormatError', () => {
    expect(() => parseNote(TEXT)).toThrow(FormatError);
    expect(() => parseNote(NOTE.slice(0, -1))).toThrow(FormatError);
    expect(() => parseNote(NOTE.replace('\u2014', '--'))).toThrow(FormatError);
    expect(() => parseNote(`a\tb\n${NOTE.slice(TEXT.length)}`)).toThrow(FormatError);
    expect(() => signNote('no final newline', parseSignerKey(SKEY))).toThrow(FormatError);
    const many = `${TEXT}\n${'\u2014 x AAAAAAAA\n'.repeat(101)}`;
    expect(() => parseNote(many)).toThrow(/more than 100/);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
