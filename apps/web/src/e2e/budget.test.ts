// DESIGN.md's budget for the field app: JS <= 200 KB gzipped before the map. Measured on a real build:
// every script the page loads (its entry and the module preloads) plus the service worker, gzipped.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, STACK_TIMEOUT_MS } from './support.js';

const BUDGET_BYTES = 200 * 1024;
let dist: string;

beforeAll(async () => {
  dist = await buildWeb();
}, STACK_TIMEOUT_MS);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

/** Gzipped bytes of the JS a page loads. */
function pageJsGzipped(page: string): { files: string[]; bytes: number } {
  const html = readFileSync(join(dist, page), 'utf8');
  const files = [...new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!))];
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
  return { files, bytes };
}

describe('field app size', () => {
  it('stays within 200 KB of gzipped JS', () => {
    const field = pageJsGzipped('field.html');
    const sw = gzipSync(readFileSync(join(dist, 'sw.js')), { level: 9 }).length;
    const total = field.bytes + sw;
    console.info(`field app JS: ${(total / 1024).toFixed(1)} KB gzipped (${field.files.length} files + sw.js), budget 200 KB`); // eslint-disable-line no-console
    expect(field.files.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
