import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirError, makeDataDir } from './data-dir.js';

const root = mkdtempSync(join(tmpdir(), 'civdef-datadir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('makeDataDir', () => {
  it('makes every missing level, and is a no-op on a folder that exists', () => {
    const deep = join(root, 'a', 'b', 'c');
    makeDataDir(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    makeDataDir(deep);
    makeDataDir(root);
  });

  it('refuses a path through a file, naming it', () => {
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    expect(() => makeDataDir(join(file, 'x'))).toThrow(DataDirError);
    expect(() => makeDataDir(file)).toThrow(/exists and is not a folder/);
  });

  it('returns at once with an error under /proc, where a recursive mkdir never returns', () => {
    const started = Date.now();
    expect(() => makeDataDir('/proc/civdef-x/y')).toThrow(/cannot create \/proc\/civdef-x/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
