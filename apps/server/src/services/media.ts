import type { Readable } from 'node:stream';
import { ConflictError, NotFoundError, ValidationError } from '@civdef/core';
import type { Selectable } from 'kysely';
import type { MediaTable, MediaUploadsTable } from '../db/schema.js';
import { appendLeaf, lockLogForAppend } from '../evidence/leaf-append.js';
import type { Actor, AppContext } from './context.js';
import { isReplay, retryOnUniqueViolation } from './replay.js';
import { inTransaction } from './transaction.js';

/** Largest file accepted when the client does not declare a size (bytes). */
export const MAX_MEDIA_BYTES = 8 * 1024 ** 3;

export interface UploadInput {
  id: string;
  content_type: string;
  filename?: string | undefined;
  bytes?: number | undefined;
  captured_at?: string | undefined;
  lat?: number | undefined;
  lon?: number | undefined;
  incident_id?: string | undefined;
}

export interface UploadState {
  id: string;
  /** Bytes received so far: send the next chunk from here. */
  offset: number;
  declared_bytes: number | null;
  media: Selectable<MediaTable> | null;
}

/** The capture metadata leaf of a media file: what a bundle proves the file by (`sha256` is its hex hash). */
export function mediaRecord(m: Selectable<MediaTable>): Record<string, unknown> {
  return {
    type: 'media',
    media_id: m.id,
    sha256: m.sha256,
    bytes: Number(m.bytes),
    content_type: m.content_type,
    filename: m.filename,
    incident_id: m.incident_id,
    captured_at: m.captured_at,
    lat: m.lat,
    lon: m.lon,
    uploaded_by: m.uploaded_by,
    received_at: m.received_at,
  };
}

/** Starts an upload (a replay of the same start is a no-op). Throws NotFoundError for an unknown incident. */
export async function startUpload(ctx: AppContext, actor: Actor, input: UploadInput): Promise<{ record: UploadState; created: boolean }> {
  const meta = JSON.stringify({ ...input, id: undefined, bytes: undefined });
  const created = await retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const existing = await tx.db.selectFrom('media_uploads').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (isReplay('upload', input.id, existing, { meta, declared_bytes: input.bytes ?? null, created_by: actor.userId })) return false;
      if (input.incident_id) {
        const incident = await tx.db.selectFrom('incidents').select('id').where('id', '=', input.incident_id).executeTakeFirst();
        if (!incident) throw new NotFoundError('incident', input.incident_id);
      }
      await tx.db
        .insertInto('media_uploads')
        .values({ id: input.id, meta, declared_bytes: input.bytes ?? null, created_by: actor.userId, created_at: tx.at, completed_media_id: null })
        .execute();
      await tx.emit({
        type: 'media.upload-started',
        subjectType: 'media',
        subjectId: input.id,
        data: { filename: input.filename ?? null, content_type: input.content_type, bytes: input.bytes ?? null, incident_id: input.incident_id ?? null },
      });
      return true;
    }),
  );
  return { record: await uploadState(ctx, actor, input.id), created };
}

async function uploadRow(ctx: AppContext, actor: Actor, id: string): Promise<Selectable<MediaUploadsTable>> {
  const row = await ctx.storage.db.selectFrom('media_uploads').selectAll().where('id', '=', id).executeTakeFirst();
  // Someone else's upload is not found, not forbidden: ids of others' uploads are not revealed.
  if (!row || row.created_by !== actor.userId) throw new NotFoundError('upload', id);
  return row;
}

/** Where an upload stands. Throws NotFoundError for an upload that is not the caller's. */
export async function uploadState(ctx: AppContext, actor: Actor, id: string): Promise<UploadState> {
  const row = await uploadRow(ctx, actor, id);
  const declared = row.declared_bytes === null ? null : Number(row.declared_bytes);
  if (row.completed_media_id) {
    const media = await ctx.storage.db.selectFrom('media').selectAll().where('id', '=', row.completed_media_id).executeTakeFirstOrThrow();
    return { id, offset: Number(media.bytes), declared_bytes: declared, media };
  }
  return { id, offset: await ctx.media.received(id), declared_bytes: declared, media: null };
}

/**
 * Appends a chunk that starts at `offset`. A chunk at the wrong offset is refused (409 with the right one)
 * and nothing is written. Precondition: `chunk` is the unread request body.
 */
export async function appendChunk(ctx: AppContext, actor: Actor, id: string, offset: number, chunk: Readable): Promise<UploadState> {
  const state = await uploadState(ctx, actor, id);
  if (state.media) throw new ConflictError(`Upload ${id} is complete; nothing more can be added`, { id, offset: state.offset });
  if (offset !== state.offset) {
    throw new ConflictError(`Upload ${id} has ${state.offset} bytes; send the chunk that starts there`, { id, offset: state.offset });
  }
  const limit = (state.declared_bytes ?? MAX_MEDIA_BYTES) - state.offset;
  const { size, overflow } = await ctx.media.append(id, chunk, limit);
  if (overflow) {
    throw new ValidationError([{ path: '', message: `more bytes than the ${state.declared_bytes ?? MAX_MEDIA_BYTES} declared; the first ${size} are kept` }], 'body');
  }
  return { ...state, offset: size };
}

/**
 * Finishes an upload: hashes the bytes, stores them by SHA-256, and appends the capture metadata as a
 * leaf of the evidence log with the event. A second call answers the same media.
 */
export async function completeUpload(ctx: AppContext, actor: Actor, id: string, expectedSha256?: string): Promise<Selectable<MediaTable>> {
  const state = await uploadState(ctx, actor, id);
  if (state.media) return state.media;
  if (state.offset === 0) throw new ConflictError(`Upload ${id} has no bytes yet`, { id, offset: 0 });
  if (state.declared_bytes !== null && state.offset !== state.declared_bytes) {
    throw new ConflictError(`Upload ${id} has ${state.offset} of its ${state.declared_bytes} bytes; send the rest first`, { id, offset: state.offset });
  }
  const sha256 = await ctx.media.hashPart(id);
  if (expectedSha256 && expectedSha256 !== sha256) {
    await ctx.media.discard(id);
    throw new ConflictError(`The bytes received hash to ${sha256}, not the ${expectedSha256} given: resend the file from the start`, { id, sha256 });
  }
  const row = await uploadRow(ctx, actor, id);
  const meta = JSON.parse(row.meta) as Omit<UploadInput, 'id' | 'bytes'>;
  await ctx.media.promote(id, sha256);
  return inTransaction(ctx, actor, async (tx) => {
    const media: Selectable<MediaTable> = {
      id,
      sha256,
      bytes: state.offset,
      content_type: meta.content_type,
      filename: meta.filename ?? null,
      incident_id: meta.incident_id ?? null,
      captured_at: meta.captured_at ?? null,
      lat: meta.lat ?? null,
      lon: meta.lon ?? null,
      uploaded_by: actor.userId,
      received_at: tx.at,
    };
    await tx.db.insertInto('media').values(media).execute();
    await tx.db.updateTable('media_uploads').set({ completed_media_id: id }).where('id', '=', id).execute();
    await tx.emit({ type: 'media.received', subjectType: 'media', subjectId: id, data: { sha256, bytes: media.bytes, incident_id: media.incident_id } });
    await lockLogForAppend(tx.db, ctx.storage.dialect);
    await appendLeaf(tx.db, { kind: 'media', ref: id, record: mediaRecord(media) });
    return media;
  });
}
