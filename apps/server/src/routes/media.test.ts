import { createHash, randomBytes } from 'node:crypto';
import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIncident } from '../test-support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

// Resumable media uploads: chunks at offsets, resume after a refusal, content addressing, and the
// metadata leaf that ties the file into the evidence log.

let t: TestApp;
let team: Record<string, string>;
let incidentId: string;

beforeAll(async () => {
  t = await startTestApp();
  team = bearer(await t.tokenFor('team-leader'));
  incidentId = await seedIncident(t);
});
afterAll(() => t.close());

const start = (payload: Record<string, unknown>, headers = team) => t.app.inject({ method: 'POST', url: '/api/v1/media/uploads', headers, payload });
const patch = (id: string, offset: number | string, body: Buffer, headers: Record<string, string> = team, type = 'application/octet-stream') =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/media/uploads/${id}`, headers: { ...headers, 'content-type': type, 'upload-offset': String(offset) }, payload: body });
const complete = (id: string, payload: Record<string, unknown> = {}) => t.app.inject({ method: 'POST', url: `/api/v1/media/uploads/${id}/complete`, headers: team, payload });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('media uploads', () => {
  it('takes a file in chunks, resumes from the offset the server has, and stores it unmodified', async () => {
    const file = randomBytes(3 * 1024 * 1024 + 17);
    const id = newUlid();
    const meta = { id, content_type: 'video/mp4', filename: 'strike-2.mp4', bytes: file.length, captured_at: '2026-11-20T08:15:00Z', lat: 36.2, lon: 37.15, incident_id: incidentId };
    expect((await start(meta)).statusCode).toBe(201);
    expect((await start(meta)).statusCode).toBe(200); // a replayed start
    const cut = 1024 * 1024;
    expect((await patch(id, 0, file.subarray(0, cut))).json()).toMatchObject({ offset: cut });
    // A phone that lost the answer resends the first chunk: refused, and told where to resume.
    const stale = await patch(id, 0, file.subarray(0, cut));
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ offset: cut });
    expect((await t.app.inject({ url: `/api/v1/media/uploads/${id}`, headers: team })).json()).toMatchObject({ offset: cut, media: null });
    expect((await complete(id)).statusCode).toBe(409); // not all bytes yet
    expect((await patch(id, cut, file.subarray(cut))).json()).toMatchObject({ offset: file.length });
    const done = await complete(id, { sha256: sha(file) });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ id, sha256: sha(file), bytes: file.length, filename: 'strike-2.mp4', incident_id: incidentId });
    expect((await complete(id)).json()).toEqual(done.json()); // a second completion answers the same

    const content = await t.app.inject({ url: `/api/v1/media/${id}/content`, headers: team });
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('video/mp4');
    expect(Buffer.compare(content.rawPayload, file)).toBe(0);

    const leaf = await t.runtime.ctx.storage.db.selectFrom('evidence_leaves').selectAll().where('ref', '=', id).where('kind', '=', 'media').executeTakeFirstOrThrow();
    expect(JSON.parse(leaf.data)).toMatchObject({ type: 'media', sha256: sha(file), bytes: file.length, captured_at: '2026-11-20T08:15:00Z', lat: 36.2, lon: 37.15 });
  });

  it('refuses what would corrupt a file, and keeps uploads private to their uploader', async () => {
    const file = randomBytes(1000);
    const id = newUlid();
    expect((await start({ id, content_type: 'image/jpeg', bytes: 1000 })).statusCode).toBe(201);
    expect((await patch(id, 0, Buffer.from('{"a":1}'), team, 'application/json')).statusCode).toBe(415);
    expect((await patch(id, 'x', file)).statusCode).toBe(422);
    const over = await patch(id, 0, Buffer.concat([file, Buffer.from('extra')]));
    expect(over.statusCode).toBe(422);
    expect((await t.app.inject({ url: `/api/v1/media/uploads/${id}`, headers: team })).json()).toMatchObject({ offset: 1000 });
    const wrong = await complete(id, { sha256: sha(Buffer.from('something else')) });
    expect(wrong.statusCode).toBe(409);
    // The damaged bytes are dropped: the upload starts again from 0.
    expect((await t.app.inject({ url: `/api/v1/media/uploads/${id}`, headers: team })).json()).toMatchObject({ offset: 0 });
    const other = bearer(await t.tokenFor('dispatcher'));
    expect((await t.app.inject({ url: `/api/v1/media/uploads/${id}`, headers: other })).statusCode).toBe(404);
    expect((await patch(id, 1000, file, other)).statusCode).toBe(404);
    expect((await start({ id: newUlid(), content_type: 'application/pdf' })).statusCode).toBe(422);
    expect((await start({ id: newUlid(), content_type: 'image/png', incident_id: newUlid() })).statusCode).toBe(404);
    expect((await start({ id: newUlid(), content_type: 'image/png', lat: 36.2 })).statusCode).toBe(422);
    expect((await t.app.inject({ url: `/api/v1/media/${newUlid()}/content`, headers: team })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/media/${id}`, headers: bearer(await t.tokenFor('viewer')) })).statusCode).toBe(403);
  });

  it('stores two uploads of the same bytes once on disk', async () => {
    const file = randomBytes(5000);
    const ids = [newUlid(), newUlid()];
    for (const id of ids) {
      await start({ id, content_type: 'image/jpeg' });
      await patch(id, 0, file);
      expect((await complete(id)).json()).toMatchObject({ sha256: sha(file), bytes: 5000 });
    }
    expect(t.runtime.ctx.media.contentPath(sha(file))).toContain(sha(file));
  });
});
