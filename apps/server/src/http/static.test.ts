import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/harness.js';
import { webDistDir } from './static.js';

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'civdef-web-'));

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ops</title>');
  writeFileSync(join(dir, 'field.html'), '<!doctype html><title>field</title>');
  writeFileSync(join(dir, 'sw.js'), 'self.x = 1;');
  writeFileSync(join(dir, 'alerts-sw.js'), 'self.y = 2;');
  writeFileSync(join(dir, 'assets', 'field-abc123.js'), 'export const a = 1;');
  process.env.CIVDEF_WEB_DIR = dir;
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  delete process.env.CIVDEF_WEB_DIR;
  rmSync(dir, { recursive: true, force: true });
});

describe('the web app at the API origin', () => {
  it('serves the pages with a same-origin-only policy, revalidated every time', async () => {
    const ops = await t.app.inject({ url: '/' });
    expect(ops.statusCode).toBe(200);
    expect(ops.headers['content-type']).toMatch(/^text\/html/);
    expect(ops.headers['cache-control']).toBe('no-cache');
    expect(ops.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(ops.body).toContain('<title>ops</title>');
    expect((await t.app.inject({ url: '/field' })).body).toContain('<title>field</title>');
  });

  it('serves hashed assets as immutable and the service workers as fresh', async () => {
    const js = await t.app.inject({ url: '/assets/field-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['cache-control']).toContain('immutable');
    for (const [url, body] of [['/sw.js', 'self.x = 1;'], ['/alerts-sw.js', 'self.y = 2;']]) {
      const sw = await t.app.inject({ url });
      expect(sw.statusCode, url).toBe(200);
      expect(sw.headers['content-type'], url).toMatch(/^text\/javascript/);
      expect(sw.headers['cache-control'], url).toBe('no-cache');
      expect(sw.body, url).toBe(body);
    }
  });

  it('gzips text for browsers that take it', async () => {
    const plain = await t.app.inject({ url: '/assets/field-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await t.app.inject({ url: '/assets/field-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe('export const a = 1;');
  });

  it('never leaves the folder and says what is missing', async () => {
    for (const url of ['/assets/..%2Findex.html', '/assets/../../etc/passwd', '/assets/nope.js', '/assets/.hidden']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    const alerts = await t.app.inject({ url: '/alerts' }); // not in this build
    expect(alerts.statusCode).toBe(503);
    expect(alerts.json().detail).toMatch(/npm run build/);
  });

  it('leaves unknown API paths their 404 problem', async () => {
    const res = await t.app.inject({ url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().type).toBe('urn:civdef:problem:no-route');
  });

  it('finds apps/web/dist by default', () => {
    expect(webDistDir({})).toMatch(/apps[/\\]web[/\\]dist[/\\]?$/);
  });
});
