import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer.js';

describe('checkpointer', () => {
  it('copies the WAL into the database file from its own thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civdef-ckpt-'));
    const file = join(dir, 'db.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table t (v text)');
    const errors: string[] = [];
    const ckpt = startCheckpointer(file, (m) => errors.push(m), 50);
    try {
      const before = statSync(file).size;
      const insert = db.prepare('insert into t values (?)');
      db.transaction(() => {
        for (let i = 0; i < 2000; i++) insert.run('x'.repeat(200));
      })();
      // With automatic checkpoints off, only the worker can have grown the main file.
      const deadline = Date.now() + 5000;
      while (statSync(file).size <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(statSync(file).size).toBeGreaterThan(before + 300_000);
      expect(errors).toEqual([]);
    } finally {
      await ckpt.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
