import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { newUlid } from '@civdef/core';
import SQLite from 'better-sqlite3';
import { openStorage } from '../../apps/server/src/db/connect.js';
import { migrateToLatest } from '../../apps/server/src/db/migrate.js';
import { makeIncident } from './incident.js';
import { summarize, type LatencySummary } from './stats.js';

export interface CeilingResult {
  rows: number;
  elapsedS: number;
  rowsPerS: number;
  /** Per transaction (insert incident + insert event + commit with fsync). */
  latency: LatencySummary;
  /** Every transaction's time in ms, for combining runs. */
  samples: number[];
}

/**
 * The peer: bare better-sqlite3 writing what POST /api/v1/incidents writes (the incident row and its
 * incident.reported event, one transaction per incident) with the server's durability (WAL, synchronous=FULL),
 * into the server's own schema (migrated by the server's migrations), in a tight loop for `seconds`.
 */
export async function measureCeiling(seconds: number): Promise<CeilingResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'civdef-bench-ceiling-'));
  try {
    const storage = openStorage({ dataDir });
    await migrateToLatest(storage);
    const file = storage.location;
    await storage.close();

    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const insertIncident = db.prepare(
      `insert into incidents (id, kind, lat, lon, occurred_at, severity, source, reporter, description, status, created_by, created_at, updated_at)
       values (@id, @kind, @lat, @lon, @occurred_at, @severity, @source, @reporter, @description, @status, @created_by, @created_at, @updated_at)`,
    );
    const insertEvent = db.prepare(
      `insert into events (id, type, subject_type, subject_id, actor_id, device_id, at, data)
       values (@id, @type, @subject_type, @subject_id, @actor_id, @device_id, @at, @data) returning seq`,
    );
    const userId = newUlid();
    const write = db.transaction(() => {
      const input = makeIncident();
      const at = new Date().toISOString();
      const stored = { ...input, occurred_at: new Date(input.occurred_at).toISOString() };
      insertIncident.run({ ...stored, status: 'open', created_by: userId, created_at: at, updated_at: at });
      insertEvent.get({
        id: newUlid(),
        type: 'incident.reported',
        subject_type: 'incident',
        subject_id: input.id,
        actor_id: userId,
        device_id: null,
        at,
        data: JSON.stringify(stored),
      });
    });

    const latencies: number[] = [];
    const started = performance.now();
    const until = started + seconds * 1000;
    let now = started;
    while (now < until) {
      const t0 = now;
      write();
      now = performance.now();
      latencies.push(now - t0);
    }
    const elapsedS = (now - started) / 1000;
    const rows = (db.prepare('select count(*) as n from incidents').get() as { n: number }).n;
    db.close();
    return { rows, elapsedS, rowsPerS: rows / elapsedS, latency: summarize(latencies), samples: latencies };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
