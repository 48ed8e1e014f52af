// Importing the engine's inputs: zones (GeoJSON, replacing those in use) and strike history (CSV, added to
// the prior). Each import is one transaction with its event, and a row whose id tells a running server to
// rebuild its engine. The same file twice is a no-op.
import { createHash } from 'node:crypto';
import { newUlid } from '@civdef/core';
import { parseStrikeCsv, parseZones, ZonesError, type CsvProblem } from '@civdef/warning';
import type { Actor, AppContext } from '../services/context.js';
import { inTransaction } from '../services/transaction.js';
import { ImportFileError } from './errors.js';
import { zoneRows } from './zone-geojson.js';

/** Rows per insert: well under SQLite's limit of bound parameters in one statement. */
const CHUNK = 500;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The line of a character offset, for JSON.parse's "at position N". */
const lineAt = (text: string, pos: number) => text.slice(0, pos).split('\n').length;

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const pos = /position (\d+)/.exec((err as Error).message);
    throw new ImportFileError(file, `not JSON${pos ? ` (line ${lineAt(text, Number(pos[1]))})` : ''}: ${(err as Error).message}`);
  }
}

export interface ZonesImport {
  importId: string;
  zones: number;
  /** True when these zones were already the ones in use: nothing was written. */
  unchanged: boolean;
}

/**
 * Replaces the zones in use with those of a GeoJSON file. A file that cannot be used throws ImportFileError
 * naming the feature at fault, and nothing is written. Precondition: storage is migrated.
 */
export async function importZones(ctx: AppContext, actor: Actor, file: string, text: string): Promise<ZonesImport> {
  let set;
  try {
    set = parseZones(parseJson(file, text));
  } catch (err) {
    if (err instanceof ZonesError) throw new ImportFileError(file, err.message.replace(/^zones: /, ''));
    throw err;
  }
  const hash = sha256(text);
  return inTransaction(ctx, actor, async (tx) => {
    const current = await tx.db
      .selectFrom('zones')
      .innerJoin('warning_imports', 'warning_imports.id', 'zones.import_id')
      .select(['warning_imports.id', 'warning_imports.sha256'])
      .limit(1)
      .executeTakeFirst();
    if (current?.sha256 === hash) return { importId: current.id, zones: set.zones.length, unchanged: true };
    const importId = newUlid();
    await tx.db.deleteFrom('zones').execute();
    const rows = zoneRows(set, importId);
    for (let i = 0; i < rows.length; i += CHUNK) await tx.db.insertInto('zones').values(rows.slice(i, i + CHUNK)).execute();
    await tx.db.insertInto('warning_imports').values({ id: importId, kind: 'zones', filename: file, sha256: hash, rows: rows.length, skipped: '[]', imported_at: tx.at }).execute();
    await tx.emit({ type: 'zones.imported', subjectType: 'warning-import', subjectId: importId, data: { filename: file, sha256: hash, zones: rows.length } });
    return { importId, zones: rows.length, unchanged: false };
  });
}

export interface HistoryImport {
  importId: string | null;
  rows: number;
  /** Rows that could not be read, by line number: reported, never stored. */
  problems: CsvProblem[];
  /** True when this very file was imported before: nothing was written. */
  unchanged: boolean;
}

/**
 * Adds the strikes of a history CSV (date, latitude, longitude; optional time, kind, killed, injured) to the
 * prior. Unreadable rows are returned as problems and skipped; a file with no readable row writes nothing.
 * Precondition: storage is migrated.
 */
export async function importHistory(ctx: AppContext, actor: Actor, file: string, text: string): Promise<HistoryImport> {
  const { rows, problems } = parseStrikeCsv(text);
  if (!rows.length) return { importId: null, rows: 0, problems, unchanged: false };
  const hash = sha256(text);
  return inTransaction(ctx, actor, async (tx) => {
    const before = await tx.db.selectFrom('warning_imports').select('id').where('kind', '=', 'history').where('sha256', '=', hash).executeTakeFirst();
    if (before) return { importId: before.id, rows: rows.length, problems, unchanged: true };
    const importId = newUlid();
    const stored = rows.map((r) => ({
      id: newUlid(),
      import_id: importId,
      line: r.line,
      time: new Date(r.time).toISOString(),
      lat: r.lat,
      lon: r.lon,
      kind: r.kind ?? null,
      killed: r.killed ?? null,
      injured: r.injured ?? null,
    }));
    for (let i = 0; i < stored.length; i += CHUNK) await tx.db.insertInto('strike_history').values(stored.slice(i, i + CHUNK)).execute();
    const skipped = problems.map((p) => ({ line: p.line, reason: p.reason }));
    await tx.db.insertInto('warning_imports').values({ id: importId, kind: 'history', filename: file, sha256: hash, rows: stored.length, skipped: JSON.stringify(skipped), imported_at: tx.at }).execute();
    await tx.emit({ type: 'history.imported', subjectType: 'warning-import', subjectId: importId, data: { filename: file, sha256: hash, rows: stored.length, skipped_lines: skipped.map((s) => s.line) } });
    return { importId, rows: stored.length, problems, unchanged: false };
  });
}

/** The newest import of zones or history: when it changes, a running engine is rebuilt. Precondition: storage is migrated. */
export async function importsVersion(ctx: AppContext): Promise<string> {
  const row = await ctx.storage.db.selectFrom('warning_imports').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return row?.id ?? '';
}
