import { describe, expect, it } from 'vitest';
import { toBase64, toHex } from '../bytes.js';
import { FormatError, NoteVerificationError } from '../errors.js';
import { EMPTY_ROOT } from '../merkle/hashing.js';
import { formatCheckpoint, parseCheckpoint, signCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { addCosignature, cosignNote, verifyCosignature } from './cosignature.js';
import { SIG_COSIGNATURE_V1, generateSigningKey, parseSignerKey } from './keys.js';
import { parseNote, parseSignatureLine } from './signed-note.js';

const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

const log = parseSignerKey(generateSigningKey('civdef.example/log').signingKey);
const w1 = parseSignerKey(generateSigningKey('witness.example/w1', { type: SIG_COSIGNATURE_V1 }).signingKey);
const w2 = parseSignerKey(generateSigningKey('witness.example/w2', { type: SIG_COSIGNATURE_V1 }).signingKey);
const root = new Uint8Array(32).map((_, i) => i);

describe('tlog-checkpoint', () => {
  it('parses the spec example and formats it back identically', () => {
    const cp = parseCheckpoint(SPEC_BODY);
    expect(cp.origin).toBe('example.com/behind-the-sofa');
    expect(cp.size).toBe(20852163);
    expect(toBase64(cp.root)).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(formatCheckpoint(cp)).toBe(SPEC_BODY);
  });

  it('round-trips extensions and the empty tree', () => {
    const cp = { origin: 'o.example/x', size: 0, root: EMPTY_ROOT, extensions: ['ext one', 'two'] };
    const back = parseCheckpoint(formatCheckpoint(cp));
    expect(back.extensions).toEqual(['ext one', 'two']);
    expect(toHex(back.root)).toBe(toHex(EMPTY_ROOT));
    expect(back.size).toBe(0);
  });

  it('refuses malformed checkpoints', () => {
    const bad = [
      'o\n12\n',
      '\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
      'o\n012\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
      'o\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
      'o\n1e3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
      'o\n9007199254740993\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
      'o\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2=\n',
      'o\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\nx\n',
      'o\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=',
    ];
    for (const text of bad) expect(() => parseCheckpoint(text), JSON.stringify(text)).toThrow(FormatError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1.5, root })).toThrow(FormatError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, root: root.slice(1) })).toThrow(FormatError);
  });

  it('signs and verifies; the log key must have signed and its name must be the origin', () => {
    const note = signCheckpoint({ origin: 'civdef.example/log', size: 42, root }, log);
    const { checkpoint, verified } = verifyCheckpoint(note, log.verifierKey);
    expect(checkpoint.size).toBe(42);
    expect(verified.map((v) => v.name)).toEqual(['civdef.example/log']);
    const other = signCheckpoint({ origin: 'somewhere.else/log', size: 42, root }, log);
    expect(() => verifyCheckpoint(other, log.verifierKey)).toThrow(/origin/);
    const forged = signCheckpoint({ origin: 'civdef.example/log', size: 42, root }, parseSignerKey(generateSigningKey('civdef.example/log').signingKey));
    expect(() => verifyCheckpoint(forged, log.verifierKey)).toThrow(NoteVerificationError);
  });
});

describe('tlog-cosignature v1 (Ed25519, type 0x04)', () => {
  it('decodes the spec example cosignature: key ID, then the timestamp of its example message', () => {
    const sig = parseSignatureLine('\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==');
    expect(sig.signature).toHaveLength(72);
    const time = new DataView(sig.signature.buffer, sig.signature.byteOffset, 8).getBigUint64(0);
    expect(time).toBe(1679315147n);
  });

  it('a witness cosignature verifies against the configured witness key and merges into the note', () => {
    const body = formatCheckpoint({ origin: 'civdef.example/log', size: 7, root });
    const note = signCheckpoint({ origin: 'civdef.example/log', size: 7, root }, log);
    const line = cosignNote(body, w1, 1_700_000_000);
    const ok = verifyCosignature(body, line, [w1.verifierKey]);
    expect(ok.timestamp).toBe(1_700_000_000);
    const merged = addCosignature(note, line, [w1.verifierKey, w2.verifierKey]);
    expect(parseNote(merged).signatures).toHaveLength(2);
    const { witnessed } = verifyCheckpoint(merged, log.verifierKey, [w1.verifierKey]);
    expect(witnessed.map((w) => [w.name, w.timestamp])).toEqual([['witness.example/w1', 1_700_000_000]]);
    // A second witness adds a line; a newer cosignature by w1 replaces the old one; an older one is ignored.
    const two = addCosignature(merged, cosignNote(body, w2, 1_700_000_005), [w1.verifierKey, w2.verifierKey]);
    const newer = addCosignature(two, cosignNote(body, w1, 1_700_000_010), [w1.verifierKey, w2.verifierKey]);
    expect(parseNote(newer).signatures).toHaveLength(3);
    expect(verifyCheckpoint(newer, log.verifierKey, [w1.verifierKey, w2.verifierKey]).witnessed.map((w) => w.timestamp)).toEqual([1_700_000_010, 1_700_000_005]);
    expect(addCosignature(newer, line, [w1.verifierKey, w2.verifierKey])).toBe(newer);
  });

  it('refuses a cosignature from an unknown witness, over another checkpoint, or altered', () => {
    const body = formatCheckpoint({ origin: 'civdef.example/log', size: 7, root });
    const note = signCheckpoint({ origin: 'civdef.example/log', size: 7, root }, log);
    const line = cosignNote(body, w1, 1_700_000_000);
    expect(() => addCosignature(note, line, [w2.verifierKey])).toThrow(NoteVerificationError);
    const otherBody = formatCheckpoint({ origin: 'civdef.example/log', size: 8, root });
    expect(() => addCosignature(note, cosignNote(otherBody, w1, 1_700_000_000), [w1.verifierKey])).toThrow(/does not verify/);
    const tampered = line.replace(/[A-Za-z](?==*\n$)/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(() => verifyCosignature(body, tampered, [w1.verifierKey])).toThrow();
    // A log key (type 0x01) cannot stand in for a witness.
    expect(() => cosignNote(body, log, 1)).toThrow(FormatError);
  });
});
