import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../bytes.js';
import { FormatError } from '../errors.js';
import { packTar, unpackTar } from './tar.js';

const files = new Map<string, Uint8Array>([
  ['README.txt', utf8('hello\n')],
  ['empty', new Uint8Array(0)],
  ['media/exactly-512', new Uint8Array(512).fill(0xab)],
  [`deep/${'d'.repeat(90)}/${'f'.repeat(90)}.json`, utf8('{"a":1}')],
]);

describe('ustar', () => {
  it('round-trips files, empty files, block-sized files and long (prefix-split) paths', () => {
    const tar = packTar(files, { mtime: 1_700_000_000 });
    expect(tar.length % 512).toBe(0);
    const back = unpackTar(tar);
    expect([...back.keys()]).toEqual([...files.keys()]);
    for (const [path, data] of files) expect(toHex(back.get(path)!)).toBe(toHex(data));
  });

  it('writes standard headers: name, octal size, ustar magic, valid checksum', () => {
    const tar = packTar(new Map([['a.txt', utf8('abc')]]));
    expect(new TextDecoder().decode(tar.subarray(0, 5))).toBe('a.txt');
    expect(new TextDecoder().decode(tar.subarray(124, 135))).toBe('00000000003');
    expect(new TextDecoder().decode(tar.subarray(257, 265))).toBe('ustar\u000000');
    expect(tar.length).toBe(512 + 512 + 1024);
  });

  it('every flipped byte of an archive is refused or changes a file', () => {
    const tar = packTar(files);
    const original = unpackTar(tar);
    for (let i = 0; i < tar.length; i++) {
      const copy = tar.slice();
      copy[i]! ^= 0x01;
      let changed = false;
      try {
        const back = unpackTar(copy);
        changed = [...original].some(([p, d]) => !back.has(p) || toHex(back.get(p)!) !== toHex(d)) || back.size !== original.size;
      } catch (err) {
        expect(err).toBeInstanceOf(FormatError);
        changed = true;
      }
      expect(changed, `byte ${i}`).toBe(true);
    }
  });

  it('refuses unsafe paths, duplicates, links and truncation', () => {
    for (const path of ['/etc/passwd', '../x', 'a/../../x', 'a//b', '', 'a\\b']) {
      expect(() => packTar(new Map([[path, new Uint8Array(1)]])), path).toThrow(FormatError);
    }
    const tar = packTar(new Map([['a', utf8('x')]]));
    expect(() => unpackTar(tar.slice(0, 1024))).toThrow(/truncated/);
    expect(() => unpackTar(tar.slice(0, 100))).toThrow(/truncated/);
    const link = tar.slice();
    link[156] = 0x32; // '2': symlink; fix the checksum so only the type is wrong
    fixChecksum(link, 0);
    expect(() => unpackTar(link)).toThrow(/not a regular file/);
    const twice = new Uint8Array(3 * 1024);
    twice.set(tar.subarray(0, 1024), 0);
    twice.set(tar.subarray(0, 1024), 1024);
    expect(() => unpackTar(twice)).toThrow(/twice/);
  });

  it('accepts a "./" prefix, directory entries and extra zero blocks as other tar tools write them', () => {
    const tar = packTar(new Map([['x/y.txt', utf8('z')]]));
    const dotted = tar.slice();
    dotted.fill(0, 0, 100);
    dotted.set(utf8('./x/y.txt'), 0);
    fixChecksum(dotted, 0);
    const dir = packTar(new Map([['x', new Uint8Array(0)]])).subarray(0, 512).slice();
    dir[156] = 0x35; // '5': a directory
    fixChecksum(dir, 0);
    const all = new Uint8Array(512 + dotted.length + 10 * 512);
    all.set(dir, 0);
    all.set(dotted, 512);
    const back = unpackTar(all);
    expect([...back.keys()]).toEqual(['x/y.txt']);
  });
});

function fixChecksum(tar: Uint8Array, at: number): void {
  tar.fill(0x20, at + 148, at + 156);
  let sum = 0;
  for (let i = at; i < at + 512; i++) sum += tar[i]!;
  tar.set(utf8(`${sum.toString(8).padStart(6, '0')}\0 `), at + 148);
}
