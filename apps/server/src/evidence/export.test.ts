// The investigator export end to end on a real server (SQLite, or PostgreSQL with DATABASE_URL): an
// incident worked through the API, a photo uploaded in chunks, exported, written, read back and verified;
// then every file of the written bundle tampered with, and the export refusing damaged stored media.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newUlid, NotFoundError } from '@civdef/core';
import { formatCheckpoint, cosignNote, fromUtf8, generateSigningKey, parseSignerKey, SIG_COSIGNATURE_V1, verifyBundle, type BundleReport } from '@civdef/evidence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptCosignature } from '../services/cosignatures.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import { incidentBody, seedUnit } from '../test-support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { BundleFileError, readBundle, writeBundle } from './bundle-files.js';
import { exportIncident, ExportRefusedError } from './export.js';

const WITNESS = parseSignerKey(generateSigningKey('witness.example/w1', { type: SIG_COSIGNATURE_V1, seed: new Uint8Array(32).fill(7) }).signingKey);
const PHOTO = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 131 + (i >> 8)) % 256));
const PHOTO_SHA = createHash('sha256').update(PHOTO).digest('hex');

let t: TestApp;
let out: string;
let incidentId: string;
let mediaId: string;
let unitName: string;

async function call(method: 'POST' | 'PATCH', url: string, token: string, payload: object | Buffer, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await t.app.inject({ method, url, headers: { ...bearer(token), ...headers }, payload });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

beforeAll(async () => {
  t = await startTestApp({ witnessKeys: [WITNESS.verifierKey] });
  out = mkdtempSync(join(tmpdir(), 'civdef-export-'));
  const dispatcher = await t.tokenFor('dispatcher');
  const leader = await t.tokenFor('team-leader');
  const { unitId } = await seedUnit(t);
  unitName = `Unit ${unitId.slice(-6)}`;
  incidentId = incidentBody().id as string;
  await call('POST', '/api/v1/incidents', dispatcher, incidentBody({ id: incidentId }), { 'x-device-id': 'ops-laptop-1' });
  await call('POST', '/api/v1/incidents', dispatcher, incidentBody({ kind: 'fire' })); // another incident: not exported
  await call('POST', `/api/v1/incidents/${incidentId}/assignments`, dispatcher, { id: newUlid(), unit_id: unitId });
  for (const status of ['en-route', 'on-scene']) await call('POST', `/api/v1/units/${unitId}/status`, leader, { id: newUlid(), status }, { 'x-device-id': 'phone-7' });
  mediaId = newUlid();
  await call('POST', '/api/v1/media/uploads', leader, {
    id: mediaId,
    content_type: 'image/jpeg',
    filename: 'IMG 0042 (rubble).jpg',
    bytes: PHOTO.length,
    captured_at: new Date().toISOString(),
    lat: 36.2022,
    lon: 37.1344,
    incident_id: incidentId,
  });
  await call('PATCH', `/api/v1/media/uploads/${mediaId}`, leader, PHOTO.subarray(0, 40_000), { 'content-type': 'application/octet-stream', 'upload-offset': '0' });
  await call('PATCH', `/api/v1/media/uploads/${mediaId}`, leader, PHOTO.subarray(40_000), { 'content-type': 'application/octet-stream', 'upload-offset': '40000' });
  await call('POST', `/api/v1/media/uploads/${mediaId}/complete`, leader, { sha256: PHOTO_SHA });
  await call('POST', `/api/v1/units/${unitId}/status`, leader, { id: newUlid(), status: 'returning' });
  await call('POST', `/api/v1/incidents/${incidentId}/status`, dispatcher, { status: 'closed', note: 'all victims out' });
});

afterAll(async () => {
  rmSync(out, { recursive: true, force: true });
  await t?.close();
});

const problemsOf = (r: BundleReport) => [...r.problems, ...r.items.flatMap((i) => i.problems.map((p) => ({ ...p, path: i.path })))];

describe('evidence export', () => {
  it("bundles the incident's records, its photo and their proofs, and the bundle verifies against the log key", async () => {
    const ctx = t.runtime.ctx;
    const result = await exportIncident(ctx, incidentId, { exportedBy: 'investigator-liaison' });
    const paths = [...result.files.keys()];
    const records = paths.filter((p) => p.startsWith('records/'));
    const types = records.map((p) => p.replace(/^records\/\d+-(.*)\.json$/, '$1'));
    // Other services may record more about an incident (dispatch advisories, ...): these must be among them, in this order.
    expect(types.filter((type) => /^(incident|unit|assignment|media)\./.test(type))).toEqual([
      'incident.reported',
      'unit.status-changed',
      'assignment.created',
      'incident.status-changed',
      'unit.status-changed',
      'unit.status-changed',
      'media.upload-started',
      'media.received',
      'assignment.released',
      'unit.status-changed',
      'incident.status-changed',
    ]);
    expect(result.records).toBe(records.length);
    for (const path of records) {
      const event = JSON.parse(fromUtf8(result.files.get(path)!)) as { subject_id: string; data: { incident_id?: string } };
      expect([incidentId, mediaId].includes(event.subject_id) || event.data.incident_id === incidentId, path).toBe(true);
    }
    expect(result.media).toBe(1);
    expect(result.unlogged).toBe(0);
    const photoPath = paths.find((p) => p.startsWith('media/'))!;
    expect(photoPath).toBe(`media/${mediaId}-IMG_0042_rubble_.jpg`);
    expect(Buffer.from(result.files.get(photoPath)!).equals(PHOTO)).toBe(true);
    const metadata = JSON.parse(fromUtf8(result.files.get(paths.find((p) => p.startsWith('metadata/'))!)!)) as Record<string, unknown>;
    expect(metadata).toMatchObject({ type: 'media', media_id: mediaId, sha256: PHOTO_SHA, filename: 'IMG 0042 (rubble).jpg', incident_id: incidentId });
    // Nothing about the other incident.
    for (const [path, data] of result.files) if (path.startsWith('records/')) expect(fromUtf8(data)).not.toContain('"fire"');

    const report = verifyBundle(result.files, [ctx.evidence.verifierKey]);
    expect(problemsOf(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checkpoint?.size).toBe(result.treeSize);
    expect(result.treeSize).toBeLessThanOrEqual(await ctx.evidence.integratedSize());
  });

  it('tells the chain of custody with names, roles, devices and times', async () => {
    const { files } = await exportIncident(t.runtime.ctx, incidentId, { exportedBy: 'investigator-liaison' });
    const readme = fromUtf8(files.get('README.txt')!);
    expect(readme).toMatch(/dispatcher-\w+ \(dispatcher\) on device ops-laptop-1: reported the incident: airstrike, severity 4/);
    expect(readme).toContain(`assigned unit ${unitName} to the incident`);
    expect(readme).toMatch(/team-leader-\w+ \(team-leader\) on device phone-7: unit Unit \w+: dispatched -> en-route/);
    expect(readme).toMatch(/team-leader-\w+ \(team-leader\): captured IMG 0042 \(rubble\)\.jpg at 36\.2022,37\.1344 \(time by the capturing device's clock\)/);
    expect(readme).toContain(`received and stored unmodified by the server, SHA-256 ${PHOTO_SHA}`);
    expect(readme).toContain('changed the incident from responding to closed ("all victims out")');
    expect(readme).toContain('investigator-liaison: exported this bundle');
    const captured = readme.indexOf('captured IMG');
    const reported = readme.indexOf('reported the incident');
    const closed = readme.indexOf('to closed');
    expect(reported < captured && captured < closed).toBe(true);
  });

  it("uses the newest witnessed checkpoint covering every record, with the witness's key", async () => {
    const ctx = t.runtime.ctx;
    const head = await ctx.evidence.sync(true);
    const body = formatCheckpoint({ origin: ctx.evidence.origin, size: head.size, root: head.root });
    await acceptCosignature(ctx, SYSTEM_ACTOR, head.size, cosignNote(body, WITNESS, Math.floor(Date.now() / 1000)));
    const result = await exportIncident(ctx, incidentId, { exportedBy: 'investigator-liaison' });
    expect(result.treeSize).toBe(head.size);
    expect(fromUtf8(result.files.get('witness-keys.txt')!)).toBe(`${WITNESS.verifierKey}\n`);
    expect(fromUtf8(result.files.get('README.txt')!)).toContain('witness witness.example/w1: cosigned that checkpoint');
    const report = verifyBundle(result.files, [ctx.evidence.verifierKey, WITNESS.verifierKey]);
    expect(report.ok).toBe(true);
    expect(report.checkpoint?.signedBy.map((s) => [s.name, s.trusted])).toEqual([
      [ctx.evidence.origin, true],
      ['witness.example/w1', true],
    ]);
  });

  it('writes a folder and a .tar that read back byte for byte, and never over a non-empty target', async () => {
    const { files } = await exportIncident(t.runtime.ctx, incidentId, { exportedBy: 'investigator-liaison' });
    for (const name of ['bundle', 'bundle.tar']) {
      const target = join(out, name);
      await writeBundle(files, target, new Date());
      const back = await readBundle(target);
      expect([...back.keys()].sort()).toEqual([...files.keys()].sort());
      for (const [path, data] of files) expect(Buffer.from(back.get(path)!).equals(Buffer.from(data)), path).toBe(true);
      await expect(writeBundle(files, target, new Date())).rejects.toThrow(BundleFileError);
    }
  });

  it('every file of the written bundle, tampered with at sampled offsets, fails verification naming that file', async () => {
    const ctx = t.runtime.ctx;
    const { files } = await exportIncident(ctx, incidentId, { exportedBy: 'investigator-liaison' });
    const dir = join(out, 'tamper');
    await writeBundle(files, dir, new Date());
    const unnoticed: string[] = [];
    for (const [path, data] of files) {
      const file = join(dir, ...path.split('/'));
      const offsets = [...new Set([0, data.length - 1, data.length >> 1, ...Array.from({ length: 8 }, (_, k) => Math.floor(((k + 0.5) * data.length) / 8))])].filter((o) => o >= 0);
      for (const at of offsets) {
        const copy = Buffer.from(data);
        copy[at]! ^= 0x20;
        writeFileSync(file, copy);
        const report = verifyBundle(await readBundle(dir), [ctx.evidence.verifierKey]);
        // The manifest describes the items: a flip there may rightly be reported against the item it describes.
        if (report.ok || (path !== 'manifest.json' && !problemsOf(report).some((p) => p.path === path))) unnoticed.push(`${path}@${at}`);
      }
      writeFileSync(file, data);
    }
    expect(unnoticed).toEqual([]);
    expect(verifyBundle(await readBundle(dir), [ctx.evidence.verifierKey]).ok).toBe(true);
  });

  it('refuses an unknown incident, and stored media that no longer match their logged hash', async () => {
    const ctx = t.runtime.ctx;
    await expect(exportIncident(ctx, newUlid(), { exportedBy: 'x' })).rejects.toThrow(NotFoundError);
    const stored = ctx.media.contentPath(PHOTO_SHA);
    const damaged = Buffer.from(readFileSync(stored));
    damaged[12_345]! ^= 1;
    writeFileSync(stored, damaged);
    try {
      const failure = exportIncident(ctx, incidentId, { exportedBy: 'x' });
      await expect(failure).rejects.toThrow(ExportRefusedError);
      await expect(failure).rejects.toThrow(/no longer hashes to its logged SHA-256/);
    } finally {
      writeFileSync(stored, PHOTO);
    }
  });
});
