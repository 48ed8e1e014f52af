import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../routes/index.js';
import { startTestApp, type TestApp } from '../test-support/harness.js';
import { openApiPath } from './openapi.js';

// The published API description, as a client generator would read it: served, well formed, complete,
// and with no reference that leads nowhere.

type Json = Record<string, unknown>;

let t: TestApp;
let doc: Json & { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };
beforeAll(async () => {
  t = await startTestApp();
  const res = await t.app.inject({ url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('application/json');
  doc = res.json();
});
afterAll(() => t.close());

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every `$ref` anywhere in `node`, with where it was found. */
function refsIn(node: unknown, at: string, out: { ref: string; at: string }[] = []): { ref: string; at: string }[] {
  if (Array.isArray(node)) node.forEach((n, i) => refsIn(n, `${at}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push({ ref: v, at });
      else refsIn(v, `${at}/${k}`, out);
    }
  }
  return out;
}

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1.0 document with a title and version', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('describes every route of the server, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const served = ROUTES.map((r) => `${r.method} ${openApiPath(r.url)}`);
    expect(documented.sort()).toEqual(served.sort());
  });

  it('gives every path operations with a summary, responses and unique ids', () => {
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      const methods = Object.keys(ops).filter((k) => METHODS.includes(k));
      expect(methods.length, path).toBeGreaterThan(0);
      for (const m of methods) {
        const op = ops[m] as { operationId: string; summary: string; responses: Record<string, { description: string }> };
        expect(op.summary, `${m} ${path}`).toBeTruthy();
        expect(Object.keys(op.responses).length, `${m} ${path}`).toBeGreaterThan(0);
        expect(Object.keys(op.responses).some((code) => /^2\d\d$/.test(code)), `${m} ${path} has a success response`).toBe(true);
        for (const r of Object.values(op.responses)) expect(typeof r.description, `${m} ${path}`).toBe('string');
        expect(ids.has(op.operationId), `duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId);
      }
    }
  });

  it('declares each path parameter', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [m, op] of Object.entries(ops)) {
        const declared = ((op.parameters ?? []) as { name: string; in: string; required: boolean }[]).filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name).sort(), `${m} ${path}`).toEqual(names.sort());
        for (const p of declared) expect(p.required).toBe(true);
      }
    }
  });

  it('lists the roles of every route and marks which need a token', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        const roles = op['x-roles'] as string[];
        expect(roles.length, `${m} ${path}`).toBeGreaterThan(0);
        expect(op.security, `${m} ${path}`).toEqual(roles.includes('public') ? [] : [{ bearer: [] }]);
      }
    }
    expect(doc.components).toHaveProperty('securitySchemes.bearer.scheme', 'bearer');
  });

  it('resolves every $ref to a schema in components.schemas', () => {
    const refs = refsIn(doc, '#');
    // The generator names shared schemas (Incident, Unit, Problem...), so there must be some refs to check.
    expect(refs.length).toBeGreaterThan(0);
    for (const { ref, at } of refs) {
      expect(ref, `at ${at}`).toMatch(/^#\/components\/schemas\/[^/]+$/);
      const name = decodeURIComponent(ref.slice('#/components/schemas/'.length));
      expect(doc.components.schemas, `${ref} at ${at}`).toHaveProperty([name]);
    }
    // No JSON Schema leftovers that only make sense inside a standalone schema document.
    expect(JSON.stringify(doc)).not.toMatch(/"\$defs"|#\/\$defs\//);
  });

  it('describes errors as RFC 9457 problems', () => {
    expect(doc.components.schemas.Problem).toMatchObject({ type: 'object', required: expect.arrayContaining(['type', 'title', 'status', 'detail']) });
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) expect(op.responses).toHaveProperty(['default', 'content', 'application/problem+json']);
    }
  });
});

describe('/docs', () => {
  it('answers 200 with an HTML page that loads the document', async () => {
    let res = await t.app.inject({ url: '/docs' });
    // Some versions of the UI plugin redirect to their static index first.
    for (let hops = 0; hops < 3 && res.statusCode >= 300 && res.statusCode < 400; hops++) {
      res = await t.app.inject({ url: new URL(res.headers.location as string, 'http://x/docs/').pathname });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toMatch(/<html/i);
    expect(res.body).toMatch(/swagger/i);
  });
});
