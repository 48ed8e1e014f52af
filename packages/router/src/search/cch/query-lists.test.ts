import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '../../demo/demo-city.js';
import { Prng } from '../../demo/prng.js';
import { EdgeWeights } from '../../weights/edge-weights.js';
import { travelTimes } from '../travel-times.js';
import { metricFor } from './index.js';
import type { CchMetric } from './metric.js';
import { arcOf } from './structure.js';

/** Problems with the query lists: a dropped direction its witness no longer matches, or a packed row out of date. */
function problems(m: CchMetric): string[] {
  const { s, lists } = m;
  const KEPT = 0xffffffff;
  const DEAD = 0xfffffffe;
  const out: string[] = [];
  for (let x = 0; x < s.n; x++) {
    const row0 = s.upOff[x]!;
    const end = s.upOff[x + 1]!;
    const keptUp: string[] = [];
    const keptDown: string[] = [];
    for (let a = row0; a < end; a++) {
      const y = s.upHead[a]!;
      for (const [isUp, kept] of [
        [true, keptUp],
        [false, keptDown],
      ] as const) {
        const wit = m.wit[4 * a + (isUp ? 2 : 3)]!;
        const weight = isUp ? m.up(a) : m.down(a);
        expect(lists.dropped(a, isUp)).toBe(wit !== KEPT);
        if (wit === KEPT) kept.push(`${y}:${weight}`);
        else if (wit === DEAD) {
          if (weight !== Infinity) out.push(`arc ${a} dropped as impassable but weighs ${weight}`);
        } else {
          const b = row0 + wit;
          const c = arcOf(s, s.upHead[b]!, y);
          const detour = isUp ? Math.fround(m.up(b) + m.up(c)) : Math.fround(m.down(c) + m.down(b));
          if (!(detour <= weight)) out.push(`arc ${a} ${isUp ? 'up' : 'down'}: detour ${detour} > ${weight}`);
        }
      }
    }
    const packed = (heads: Uint32Array, w: Float32Array, e: number) => Array.from({ length: e - row0 }, (_, k) => `${heads[row0 + k]}:${w[row0 + k]}`);
    if (packed(lists.upHeads, lists.upWeights, lists.upEnd[x]!).join() !== keptUp.join()) out.push(`rank ${x}: packed up row out of date`);
    if (packed(lists.downHeads, lists.downWeights, lists.downEnd[x]!).join() !== keptDown.join()) out.push(`rank ${x}: packed down row out of date`);
  }
  return out;
}

describe('query lists', () => {
  it('drop only arcs a detour still matches, through closures, slowdowns and reopenings, and answer like Dijkstra', () => {
    const { graph: g } = generateDemoCity({ seed: 6, targetNodes: 2500 });
    const w = new EdgeWeights(g);
    const rng = new Prng(21);
    const m = metricFor(w);
    const arcs = m.s.upHead.length;
    const dropped = Array.from({ length: arcs }, (_, a) => m.lists.dropped(a, true)).filter(Boolean).length;
    expect(dropped).toBeGreaterThan(arcs / 5);
    expect(problems(m)).toEqual([]);
    const active: string[] = [];
    for (let step = 0; step < 40; step++) {
      const edges = Array.from({ length: rng.int(1, 30) }, () => rng.int(0, g.edgeCount - 1));
      const kind = rng.int(0, 3);
      if (kind === 0) active.push(w.close(edges));
      else if (kind === 1) active.push(w.slow(edges, 1 + 2 * rng.next()));
      else if (active.length) w.reopen(active.splice(rng.int(0, active.length - 1), 1)[0]!);
      const target = rng.int(0, g.nodeCount - 1);
      const sources = Array.from({ length: 20 }, () => rng.int(0, g.nodeCount - 1));
      expect(travelTimes(g, w, target, sources)).toEqual(travelTimes(g, w, target, sources, Infinity, { method: 'dijkstra' }));
      if (step % 8 === 7) expect([step, problems(metricFor(w))]).toEqual([step, []]);
    }
  });
});
