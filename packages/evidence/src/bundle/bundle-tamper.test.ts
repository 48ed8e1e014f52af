// The tamper test: flip bytes of a real bundle, file by file and in its .tar, and verification must fail
// every time. Every byte of every file whose bytes each carry a distinct meaning (manifest, checkpoint,
// keys, records, metadata) is flipped; README and media bytes all pass through one hash check, so they
// are sampled. Each flip costs up to two Ed25519 verifications, which is what bounds the sample.
import { beforeAll, describe, expect, it } from 'vitest';
import { LOG, WITNESS, sampleBundle } from '../test-support/sample-bundle.js';
import { packTar, unpackTar } from './tar.js';
import { verifyBundle } from './verify.js';

const trusted = [LOG.verifierKey, WITNESS.verifierKey];
let files: Map<string, Uint8Array>;

beforeAll(async () => {
  files = (await sampleBundle()).files;
});

function flippedOk(path: string, data: Uint8Array, at: number, mask: number): boolean {
  const copy = data.slice();
  copy[at]! ^= mask;
  return verifyBundle(new Map(files).set(path, copy), trusted).ok;
}

describe('tamper test', () => {
  it('the untouched bundle verifies', () => {
    expect(verifyBundle(files, trusted).ok).toBe(true);
  });

  for (const path of ['manifest.json', 'checkpoint.txt', 'log-key.txt', 'witness-keys.txt', 'records/20.json', 'metadata/21.json', 'records/22.json']) {
    it(`every byte of ${path}, flipped, fails verification`, () => {
      const data = files.get(path)!;
      const survivors = [...data.keys()].filter((i) => flippedOk(path, data, i, i % 2 === 0 ? 0x01 : 0x40));
      expect(survivors, `offsets whose flip went unnoticed in ${path}`).toEqual([]);
    }, 120_000);
  }

  for (const [path, stride] of [
    ['README.txt', 61],
    ['media/IMG_0042.jpg', 97],
  ] as const) {
    it(`sampled bytes of ${path} (1 in ${stride} and both ends), flipped, fail verification`, () => {
      const data = files.get(path)!;
      const offsets = [...data.keys()].filter((i) => i % stride === 0 || i === data.length - 1);
      const survivors = offsets.filter((i) => flippedOk(path, data, i, 0x80));
      expect(survivors).toEqual([]);
    }, 60_000);
  }

  it('every header byte and sampled data bytes of the .tar, flipped, are refused', () => {
    const tar = packTar(files, { mtime: 1_717_236_000 });
    expect(verifyBundle(unpackTar(tar), trusted).ok).toBe(true);
    // Header blocks: one per file, then the two end blocks.
    const headers: number[] = [];
    let at = 0;
    for (const data of files.values()) {
      headers.push(at);
      at += 512 + Math.ceil(data.length / 512) * 512;
    }
    headers.push(at, at + 512);
    const offsets = [...tar.keys()].filter((i) => headers.some((h) => i >= h && i < h + 512) || i % 53 === 0);
    const survivors = offsets.filter((i) => {
      const copy = tar.slice();
      copy[i]! ^= 0x04;
      try {
        return verifyBundle(unpackTar(copy), trusted).ok;
      } catch {
        return false;
      }
    });
    expect(survivors).toEqual([]);
  }, 120_000);
});
