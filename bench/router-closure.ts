// node --import tsx bench/router-closure.ts -- --help
//
// The street part of bench/router.ts's closure timing, alone and quick (about 15 s): on the 50k-node demo
// city with 5% of its road sections closed, close a whole street by name and run the next travelTimes
// (one incident, 50 units), then reopen it and run the next one again. Each is timed as (change + query)
// minus the same query's median time with the metric in step just before the closure (so a slower
// query on a metric not yet repaired counts against it). --eager repairs the metric after every change
// first (what travelTimes did before it answered around closures not yet repaired in).
import { Prng } from '../packages/router/src/demo/prng.js';
import { generateDemoCity } from '../packages/router/src/demo/demo-city.js';
import { prepareTravelTimes, travelTimes } from '../packages/router/src/search/travel-times.js';
import { EdgeWeights } from '../packages/router/src/weights/edge-weights.js';
import { edgesNamed } from '../packages/router/src/weights/select.js';
import { stronglyConnected } from '../packages/router/src/search/components.js';
import { detourSettled, unrepairedEdges } from '../packages/router/src/search/cch/index.js';
import { pick, roadSections } from './lib/router-data.js';
import { summarize } from './lib/stats.js';

const USAGE = `Usage: node --import tsx bench/router-closure.ts [--eager] [--cpu] [--streets N] [--queries K]

  --eager       repair the hierarchy's metric after every change before the query
  --cpu         time by this process's CPU time, not the wall clock (for a machine shared with other work)
  --streets N   streets closed and reopened per query (default 30, drawn as bench:router draws them)
  --queries K   queries (one incident, 50 units each) to repeat it for (default 1: bench:router's)`;

function main(): void {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  if (argv.includes('--help')) return console.log(USAGE);
  const num = (flag: string, dflt: number) => (argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : dflt);
  const eager = argv.includes('--eager');
  const streets = num('--streets', 30);
  const queries = num('--queries', 1);

  const graph = generateDemoCity({ seed: 1, targetNodes: 50_000 }).graph;
  const rng0 = new Prng(42);
  const closed: number[] = [];
  for (const s of roadSections(graph)) if (rng0.chance(0.05)) closed.push(...s);
  const w = new EdgeWeights(graph);
  w.close(closed, { id: 'bench-random-closures' });
  const scc = stronglyConnected(graph);
  let main = 0;
  for (let c = 1; c < scc.count; c++) if (scc.sizes[c]! > scc.sizes[main]!) main = c;
  const pool = Uint32Array.from({ length: graph.nodeCount }, (_, v) => v).filter((v) => scc.component[v] === main);
  prepareTravelTimes(graph, w);

  const rngNames = new Prng(77);
  const names = new Set<string>();
  while (names.size < Math.min(streets, graph.names.length - 1)) names.add(graph.names[rngNames.int(1, graph.names.length - 1)]!);
  const targets = [...names].map((name) => edgesNamed(graph, name)).filter((t) => t.length > 0);
  const rng = new Prng(78);
  const qs = Array.from({ length: queries }, () => ({ target: pick(rng, pool, 1)[0]!, sources: pick(rng, pool, 50) }));

  // --cpu: this process's CPU time (user + system) rather than the wall clock, so that on a machine shared
  // with other work the time another process held the core is not counted.
  const cpu = argv.includes('--cpu');
  const now = () => {
    if (!cpu) return performance.now();
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const time = (f: () => unknown) => {
    const t0 = now();
    f();
    return now() - t0;
  };
  const closeMs: number[] = [];
  const reopenMs: number[] = [];
  let repaired = 0;
  let searched = 0;
  for (const [k, q] of qs.entries()) {
    const tt = () => {
      if (eager) prepareTravelTimes(graph, w);
      return travelTimes(graph, w, q.target, q.sources);
    };
    const median3 = () => summarize([0, 1, 2].map(() => time(tt))).p50;
    if (k === 0) {
      // Warm-up (JIT): five streets closed and reopened, as bench:router does.
      for (const edges of targets.slice(0, 5)) {
        const id = w.close(edges);
        tt();
        prepareTravelTimes(graph, w);
        w.reopen(id);
        tt();
      }
    }
    for (const edges of targets) {
      const base = median3();
      let id = '';
      const settled = detourSettled(w);
      closeMs.push(Math.max(0, time(() => ((id = w.close(edges)), tt())) - base));
      if (unrepairedEdges(w) === 0) repaired++;
      else if (detourSettled(w) > settled) searched++;
      median3();
      reopenMs.push(Math.max(0, time(() => (w.reopen(id), tt())) - base));
      prepareTravelTimes(graph, w); // the metric in step before the next baseline
    }
  }
  const f = (x: number) => x.toFixed(2);
  const line = (label: string, ms: number[]) => {
    const s = summarize(ms);
    console.log(`${label}: p50 ${f(s.p50)} ms, p99 ${f(s.p99)} ms, max ${f(s.max)} ms (n=${s.count})`);
  };
  console.log(`${eager ? 'eager repair' : 'repair on demand'}, ${targets.length} streets x ${qs.length} queries, 50k-node demo city, ${cpu ? 'CPU time' : 'wall clock'}`);
  if (!eager) {
    console.log(`closures after which the query searched for the units whose fastest path may use the street: ${searched} of ${closeMs.length}`);
    console.log(`closures after which the query repaired the metric: ${repaired} of ${closeMs.length}`);
  }
  line('close street by name -> next travelTimes', closeMs);
  line('reopen -> next travelTimes', reopenMs);
}

main();
