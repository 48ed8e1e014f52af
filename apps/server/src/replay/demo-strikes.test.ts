import { generateDemoCity, nodeLat, nodeLon } from '@civdef/router';
import { parseStrikeCsv } from '@civdef/warning';
import { describe, expect, it } from 'vitest';
import { demoStrikes, strikesCsv } from './demo-strikes.js';

const { graph } = generateDemoCity({ seed: 1, targetNodes: 2000 });

describe('demoStrikes', () => {
  it('writes the same day for the same seed, in time order, on road nodes, readable by import-incidents', () => {
    const a = demoStrikes(graph, { count: 40, hours: 6, seed: 7 });
    expect(demoStrikes(graph, { count: 40, hours: 6, seed: 7 })).toEqual(a);
    expect(demoStrikes(graph, { count: 40, hours: 6, seed: 8 })).not.toEqual(a);
    expect(a).toHaveLength(40);
    expect(a.map((s) => s.time)).toEqual([...a.map((s) => s.time)].sort((x, y) => x - y));
    const nodes = new Set(Array.from({ length: graph.nodeCount }, (_, v) => `${nodeLat(graph, v).toFixed(6)},${nodeLon(graph, v).toFixed(6)}`));
    for (const s of a) expect(nodes.has(`${s.lat.toFixed(6)},${s.lon.toFixed(6)}`)).toBe(true);
    const { rows, problems } = parseStrikeCsv(strikesCsv(a));
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(40);
    expect(rows[0]).toMatchObject({ kind: a[0]!.kind, killed: a[0]!.killed, injured: a[0]!.injured });
    expect(rows.at(-1)!.time - rows[0]!.time).toBeLessThanOrEqual(6 * 3_600_000 + 30 * 60_000);
  });
});
