import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '../../demo/demo-city.js';
import { Prng } from '../../demo/prng.js';
import { EdgeWeights } from '../../weights/edge-weights.js';
import { metricFor, preparedFor } from './index.js';
import { CchMetric } from './metric.js';
import { SLACK_S } from './slack-bits.js';
import { arcOf } from './structure.js';

/** Triangles (rank, from, to) whose slack is below what the bits promise but whose bit is clear. */
function missingBits(m: CchMetric): [number, number, number][] {
  const { s, bits } = m;
  const up = (a: number) => m.up(a);
  const down = (a: number) => m.down(a);
  const missing: [number, number, number][] = [];
  for (let x = 0; x < s.n; x++) {
    const row0 = s.upOff[x]!;
    const w = s.upOff[x + 1]! - row0;
    for (let i = 0; i < w; i++) {
      for (let j = 0; j < w; j++) {
        if (i === j) continue;
        const [hi, hj] = [s.upHead[row0 + i]!, s.upHead[row0 + j]!];
        // i -> x -> j against the arc between h_i and h_j in that direction.
        const value = hi < hj ? up(arcOf(s, hi, hj)) : down(arcOf(s, hj, hi));
        const slack = Math.fround(down(row0 + i) + up(row0 + j)) - value;
        const promised = SLACK_S - bits.debtOf(row0 + i, false) - bits.debtOf(row0 + j, true);
        const word = bits.words[bits.rowA(x, w, j) + (i >> 5)]!;
        if (slack < promised && !(word & (1 << (i & 31)))) missing.push([x, i, j]);
      }
    }
  }
  return missing;
}

describe('slack bits', () => {
  it('keep every nearly tight triangle through many small slowdowns and their lifting, and the repair stays exact', () => {
    const { graph: g } = generateDemoCity({ seed: 8, targetNodes: 2500 });
    const w = new EdgeWeights(g);
    const rng = new Prng(4);
    metricFor(w);
    const active: string[] = [];
    for (let step = 0; step < 60; step++) {
      // Mostly slowdowns of a few percent (falls small enough to go through the bits), some closures.
      const edges = Array.from({ length: rng.int(1, 30) }, () => rng.int(0, g.edgeCount - 1));
      const kind = rng.int(0, 4);
      if (kind <= 1) active.push(w.slow(edges, 1 + 0.3 * rng.next()));
      else if (kind === 2) active.push(w.close(edges));
      else if (active.length) w.reopen(active.splice(rng.int(0, active.length - 1), 1)[0]!);
      const repaired = metricFor(w);
      const fresh = new CchMetric(preparedFor(g).structure, g, w.current);
      const [a, b] = [repaired.weights(), fresh.weights()];
      expect([step, a.findIndex((x, i) => x !== b[i])]).toEqual([step, -1]);
      if (step % 10 === 9) expect(missingBits(repaired)).toEqual([]);
    }
  });

  it('are exact after a full customisation', () => {
    const { graph: g } = generateDemoCity({ seed: 2, targetNodes: 2000 });
    expect(missingBits(new CchMetric(preparedFor(g).structure, g, new EdgeWeights(g).current))).toEqual([]);
  });
});
