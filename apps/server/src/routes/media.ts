import type { Readable } from 'node:stream';
import { IsoTime, Latitude, Longitude, NotFoundError, Ulid, ValidationError, type Role } from '@civdef/core';
import { z } from 'zod';
import { createdReply, defineRoute } from '../http/route.js';
import { appendChunk, completeUpload, MAX_MEDIA_BYTES, startUpload, uploadState } from '../services/media.js';

/** Who may upload: everyone who reports from the field, and those who document. */
const UPLOADERS: readonly Role[] = ['admin', 'dispatcher', 'team-leader', 'spotter', 'documenter'];
/** Who may look at media: photos may show victims, so not viewers or spotters. */
const MEDIA_READERS: readonly Role[] = ['admin', 'dispatcher', 'team-leader', 'documenter'];

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256');
const Offset = z.string().regex(/^\d{1,15}$/, 'must be a non-negative integer').transform(Number);
const Id = z.strictObject({ id: Ulid });

const UploadStart = z.strictObject({
  id: Ulid,
  content_type: z
    .string()
    .regex(/^(image|video|audio)\/[\w.+-]{1,60}$/, 'must be an image/, video/ or audio/ type, e.g. image/jpeg'),
  filename: z.string().min(1).max(255).optional().describe('the original file name, kept as given'),
  bytes: z.number().int().min(1).max(MAX_MEDIA_BYTES).optional().describe('the file size, when known: the upload is then complete at exactly this size'),
  captured_at: IsoTime.optional().describe("the capturing device's clock"),
  lat: Latitude.optional(),
  lon: Longitude.optional(),
  incident_id: Ulid.optional(),
}).refine((u) => (u.lat === undefined) === (u.lon === undefined), { message: 'give both lat and lon, or neither', path: ['lat'] });

const Media = z.object({
  id: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  content_type: z.string(),
  filename: z.string().nullable(),
  incident_id: z.string().nullable(),
  captured_at: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  uploaded_by: z.string(),
  received_at: z.string(),
});
const UploadState = z.object({ id: z.string(), offset: z.number().int(), declared_bytes: z.number().int().nullable(), media: Media.nullable() });

export const mediaRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/media/uploads',
    tag: 'media',
    summary: 'Start a resumable upload of a photo, video or recording, with its capture metadata',
    description:
      'Then send the bytes with PATCH (in one or many chunks, each at the `offset` so far) and finish with POST .../complete. ' +
      'A repeated start with the same id answers the upload as it stands.',
    roles: UPLOADERS,
    body: UploadStart,
    status: 201,
    response: UploadState,
    async handler({ body, actor }, { ctx }) {
      return createdReply(await startUpload(ctx, actor, body));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/media/uploads/:id',
    tag: 'media',
    summary: 'Where an upload stands: the offset to resume from',
    roles: UPLOADERS,
    params: Id,
    response: UploadState,
    async handler({ params, actor }, { ctx }) {
      return { body: await uploadState(ctx, actor, params.id) };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/media/uploads/:id',
    tag: 'media',
    summary: 'Append bytes to an upload, starting at Upload-Offset',
    description: 'Body: application/octet-stream. Upload-Offset must equal the bytes received so far, or the answer is 409 with the right `offset`.',
    roles: UPLOADERS,
    params: Id,
    binaryBody: { contentType: 'application/octet-stream' },
    response: UploadState,
    async handler({ params, actor, request }, { ctx }) {
      const header = request.headers['upload-offset'];
      const offset = Offset.safeParse(header);
      if (!offset.success) throw new ValidationError([{ path: 'Upload-Offset', message: 'must be the number of bytes already sent' }], 'headers');
      return { body: await appendChunk(ctx, actor, params.id, offset.data, request.body as Readable) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/media/uploads/:id/complete',
    tag: 'media',
    summary: 'Finish an upload: the file is stored by its SHA-256 and its metadata becomes a leaf of the evidence log',
    roles: UPLOADERS,
    params: Id,
    body: z.strictObject({ sha256: Sha256Hex.optional().describe('the hash the client computed: refused if the bytes received differ') }),
    response: Media,
    async handler({ params, body, actor }, { ctx }) {
      return { body: await completeUpload(ctx, actor, params.id, body.sha256) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/media/:id',
    tag: 'media',
    summary: 'A media record: its hash, size and capture metadata',
    roles: MEDIA_READERS,
    params: Id,
    response: Media,
    async handler({ params }, { ctx }) {
      const media = await ctx.storage.db.selectFrom('media').selectAll().where('id', '=', params.id).executeTakeFirst();
      if (!media) throw new NotFoundError('media', params.id);
      return { body: { ...media, bytes: Number(media.bytes) } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/media/:id/content',
    tag: 'media',
    summary: 'The original bytes of a media file, unmodified',
    roles: MEDIA_READERS,
    params: Id,
    response: z.string().describe('binary'),
    raw: { contentType: 'application/octet-stream' },
    async handler({ params, reply }, { ctx }) {
      const media = await ctx.storage.db.selectFrom('media').selectAll().where('id', '=', params.id).executeTakeFirst();
      if (!media) throw new NotFoundError('media', params.id);
      reply
        .type(media.content_type)
        .header('content-length', String(media.bytes))
        .header('digest', `sha-256=${Buffer.from(media.sha256, 'hex').toString('base64')}`)
        .header('cache-control', 'private, max-age=31536000, immutable');
      return { body: reply.send(ctx.media.open(media.sha256)) as never };
    },
  }),
];
