// An investigator's bundle for one incident: its records and media as the evidence log holds them, each
// leaf's inclusion proof to one signed checkpoint, the keys to check that checkpoint, and a README with the
// chain of custody. Reads the database, the media files and the log; writes nothing but a checkpoint.
import { constants as bufferLimits } from 'node:buffer';
import { createHash } from 'node:crypto';
import { CivdefError, NotFoundError } from '@civdef/core';
import {
  BundleBuildError,
  buildBundle,
  parseNote,
  parseVerifierKey,
  bytesEqual,
  type BundleItemInput,
  type CustodyEntry,
} from '@civdef/evidence';
import type { AppContext } from '../services/context.js';
import { eventCustody, mediaCustody, type CustodyEvent, type CustodyMedia, type CustodyNames } from './custody.js';
import type { Leaf, StoredCheckpoint } from './evidence-log.js';
import { nodeSha256 } from './node-sha256.js';

/** The export cannot be made as asked, or what is stored would not verify (a damaged media file). */
export class ExportRefusedError extends CivdefError {
  readonly code = 'evidence-export-refused';
}

export type ExportContext = Pick<AppContext, 'storage' | 'evidence' | 'media' | 'now'>;

export interface ExportOptions {
  /** Who is exporting, for the chain of custody. */
  exportedBy: string;
  /** Told as each media file is read: its bundle path, bytes read so far, its size. */
  onMediaProgress?: (path: string, done: number, total: number) => void;
}

export interface IncidentExport {
  /** The bundle: path -> bytes, already checked with verifyBundle by buildBundle. */
  files: Map<string, Uint8Array>;
  records: number;
  media: number;
  /** Events about the incident that have no leaf (recorded before the log began): named in the README only. */
  unlogged: number;
  treeSize: number;
  origin: string;
}

// The event types that concern an incident although their subject is a unit: its status changes while assigned.
const UNIT_STATUS = 'unit.status-changed';

/** Keeps a file name to a short, portable, tar-safe ASCII form. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-60) || 'file';
}

function mediaPath(m: CustodyMedia): string {
  const fallback = `file.${m.content_type.split('/')[1] ?? 'bin'}`;
  return `media/${m.id}-${safeName(m.filename ?? fallback)}`;
}

/** Every stored event about the incident, its media and its units' status changes while on it, in log order. */
async function incidentEvents(ctx: ExportContext, incidentId: string, mediaIds: string[]): Promise<(CustodyEvent & { seq: number })[]> {
  const db = ctx.storage.db;
  const changes = await db.selectFrom('unit_status_changes').select(['id', 'unit_id']).where('incident_id', '=', incidentId).execute();
  const changeIds = new Set(changes.map((c) => c.id));
  const unitIds = [...new Set(changes.map((c) => c.unit_id))];
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('subject_type', '=', 'incident'), eb('subject_id', '=', incidentId)]),
        ...(mediaIds.length ? [eb.and([eb('subject_type', '=', 'media'), eb('subject_id', 'in', mediaIds)])] : []),
        ...(unitIds.length ? [eb.and([eb('type', '=', UNIT_STATUS), eb('subject_id', 'in', unitIds)])] : []),
      ]),
    )
    .orderBy('seq')
    .execute();
  return rows
    .map((r) => ({ ...r, seq: Number(r.seq), data: JSON.parse(r.data) as Record<string, unknown> }))
    .filter((e) => e.type !== UNIT_STATUS || changeIds.has(String(e.data.id)));
}

async function namesFor(ctx: ExportContext, userIds: string[], events: CustodyEvent[]): Promise<CustodyNames> {
  const db = ctx.storage.db;
  const users = userIds.length ? await db.selectFrom('users').select(['id', 'name', 'role']).where('id', 'in', userIds).execute() : [];
  const unitIds = [...new Set(events.map((e) => e.data.unit_id).filter((u): u is string => typeof u === 'string'))];
  const units = unitIds.length ? await db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute() : [];
  return { users: new Map(users.map((u) => [u.id, { name: u.name, role: u.role }])), units: new Map(units.map((u) => [u.id, u.name])) };
}

/** The bytes of a stored media file, checked against its logged size and hash. Throws ExportRefusedError when they differ or it is missing. */
async function readMedia(ctx: ExportContext, m: CustodyMedia, path: string, onProgress?: ExportOptions['onMediaProgress']): Promise<Uint8Array> {
  if (m.bytes > bufferLimits.MAX_LENGTH) {
    throw new ExportRefusedError(`media ${m.id} has ${m.bytes} bytes, more than this exporter can hold in memory (${bufferLimits.MAX_LENGTH})`);
  }
  const out = Buffer.allocUnsafe(m.bytes);
  const hash = createHash('sha256');
  let at = 0;
  try {
    for await (const chunk of ctx.media.open(m.sha256) as AsyncIterable<Buffer>) {
      if (at + chunk.length > out.length) throw new ExportRefusedError(`the stored file of media ${m.id} is longer than the ${m.bytes} bytes logged`);
      chunk.copy(out, at);
      hash.update(chunk);
      at += chunk.length;
      onProgress?.(path, at, m.bytes);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ExportRefusedError(`the stored file of media ${m.id} (SHA-256 ${m.sha256}) is missing`);
    throw err;
  }
  if (at !== m.bytes) throw new ExportRefusedError(`the stored file of media ${m.id} has ${at} bytes, not the ${m.bytes} logged`);
  // Checked here too (buildBundle would refuse it) to say plainly what is wrong: the file on disk changed.
  const actual = hash.digest('hex');
  if (actual !== m.sha256) {
    throw new ExportRefusedError(`the stored file of media ${m.id} no longer hashes to its logged SHA-256 ${m.sha256} (it hashes to ${actual}): it was altered or damaged on disk`);
  }
  return out;
}

/** Verifier keys of the configured witnesses whose cosignature the note carries. */
function witnessKeysOn(note: string, configured: readonly string[]): string[] {
  const signatures = parseNote(note).signatures;
  return configured.filter((text) => {
    const key = parseVerifierKey(text);
    return signatures.some((s) => s.name === key.name && bytesEqual(s.keyId, key.keyId));
  });
}

/**
 * The newest checkpoint of at least `size` entries that witnesses cosigned, when every signature on it is
 * the log's or a configured witness's: independent cosignatures make stronger evidence than a fresh head.
 */
async function witnessedCheckpoint(ctx: ExportContext, size: number): Promise<{ checkpoint: StoredCheckpoint; cosignatures: { witness: string; received_at: string }[] } | undefined> {
  const row = await ctx.storage.db
    .selectFrom('evidence_cosignatures')
    .select('checkpoint_size')
    .where('checkpoint_size', '>=', size)
    .orderBy('checkpoint_size', 'desc')
    .limit(1)
    .executeTakeFirst();
  const checkpoint = row && (await ctx.evidence.checkpointAt(Number(row.checkpoint_size)));
  if (!checkpoint) return undefined;
  const signatures = parseNote(checkpoint.note).signatures;
  if (witnessKeysOn(checkpoint.note, ctx.evidence.witnessKeys).length !== signatures.length - 1) return undefined;
  const cosignatures = await ctx.storage.db
    .selectFrom('evidence_cosignatures')
    .select(['witness', 'received_at'])
    .where('checkpoint_size', '=', checkpoint.size)
    .orderBy('received_at')
    .execute();
  return { checkpoint, cosignatures };
}

/**
 * Builds the investigator bundle of one incident. Syncs the log first, so one signed checkpoint covers
 * every leaf (the newest witnessed one that does, else a fresh one). Throws NotFoundError for an unknown incident and ExportRefusedError when stored data would
 * not verify. Precondition: storage is migrated and the log's signing key is loaded.
 */
export async function exportIncident(ctx: ExportContext, incidentId: string, opts: ExportOptions): Promise<IncidentExport> {
  const db = ctx.storage.db;
  const incident = await db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirst();
  if (!incident) throw new NotFoundError('incident', incidentId);
  const media: CustodyMedia[] = (await db.selectFrom('media').selectAll().where('incident_id', '=', incidentId).orderBy('received_at').orderBy('id').execute()).map(
    (m) => ({ ...m, bytes: Number(m.bytes) }),
  );
  const events = await incidentEvents(ctx, incidentId, media.map((m) => m.id));
  const leaves = await ctx.evidence.leavesFor([...events.map((e) => e.id), ...media.map((m) => m.id)]);
  const eventLeaf = new Map<string, Leaf>();
  const mediaLeaf = new Map<string, Leaf>();
  for (const leaf of leaves) (leaf.kind === 'media' ? mediaLeaf : eventLeaf).set(leaf.ref, leaf);

  // Every leaf read above is committed, so the tree this integrates and signs contains it.
  const latest = await ctx.evidence.sync(true);
  const needed = leaves.reduce((max, l) => Math.max(max, l.index + 1), 0);
  if (needed > latest.size) throw new ExportRefusedError(`log entry ${needed - 1} is not covered by the checkpoint at ${latest.size}; try again`);
  const witnessed = await witnessedCheckpoint(ctx, needed);
  const checkpoint = witnessed?.checkpoint ?? latest;
  const proof = (leaf: Leaf) => ctx.evidence.inclusionProof(leaf.index, checkpoint.size);

  const userIds = [...new Set([...events.map((e) => e.actor_id), ...media.map((m) => m.uploaded_by)].filter((u): u is string => u !== null))];
  const names = await namesFor(ctx, userIds, events);
  const custody: CustodyEntry[] = [];
  const items: BundleItemInput[] = [];
  let unlogged = 0;
  for (const e of events) {
    const leaf = eventLeaf.get(e.id);
    if (!leaf) {
      unlogged++;
      custody.push(eventCustody(e, names, `event ${e.seq}: not in the evidence log (recorded before it began), so not included`));
      continue;
    }
    const path = `records/${leaf.index}-${e.type}.json`;
    items.push({ kind: 'record', path, leafIndex: leaf.index, leafData: Buffer.from(leaf.data, 'utf8'), proof: await proof(leaf) });
    custody.push(eventCustody(e, names, path));
  }
  for (const m of media) {
    const leaf = mediaLeaf.get(m.id);
    if (!leaf) throw new ExportRefusedError(`media ${m.id} has no leaf in the evidence log`);
    const path = mediaPath(m);
    const leafData = Buffer.from(leaf.data, 'utf8');
    const leafProof = await proof(leaf);
    const metadataPath = `metadata/${leaf.index}-${m.id}.json`;
    items.push({ kind: 'metadata', path: metadataPath, leafIndex: leaf.index, leafData, proof: leafProof });
    items.push({ kind: 'media', path, data: await readMedia(ctx, m, path, opts.onMediaProgress), leafIndex: leaf.index, leafData, proof: leafProof });
    custody.push(...mediaCustody(m, names, path));
  }
  if (items.length === 0) throw new ExportRefusedError(`incident ${incidentId} has no record in the evidence log to export`);
  items.sort((a, b) => a.leafIndex - b.leafIndex || (a.kind === 'media' ? 1 : 0) - (b.kind === 'media' ? 1 : 0));
  custody.push({ at: checkpoint.created_at, who: `the evidence log ${ctx.evidence.origin}`, what: `signed the checkpoint of ${checkpoint.size} entries that every proof here leads to` });
  for (const c of witnessed?.cosignatures ?? []) {
    custody.push({ at: c.received_at, who: `witness ${c.witness}`, what: `cosigned that checkpoint: an independent party saw the same log` });
  }

  try {
    const files = buildBundle(
      {
        checkpoint: checkpoint.note,
        logKey: ctx.evidence.verifierKey,
        witnessKeys: witnessKeysOn(checkpoint.note, ctx.evidence.witnessKeys),
        items,
        readme: {
          title: `Incident ${incident.id} (${incident.kind}), occurred ${incident.occurred_at} at ${incident.lat},${incident.lon}`,
          exportedAt: ctx.now().toISOString(),
          exportedBy: opts.exportedBy,
          custody,
        },
      },
      { sha256: nodeSha256 },
    );
    return { files, records: items.filter((i) => i.kind === 'record').length, media: media.length, unlogged, treeSize: checkpoint.size, origin: ctx.evidence.origin };
  } catch (err) {
    if (err instanceof BundleBuildError) throw new ExportRefusedError(`the stored records of incident ${incidentId} would not verify, so no bundle was written: ${err.problems.join('; ')}`);
    throw err;
  }
}
