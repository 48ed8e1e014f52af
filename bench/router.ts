// npm run bench:router -- --help
//
// Dispatch travel times and routes on Monaco, Andorra and a 50k-node demo city with 5% of road sections
// closed, against pgRouting answering the same queries on the same edges in the same run; closure
// visibility, graph file load time and the memory of a 1M-node city. Budgets: DESIGN.md "Budgets".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Prng } from '../packages/router/src/demo/prng.js';
import { readGraphFile, writeGraphFile } from '../packages/router/src/graph/graph-file.js';
import { route } from '../packages/router/src/search/route.js';
import { prepareTravelTimes, travelTimes } from '../packages/router/src/search/travel-times.js';
import { nodeLat, nodeLon } from '../packages/router/src/graph/graph.js';
import { SnapIndex } from '../packages/router/src/snap/snap-index.js';
import { edgesInCircle } from '../packages/router/src/weights/select-area.js';
import { bothDirections, edgesNamed } from '../packages/router/src/weights/select.js';
import { measureMemory } from './lib/router-memory.js';
import { loadDatasets, pick, type Dataset } from './lib/router-data.js';
import { PgRouting } from './lib/router-pg.js';
import { summarize, type LatencySummary } from './lib/stats.js';

const USAGE = `Usage: npm run bench:router -- [--no-pg] [--no-1m] [--pg-seconds S]

For Monaco and Andorra (../shared/data/osm) and a 50k-node demo city, each with 5% of its road sections
closed at random (seed 42): 1,000 random routes and 200 travelTimes queries (one incident, 50 units), all
endpoints on the main road network. The same directed edges go into PostgreSQL + pgRouting (scratch
database civdef_bench_router_<pid>, dropped at the end), which answers the same queries with pgr_dijkstra
and pgr_dijkstraCost for up to S seconds per dataset and kind (default 12). Then: closing a road segment,
a 50 m circle and a street by name and running the next query, loading a 50k-node graph file, and the
memory of a 1M-node demo city.
  DATABASE_URL   PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/postgres)
Takes about 2 minutes. Budget misses are reported in the table, not in the exit code.`;

const ROUTES = 1000;
const TT_QUERIES = 200;
const UNITS = 50;
const CLOSED_SHARE = 0.05;
/** Closures measured per kind (segment, circle, street). */
const CLOSURES = 30;

interface Side {
  tt: LatencySummary;
  route: LatencySummary;
}
interface Result {
  ds: Dataset;
  prepMs: number;
  ours: Side;
  dijkstraTt: LatencySummary;
  /** The peer's times, and ours on the same queries timed right after each of the peer's. */
  pg?: Side & { pairedTt: LatencySummary; pairedRoute: LatencySummary; form: string; load: string };
  maxRelDiff: number;
  disagreements: number;
}

const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
};

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) return console.log(USAGE);
  const known = new Set(['--no-pg', '--no-1m', '--pg-seconds']);
  for (const a of argv) if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown option ${a}\n\n${USAGE}`);
  const pgSecondsAt = argv.indexOf('--pg-seconds');
  const pgSeconds = pgSecondsAt >= 0 ? Number(argv[pgSecondsAt + 1]) : 12;
  if (!(pgSeconds > 0 && pgSeconds <= 120)) throw new Error('--pg-seconds must be in (0, 120]');
  const notes: string[] = [];
  const note = (s: string) => (notes.push(s), console.log(`  note: ${s}`));

  console.log('[router] loading Monaco, Andorra and the demo city ...');
  const datasets = await loadDatasets(50_000, CLOSED_SHARE, 42, note);
  let peer: PgRouting | null = null;
  if (!argv.includes('--no-pg')) {
    const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
    try {
      peer = await PgRouting.open(url);
    } catch (err) {
      note(`pgRouting peer skipped: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else note('pgRouting peer skipped (--no-pg)');

  const results: Result[] = [];
  let closure: ReturnType<typeof closureLatency> | null = null;
  try {
    for (const [i, ds] of datasets.entries()) {
      results.push(await runDataset(ds, i, peer, pgSeconds));
      if (i === datasets.length - 1) closure = closureLatency(ds);
    }
  } finally {
    if (peer) await peer.drop();
  }
  const city = datasets[datasets.length - 1]!;
  const load = await graphFileLoad(city);
  const memory = argv.includes('--no-1m') ? null : measureMemory(1_000_000, CLOSED_SHARE);
  report(results, closure!, load, memory, notes);
}

async function runDataset(ds: Dataset, index: number, peer: PgRouting | null, pgSeconds: number): Promise<Result> {
  const { graph: g, weights: w } = ds;
  console.log(`[router] ${ds.name}: ${g.nodeCount} nodes, ${g.edgeCount} edges, ${ds.closedSections} sections (${ds.closedEdges} edges) closed`);
  const [, prepMs] = time(() => prepareTravelTimes(g, w));
  const rng = new Prng(1000 + index);
  const queries = Array.from({ length: TT_QUERIES }, () => ({ target: pick(rng, ds.pool, 1)[0]!, sources: pick(rng, ds.pool, UNITS) }));
  const pairs = Array.from({ length: ROUTES }, () => pick(rng, ds.pool, 2));
  for (const q of queries.slice(0, 20)) travelTimes(g, w, q.target, q.sources); // warm-up (JIT)
  for (const [a, b] of pairs.slice(0, 50)) route(g, w, a!, b!);
  const ttMs: number[] = [];
  const ttAnswers = queries.map((q) => {
    const [r, ms] = time(() => travelTimes(g, w, q.target, q.sources));
    ttMs.push(ms);
    return r;
  });
  const routeMs: number[] = [];
  const routeAnswers = pairs.map(([a, b]) => {
    const [r, ms] = time(() => route(g, w, a!, b!));
    routeMs.push(ms);
    return r ? r.durationS : Infinity;
  });
  const dijMs = queries.slice(0, 50).map((q) => time(() => travelTimes(g, w, q.target, q.sources, Infinity, { method: 'dijkstra' }))[1]);
  const result: Result = { ds, prepMs, ours: { tt: summarize(ttMs), route: summarize(routeMs) }, dijkstraTt: summarize(dijMs), maxRelDiff: 0, disagreements: 0 };
  if (!peer) return result;

  const table = `edges_${index}`;
  console.log(`[router] ${ds.name}: pgRouting ...`);
  const load = await peer.loadEdges(table, g, w.current);
  const compare = (ours: number, theirs: number): void => {
    if (ours === theirs) return;
    if (ours === Infinity || theirs === Infinity) result.disagreements++;
    else result.maxRelDiff = Math.max(result.maxRelDiff, Math.abs(ours - theirs) / Math.max(theirs, 1e-9));
  };
  // Calibrate: both travel-time forms on the same 3 queries; the faster one is the peer.
  const formMs = { 'many-to-one': 0, reversed: 0 };
  for (const form of ['reversed', 'many-to-one'] as const) {
    for (const q of queries.slice(0, 3)) {
      const t0 = performance.now();
      await peer.travelTimes(table, form, q.target, q.sources);
      formMs[form] += performance.now() - t0;
    }
  }
  const form = formMs.reversed <= formMs['many-to-one'] ? 'reversed' : 'many-to-one';
  // Right after the peer's block, ours answer the same queries again (one pass to warm the caches the
  // peer evicted, one timed), so the ratio compares the two warm and in the same minute of a machine
  // whose load drifts.
  const pgTt: number[] = [];
  const pairedTt: number[] = [];
  const deadlineTt = performance.now() + pgSeconds * 1000;
  for (const [qi, q] of queries.entries()) {
    if (performance.now() > deadlineTt) break;
    const t0 = performance.now();
    const theirs = await peer.travelTimes(table, form, q.target, q.sources);
    pgTt.push(performance.now() - t0);
    theirs.forEach((t, k) => compare(ttAnswers[qi]![k]!, t));
  }
  const pgRoute: number[] = [];
  const pairedRoute: number[] = [];
  const deadlineRoute = performance.now() + pgSeconds * 1000;
  for (const [pi, [a, b]] of pairs.entries()) {
    if (performance.now() > deadlineRoute) break;
    const t0 = performance.now();
    const theirs = await peer.route(table, a!, b!);
    pgRoute.push(performance.now() - t0);
    compare(routeAnswers[pi]!, theirs);
  }
  for (const pass of [0, 1]) {
    for (const q of queries.slice(0, pgTt.length)) {
      const ms = time(() => travelTimes(g, w, q.target, q.sources))[1];
      if (pass) pairedTt.push(ms);
    }
    for (const [a, b] of pairs.slice(0, pgRoute.length)) {
      const ms = time(() => route(g, w, a!, b!))[1];
      if (pass) pairedRoute.push(ms);
    }
  }
  const formNote = `${form} (${(formMs.reversed / 3).toFixed(0)} vs ${(formMs['many-to-one'] / 3).toFixed(0)} ms for reversed vs many-to-one)`;
  result.pg = { tt: summarize(pgTt), route: summarize(pgRoute), pairedTt: summarize(pairedTt), pairedRoute: summarize(pairedRoute), form: formNote, load };
  return result;
}

interface ClosureKind {
  /** What is closed, as a closure report would name it. */
  label: string;
  /** The directed edges of each closure measured. */
  targets: Uint32Array[];
}

/**
 * What a closure report closes, drawn at random (seed 77): one road segment (both directions, as an
 * `{edge}` report), everything within 50 m of a point (a crater, `{circle}`), and a whole street by name.
 */
function closureKinds(ds: Dataset): ClosureKind[] {
  const g = ds.graph;
  const rng = new Prng(77);
  const snap = new SnapIndex(g);
  const names = new Set<string>();
  while (names.size < Math.min(CLOSURES, g.names.length - 1)) names.add(g.names[rng.int(1, g.names.length - 1)]!);
  const points = Array.from(pick(rng, ds.pool, CLOSURES));
  return [
    { label: 'a road segment', targets: Array.from({ length: CLOSURES }, () => bothDirections(g, [rng.int(0, g.edgeCount - 1)])) },
    { label: 'a 50 m circle', targets: points.map((v) => edgesInCircle(snap, nodeLat(g, v), nodeLon(g, v), 50)) },
    { label: 'a street by name', targets: [...names].map((name) => edgesNamed(g, name)) },
  ];
}

/**
 * For each kind of closure: close it, then the next query, timed as (close + that query) minus the same
 * query's median time just before (floored at 0: a route's own jitter is larger than a closure's cost).
 * A route reads the live weights directly; travelTimes answers around changes not yet repaired into the
 * hierarchy's metric (searching for the units they may cut) and repairs them later. Reopening is measured
 * the same way, against the query's time before the closure. Five streets are closed and reopened first,
 * unmeasured, so that the check and the repair code are compiled, as on a server after its first closures.
 */
function closureLatency(ds: Dataset) {
  const { graph: g, weights: w } = ds;
  const rng = new Prng(78);
  const q = { target: pick(rng, ds.pool, 1)[0]!, sources: pick(rng, ds.pool, UNITS) };
  const [a, b] = Array.from(pick(rng, ds.pool, 2)) as [number, number];
  const tt = () => travelTimes(g, w, q.target, q.sources);
  const rt = () => route(g, w, a, b);
  const median3 = (f: () => unknown) => summarize([0, 1, 2].map(() => time(f)[1])).p50;
  const kinds = closureKinds(ds);
  for (const edges of kinds[2]!.targets.slice(0, 5)) {
    // The check (a query answering around the closure) and both repairs (closed, reopened).
    const id = w.close(edges);
    tt();
    prepareTravelTimes(g, w);
    w.reopen(id);
    tt();
  }
  return kinds.map(({ label, targets }) => {
    const closeTt: number[] = [];
    const reopenTt: number[] = [];
    const closeRoute: number[] = [];
    const sizes: number[] = [];
    for (const edges of targets) {
      if (!edges.length) continue;
      sizes.push(edges.length);
      const base = median3(tt);
      const [id, closed] = time(() => {
        const id = w.close(edges);
        tt();
        return id;
      });
      closeTt.push(Math.max(0, closed - base));
      // Queries while it is closed (which may answer around it, a little slower), then the reopening,
      // timed against the query's time before the closure: the metric is in step there.
      median3(tt);
      reopenTt.push(Math.max(0, time(() => (w.reopen(id), tt()))[1] - base));
      const routeBase = median3(rt);
      const [id2, routeClosed] = time(() => {
        const id2 = w.close(edges);
        rt();
        return id2;
      });
      closeRoute.push(Math.max(0, routeClosed - routeBase));
      w.reopen(id2);
      prepareTravelTimes(g, w); // the metric in step before the next baseline
    }
    const sorted = sizes.sort((x, y) => x - y);
    return { label, closeTt: summarize(closeTt), reopenTt: summarize(reopenTt), closeRoute: summarize(closeRoute), edgesP50: sorted[sorted.length >> 1]!, edgesMax: sorted[sorted.length - 1]! };
  });
}

async function graphFileLoad(ds: Dataset): Promise<{ nodes: number; firstMs: number; medianMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'civdef-bench-router-'));
  try {
    const file = join(dir, 'city.graph');
    await writeGraphFile(file, ds.graph, 'vehicle');
    const ms: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await readGraphFile(file);
      ms.push(performance.now() - t0);
    }
    return { nodes: ds.graph.nodeCount, firstMs: ms[0]!, medianMs: summarize(ms).p50 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(results: Result[], closure: ReturnType<typeof closureLatency>, load: Awaited<ReturnType<typeof graphFileLoad>>, memory: ReturnType<typeof measureMemory> | null, notes: string[]): void {
  const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  const pp = (s: LatencySummary | undefined) => (s && s.count ? `${f(s.p50)} / ${f(s.p99)}` : '-');
  const ratio = (a: LatencySummary | undefined, b?: LatencySummary) => (a && b && b.count ? `${f(b.p50 / a.p50, 0)}x` : '-');
  console.log('\nPer dataset: ms p50 / p99; pgRouting answers the first n queries within its time cap, and the ratio');
  console.log('compares its p50 with ours on those same n queries, timed again right after the peer\'s block');
  const rows = [['dataset', 'travelTimes ours', 'pgRouting', 'n', 'ratio', 'routes ours', 'pgRouting', 'n', 'ratio', 'max rel diff']];
  for (const r of results) {
    rows.push([
      r.ds.name,
      pp(r.ours.tt),
      pp(r.pg?.tt),
      String(r.pg?.tt.count ?? '-'),
      ratio(r.pg?.pairedTt, r.pg?.tt),
      pp(r.ours.route),
      pp(r.pg?.route),
      String(r.pg?.route.count ?? '-'),
      ratio(r.pg?.pairedRoute, r.pg?.route),
      r.pg ? `${(r.maxRelDiff * 100).toExponential(1)}%${r.disagreements ? ` (${r.disagreements} reachability disagreements)` : ''}` : '-',
    ]);
  }
  printTable(rows);
  for (const r of results) {
    console.log(
      `  ${r.ds.name}: ${r.ds.closedEdges} edges closed; hierarchy + metric built in ${f(r.prepMs, 0)} ms; plain Dijkstra travelTimes p50 ${f(r.dijkstraTt.p50)} ms` +
        (r.pg ? `; pgRouting travel-time form: ${r.pg.form}; edges loaded by ${r.pg.load}` : ''),
    );
  }
  const city = results[results.length - 1]!;
  const withPg = results.filter((r) => r.pg);
  const maxDiff = Math.max(0, ...withPg.map((r) => r.maxRelDiff));
  const disagreements = withPg.reduce((s, r) => s + r.disagreements, 0);
  const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'PASS' : 'FAIL');
  const budget = [['budget (DESIGN.md, issue 3)', 'measured', 'budget', 'result']];
  const row = (what: string, measured: string, limit: string, ok: boolean | null) => budget.push([what, measured, limit, verdict(ok)]);
  const tRatio = city.pg?.tt.count ? city.pg.tt.p50 / city.pg.pairedTt.p50 : NaN;
  row(`travelTimes p50, 50 units, ${city.ds.name}, 5% closed`, `${f(city.ours.tt.p50)} ms`, '<= 2 ms', city.ours.tt.p50 <= 2);
  row('  vs pgRouting, same queries, same minute (p50 ratio)', city.pg?.tt.count ? `${f(tRatio, 0)}x (ours ${f(city.pg.pairedTt.p50)} ms)` : 'peer skipped', '>= 100x', city.pg?.tt.count ? tRatio >= 100 : null);
  row('same answers as pgRouting (all datasets, all queries)', withPg.length ? `max rel diff ${(maxDiff * 100).toExponential(1)}%` : 'peer skipped', '< 0.1%', withPg.length ? maxDiff < 0.001 && disagreements === 0 : null);
  for (const c of closure) {
    row(`${c.label} closed -> next route (p50, max)`, `${f(c.closeRoute.p50, 3)}, ${f(c.closeRoute.max, 2)} ms`, '<= 1 ms', c.closeRoute.p50 <= 1);
    row(`${c.label} closed -> next travelTimes (p50, max)`, `${f(c.closeTt.p50)}, ${f(c.closeTt.max)} ms`, '<= 1 ms', c.closeTt.p50 <= 1);
    row(`${c.label} reopened -> next travelTimes (p50, max)`, `${f(c.reopenTt.p50)}, ${f(c.reopenTt.max)} ms`, '<= 1 ms', c.reopenTt.p50 <= 1);
  }
  row(`graph file load, ${load.nodes} nodes (first, median of 7)`, `${f(load.firstMs, 1)}, ${f(load.medianMs, 1)} ms`, '<= 200 ms', load.firstMs <= 200);
  if (memory) row(`${memory.nodes}-node demo city: graph + weights + search state`, `${f(memory.totalMB, 0)} MiB`, '<= 150 MB', memory.totalMB * 1.048576 <= 150);
  console.log('\nBudgets (2-core machine shared with other work; the ratio is from one run)');
  printTable(budget);
  for (const c of closure) console.log(`  closures of ${c.label}: ${c.closeTt.count}, ${c.edgesP50} directed edges at p50, ${c.edgesMax} at most (demo city)`);
  if (memory) console.log(`  memory: graph ${f(memory.graphMB, 0)} MiB, weights ${f(memory.weightsMB, 0)} MiB, search state ${f(memory.searchMB, 0)} MiB; ${memory.method}`);
  for (const n of notes) console.log(`  note: ${n}`);
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
