import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../bytes.js';
import { generateSigningKey } from '../note/keys.js';
import { LOG, WITNESS, sampleBundle } from '../test-support/sample-bundle.js';
import { BundleBuildError, buildBundle } from './build.js';
import { type BundleReport, verifyBundle } from './verify.js';

const trusted = [LOG.verifierKey, WITNESS.verifierKey];
const codes = (r: BundleReport): string[] => [...r.problems, ...r.items.flatMap((i) => i.problems)].map((p) => p.code);
const withFile = (files: Map<string, Uint8Array>, path: string, data: Uint8Array | undefined): Map<string, Uint8Array> => {
  const copy = new Map(files);
  if (data) copy.set(path, data);
  else copy.delete(path);
  return copy;
};

describe('investigator bundle', () => {
  it('builds a bundle that verifies, signed by the log and cosigned by the witness', async () => {
    const { files } = await sampleBundle();
    expect([...files.keys()].sort()).toEqual(
      ['README.txt', 'checkpoint.txt', 'log-key.txt', 'witness-keys.txt', 'manifest.json', 'media/IMG_0042.jpg', 'metadata/21.json', 'records/20.json', 'records/22.json'].sort(),
    );
    const report = verifyBundle(files, trusted);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.items.map((i) => [i.kind, i.ok])).toEqual([
      ['record', true],
      ['metadata', true],
      ['media', true],
      ['record', true],
    ]);
    expect(report.checkpoint?.signedBy).toEqual([
      { name: 'civdef.example/log', trusted: true },
      { name: 'witness.example/w1', trusted: true, timestamp: 1_714_641_000 },
    ]);
    // Without the witness among the trusted keys, its cosignature still checks (against the bundled
    // key) but is marked as not independently trusted.
    const logOnly = verifyBundle(files, [LOG.verifierKey]);
    expect(logOnly.ok).toBe(true);
    expect(logOnly.checkpoint?.signedBy[1]).toEqual({ name: 'witness.example/w1', trusted: false, timestamp: 1_714_641_000 });
  });

  it('the README tells the chain of custody in time order, in plain words', async () => {
    const readme = fromUtf8((await sampleBundle()).files.get('README.txt')!);
    expect(readme).toContain('CHAIN OF CUSTODY');
    expect(readme).toContain('Berkeley Protocol');
    const a = readme.indexOf('falcon-3: reported the strike');
    const b = readme.indexOf('falcon-3: uploaded IMG_0042.jpg');
    const c = readme.indexOf('dispatcher-1: unit A-2 on scene');
    expect(a).toBeGreaterThan(0);
    expect(a < b && b < c).toBe(true);
    expect(readme).toContain('investigator-liaison: exported this bundle');
  });

  it('names each failure: altered media, altered record, bad proof, bad checkpoint, missing and extra files', async () => {
    const { files } = await sampleBundle();
    const photo = files.get('media/IMG_0042.jpg')!.slice();
    photo[1000]! ^= 0x10;
    let r = verifyBundle(withFile(files, 'media/IMG_0042.jpg', photo), trusted);
    expect(r.ok).toBe(false);
    expect(r.items.find((i) => i.kind === 'media')!.problems.map((p) => p.code)).toEqual(['sha256-mismatch']);
    expect(r.items.filter((i) => !i.ok)).toHaveLength(1);

    const record = utf8(fromUtf8(files.get('records/20.json')!).replace('airstrike', 'fire'));
    r = verifyBundle(withFile(files, 'records/20.json', record), trusted);
    expect(r.items.find((i) => i.path === 'records/20.json')!.problems.map((p) => p.code)).toEqual(['sha256-mismatch', 'leaf-hash-mismatch']);

    const manifest = fromUtf8(files.get('manifest.json')!);
    const otherProof = manifest.replace(/"proof": \[\n\s+"([A-Za-z0-9+/]{43}=)"/, (m, h: string) => m.replace(h, `${h[0] === 'A' ? 'B' : 'A'}${h.slice(1)}`));
    expect(otherProof).not.toBe(manifest);
    r = verifyBundle(withFile(files, 'manifest.json', utf8(otherProof)), trusted);
    expect(codes(r)).toEqual(['proof']);

    const note = fromUtf8(files.get('checkpoint.txt')!);
    const at = note.indexOf('\u2014 civdef.example/log ') + '\u2014 civdef.example/log '.length + 20;
    const badSig = note.slice(0, at) + (note[at] === 'A' ? 'B' : 'A') + note.slice(at + 1);
    r = verifyBundle(withFile(files, 'checkpoint.txt', utf8(badSig)), trusted);
    expect(codes(r)).toEqual(['checkpoint']);
    expect(r.problems[0]!.message).toMatch(/does not verify/);

    r = verifyBundle(files, [generateSigningKey('civdef.example/log').verifierKey]);
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toMatch(/checkpoint signature/);

    r = verifyBundle(withFile(files, 'metadata/21.json', undefined), trusted);
    expect(codes(r)).toEqual(['missing-file', 'missing-file']);
    r = verifyBundle(withFile(files, 'notes.txt', utf8('hello')), trusted);
    expect(r.problems).toEqual([{ code: 'extra-file', path: 'notes.txt', message: 'notes.txt is not listed in the manifest' }]);
    r = verifyBundle(withFile(files, 'manifest.json', undefined), trusted);
    expect(codes(r)).toEqual(['manifest']);
  });

  it('refuses to build a bundle that would not verify', async () => {
    const { input } = await sampleBundle();
    const broken = { ...input, items: input.items.map((it, i) => (i === 0 ? { ...it, leafIndex: it.leafIndex + 1 } : it)) };
    expect(() => buildBundle(broken)).toThrow(BundleBuildError);
    const hiddenMedia = {
      ...input,
      items: input.items.map((it) => (it.kind === 'media' ? { ...it, data: utf8('not the photo') } : it)),
    };
    expect(() => buildBundle(hiddenMedia)).toThrow(/do not name SHA-256/);
  });
});
