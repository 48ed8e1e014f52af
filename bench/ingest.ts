// npm run bench:ingest -- --help
//
// Incident ingest: POST /api/v1/incidents over loopback against a real server on SQLite and on PostgreSQL,
// beside the ceiling measured in the same run (bare better-sqlite3, same rows, same durability).
// Budget (docs: DESIGN.md "Budgets"): >= 2,000 incidents/s sustained and p99 <= 20 ms at 500/s, on SQLite.
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { redactUrl } from '../apps/server/src/db/connect.js';
import { measureCeiling, type CeilingResult } from './lib/ceiling.js';
import { GRACE_S, type LoadJob, type LoadKind, type LoadResult } from './lib/load-types.js';
import { summarize } from './lib/stats.js';
import { createPgDatabase, pgDurability, startBenchServer, type BenchServer, type PgTarget } from './lib/server.js';

const USAGE = `Usage: npm run bench:ingest -- [options]

Starts a civdef server in this process (127.0.0.1, free port, fresh SQLite in a temp folder), logs in as a
dispatcher and drives POST /api/v1/incidents with distinct valid incidents, from a worker thread:
  max        autocannon, closed loop, <connections> connections, <duration> s: sustained 201s per second
  paced      open loop, one request every 1000/<rate> ms, <duration> s; latency from the scheduled send time
  ac-rate    autocannon overallRate=<rate> (per-second bursts), <duration>/2 s, for comparison
After each phase it checks durability: rows in incidents = 201 answers the server sent, every id the client
got a 201 for is stored, no non-2xx, no socket errors. The same phases run on PostgreSQL (a fresh database
civdef_bench_<pid>, dropped afterwards) unless it is unreachable. The ceiling is bare better-sqlite3
writing the same incident + event rows, one transaction each, WAL + synchronous=FULL.

Options (or environment variables):
  --duration <s>        seconds per phase                 BENCH_DURATION     default 10
  --connections <n>     connections                       BENCH_CONNECTIONS  default 32
  --rate <n>            fixed request rate per second     BENCH_RATE         default 500
  --ceiling <s>         seconds for the ceiling loop, run in two halves (before and after SQLite)
                                                           BENCH_CEILING      default 5
  --no-pg               skip PostgreSQL
  --help                this text
  DATABASE_URL          PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/postgres)

Exits 1 when a durability check fails; budget misses are reported in the table, not in the exit code.`;

interface Settings {
  durationS: number;
  connections: number;
  rate: number;
  ceilingS: number;
  pg: boolean;
  pgUrl: string;
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Settings {
  const flags = new Map<string, string>();
  let pg = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a === '--no-pg') pg = false;
    else if (/^--[a-z-]+=/.test(a)) flags.set(a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    else if (/^--[a-z-]+$/.test(a) && i + 1 < argv.length) flags.set(a.slice(2), argv[++i]!);
    else throw new Error(`unknown argument ${a}\n\n${USAGE}`);
  }
  const known = new Set(['duration', 'connections', 'rate', 'ceiling']);
  for (const k of flags.keys()) if (!known.has(k)) throw new Error(`unknown option --${k}\n\n${USAGE}`);
  const num = (flag: string, envName: string, dflt: number, min: number, max: number): number => {
    const raw = flags.get(flag) ?? env[envName];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${flag} (${envName}) must be a number in [${min}, ${max}], got ${raw}`);
    return n;
  };
  return {
    durationS: num('duration', 'BENCH_DURATION', 10, 1, 120),
    connections: Math.round(num('connections', 'BENCH_CONNECTIONS', 32, 1, 1024)),
    rate: Math.round(num('rate', 'BENCH_RATE', 500, 1, 100_000)),
    ceilingS: num('ceiling', 'BENCH_CEILING', 5, 1, 60),
    pg,
    pgUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

// A worker does not inherit tsx's loader on Node 20, so its entry registers tsx and then imports the TypeScript.
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./lib/load-worker.ts', import.meta.url).href)}); })`;

/** Runs one load phase in a worker thread. */
function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: job });
    let settled = false;
    worker.once('message', (msg: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      settled = true;
      if (msg.ok) resolve(msg.result);
      else reject(new Error(`load worker failed: ${msg.error}`));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`load worker exited with code ${code} before reporting`));
    });
  });
}

interface Row {
  dialect: string;
  phase: string;
  rps: number;
  p50: number;
  p99: number;
  budget: string;
  result: string;
}

const GRACE_NOTE = `${GRACE_S} s after the last was due (the server fell behind the rate; p50/p99 are over answered requests only)`;
const PHASE_NAMES: Record<LoadKind, string> = { closed: 'max', paced: 'paced', 'autocannon-rate': 'ac-rate' };
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-');
const sumStatuses = (s: Record<string, number>, pred: (code: number) => boolean) =>
  Object.entries(s).reduce((acc, [code, n]) => (pred(Number(code)) ? acc + n : acc), 0);

interface Durability {
  ok: boolean;
  line: string;
}

/** After a phase: is every acknowledged write stored, and nothing else answered? */
async function checkDurability(server: BenchServer, phase: LoadResult, rowsBefore: number): Promise<Durability & { rows: number }> {
  const drained = await server.drain();
  const rows = await server.countIncidents();
  const served201 = server.served[201] ?? 0;
  const servedOther = sumStatuses(server.served, (c) => c !== 201);
  const clientNon201 = sumStatuses(phase.statuses, (c) => c !== 201);
  const present = await server.countPresent(phase.ackedIds);
  const problems: string[] = [];
  if (!drained) problems.push('server did not drain within 5 s');
  if (rows !== served201) problems.push(`rows ${rows} != 201s sent by the server ${served201}`);
  if (present !== phase.ackedIds.length) problems.push(`${phase.ackedIds.length - present} of ${phase.ackedIds.length} ids acknowledged to the client are missing`);
  if (servedOther) problems.push(`server sent ${servedOther} non-201 answers: ${JSON.stringify(server.served)}`);
  if (clientNon201) problems.push(`client saw ${clientNon201} non-201 answers: ${JSON.stringify(phase.statuses)}`);
  if (phase.errors) problems.push(`${phase.errors} socket errors/timeouts`);
  const added = rows - rowsBefore;
  const line =
    `+${added} rows (total ${rows} = ${served201} 201s sent by the server); ${phase.ackedIds.length} 201s received, all stored: ` +
    `${present === phase.ackedIds.length ? 'yes' : 'NO'}; ${added - phase.ackedIds.length} committed but not received ` +
    `(in flight when the load tool stopped${phase.unanswered ? `, or among ${phase.unanswered} unanswered` : ''})` +
    (problems.length ? `  FAIL: ${problems.join('; ')}` : '  ok');
  return { ok: problems.length === 0, line, rows };
}

async function benchDialect(label: string, server: BenchServer, s: Settings, rows: Row[], budgets: boolean): Promise<boolean> {
  let ok = true;
  let rowsBefore = await server.countIncidents();
  const job = (kind: LoadKind, durationS: number): LoadJob => ({
    kind,
    origin: server.origin,
    token: server.token,
    durationS,
    connections: s.connections,
    rate: s.rate,
  });
  const phases: Array<{ kind: LoadKind; durationS: number; title: string; record: boolean }> = [
    { kind: 'closed', durationS: 1, title: 'warm-up 1 s (not reported)', record: false },
    { kind: 'closed', durationS: s.durationS, title: `max: closed loop, ${s.connections} connections, ${s.durationS} s`, record: true },
    { kind: 'paced', durationS: s.durationS, title: `paced: open loop at ${s.rate}/s, ${s.durationS} s`, record: true },
    {
      kind: 'autocannon-rate',
      durationS: Math.max(1, Math.round(s.durationS / 2)),
      title: `ac-rate: autocannon overallRate=${s.rate}, ${s.connections} connections, ${Math.max(1, Math.round(s.durationS / 2))} s`,
      record: true,
    },
  ];
  for (const p of phases) {
    const r = await runLoad(job(p.kind, p.durationS));
    const d = await checkDurability(server, r, rowsBefore);
    rowsBefore = d.rows;
    ok &&= d.ok;
    const rps = r.ackedIds.length / r.elapsedS;
    console.log(
      `[${label}] ${p.title}: ${fmt(rps)} 201/s, p50 ${fmt(r.latency.p50, 2)} ms, p90 ${fmt(r.latency.p90, 2)} ms, ` +
        `p99 ${fmt(r.latency.p99, 2)} ms, max ${fmt(r.latency.max, 2)} ms over ${r.latency.count} answers in ${fmt(r.elapsedS, 2)} s` +
        (r.unanswered ? `; ${r.unanswered} still unanswered ${GRACE_NOTE}` : ''),
    );
    console.log(`[${label}]   durability: ${d.line}`);
    if (!p.record) continue;
    const throughputPhase = p.kind === 'closed';
    const pass = throughputPhase ? rps >= 2000 : r.latency.p99 <= 20 && r.unanswered === 0;
    rows.push({
      dialect: label,
      phase: `${PHASE_NAMES[p.kind]}${throughputPhase ? ` c=${s.connections}` : ` ${s.rate}/s`}`,
      rps,
      p50: r.latency.p50,
      p99: r.latency.p99,
      budget: throughputPhase ? '>= 2,000/s' : 'p99 <= 20 ms',
      result: (pass ? 'pass' : 'FAIL') + (budgets ? '' : ' (info)') + (r.unanswered ? `, ${r.unanswered} unanswered` : '') + (d.ok ? '' : ', DURABILITY FAIL'),
    });
  }
  return ok;
}

function printTable(rows: Row[]): void {
  const head = ['dialect', 'phase', 'req/s', 'p50 ms', 'p99 ms', 'budget', 'result'];
  const body = rows.map((r) => [r.dialect, r.phase, fmt(r.rps, 0), fmt(r.p50, 2), fmt(r.p99, 2), r.budget, r.result]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const right = new Set([2, 3, 4]);
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

async function main(): Promise<void> {
  const s = parseArgs(process.argv.slice(2), process.env);
  const t0 = Date.now();
  console.log(`civdef ingest bench: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`);
  console.log(`phases: ${s.durationS} s each, ${s.connections} connections, fixed rate ${s.rate}/s; ceiling ${s.ceilingS} s in two halves\n`);

  const rows: Row[] = [];
  let durable = true;

  // The ceiling runs in two halves, before and after the SQLite phases, so a disk or a neighbour that changes
  // speed during the run shows as a spread instead of skewing the ratio.
  const half = s.ceilingS / 2;
  const ceilings: CeilingResult[] = [];
  const runCeiling = async (when: string) => {
    const c = await measureCeiling(half);
    ceilings.push(c);
    console.log(
      `[ceiling ${when}] bare better-sqlite3, incident + event per transaction, WAL, synchronous=FULL: ${c.rows} rows in ${fmt(c.elapsedS, 2)} s = ` +
        `${fmt(c.rowsPerS)} rows/s; per transaction p50 ${fmt(c.latency.p50, 3)} ms, p99 ${fmt(c.latency.p99, 3)} ms`,
    );
  };
  await runCeiling('before');

  const sqlite = await startBenchServer(undefined);
  try {
    console.log(`[sqlite] server ${sqlite.origin}, data ${sqlite.location} (WAL, synchronous=FULL)`);
    durable = (await benchDialect('sqlite', sqlite, s, rows, true)) && durable;
  } finally {
    await sqlite.close();
  }
  await runCeiling('after');
  const sqliteMax = rows.find((r) => r.dialect === 'sqlite' && r.phase.startsWith('max'))!;

  let pgNote = '';
  if (s.pg) {
    let target: PgTarget | undefined;
    try {
      target = await createPgDatabase(s.pgUrl);
    } catch (err) {
      pgNote = `PostgreSQL skipped: ${redactUrl(s.pgUrl)} unreachable (${err instanceof Error ? err.message : String(err)})`;
      console.log(`\n[postgres] ${pgNote}`);
    }
    if (target) {
      try {
        const server = await startBenchServer(target.url);
        try {
          console.log(`\n[postgres] server ${server.origin}, database ${server.location} (${await pgDurability(server)})`);
          durable = (await benchDialect('postgres', server, s, rows, false)) && durable;
        } finally {
          await server.close();
        }
      } finally {
        await target.drop();
      }
    }
  } else pgNote = 'PostgreSQL skipped (--no-pg)';

  const ceilingRows = ceilings.reduce((a, c) => a + c.rows, 0);
  const ceilingRate = ceilingRows / ceilings.reduce((a, c) => a + c.elapsedS, 0);
  const ceilingLatency = summarize(ceilings.flatMap((c) => c.samples));
  rows.push({
    dialect: 'ceiling',
    phase: `bare better-sqlite3 ${fmt(s.ceilingS, 0)} s`,
    rps: ceilingRate,
    p50: ceilingLatency.p50,
    p99: ceilingLatency.p99,
    budget: '(peer)',
    result: `rows/s; halves ${ceilings.map((c) => fmt(c.rowsPerS, 0)).join(' / ')}`,
  });

  console.log(`\n=== incident ingest (${((Date.now() - t0) / 1000).toFixed(0)} s run) ===`);
  printTable(rows);
  console.log(
    `\nSQLite HTTP max / ceiling: ${fmt(sqliteMax.rps, 0)} / ${fmt(ceilingRate, 0)} = ${(sqliteMax.rps / ceilingRate).toFixed(2)} ` +
      `(range ${ceilings.map((c) => (sqliteMax.rps / c.rowsPerS).toFixed(2)).join(' to ')} against each half)`,
  );
  console.log('Budget is for SQLite; PostgreSQL rows are informational. "paced" is the open-loop reading of p99 at the fixed rate;');
  console.log('"ac-rate" is autocannon overallRate, whose connections send each second\'s quota back to back.');
  if (pgNote) console.log(pgNote);
  console.log(durable ? 'Durability: every phase ok.' : 'Durability: FAILED (see lines above).');
  if (!durable) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
