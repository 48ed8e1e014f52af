import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Runs in the worker: its own connection, PASSIVE checkpoints that never block the server's writers.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err && err.message || err)); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the request path: SQLite's automatic checkpoint runs inside whichever commit
 * crosses the threshold and fsyncs the whole database file there, stalling every writer behind it for tens
 * of milliseconds. Precondition: the server's own connection has wal_autocheckpoint = 0.
 */
export function startCheckpointer(file: string, onError: (message: string) => void, intervalMs = 1000): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
  worker.on('message', (m: string) => onError(m));
  worker.on('error', (err) => onError(err.message));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        // Unref'd so it never keeps the server alive, but while we wait for it to finish, it must.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
