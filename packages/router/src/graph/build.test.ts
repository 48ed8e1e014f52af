import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EdgeListBuilder } from './build.js';
import { checkGraph } from './file-format.js';
import { edgeWayId } from './graph.js';

describe('EdgeListBuilder', () => {
  it('drops unused nodes, keeps the order of the rest, and sorts edges by source', () => {
    const b = new EdgeListBuilder();
    // Provisional nodes 0..4; node 1 is never used.
    b.addEdge(4, 0, 10, 1, 100, 1);
    b.addEdge(0, 2, 20, 2, 101, 0);
    b.addEdge(2, 3, 30, 3, 102, 1);
    b.addEdge(0, 4, 40, 4, 103, 0);
    const lat = Int32Array.from([0, 1, 2, 3, 4]);
    const g = b.build(lat, lat.map((x) => -x), ['', 'High Street']);
    expect(g.nodeCount).toBe(4);
    expect([...g.latE7]).toEqual([0, 2, 3, 4]);
    expect([...g.lonE7]).toEqual([0, -2, -3, -4]);
    expect([...g.offsets]).toEqual([0, 2, 3, 3, 4]);
    // Node 0's edges in insertion order: to old 2 (new 1), to old 4 (new 3).
    expect([...g.targets]).toEqual([1, 3, 2, 0]);
    expect([...g.lengthM]).toEqual([20, 40, 30, 10]);
    expect([...g.durationS]).toEqual([2, 4, 3, 1]);
    expect([...g.edgeWay].map((w) => g.wayIds[w])).toEqual([101, 103, 102, 100]);
    expect([...g.edgeWay].map((w) => g.wayNames[w])).toEqual([0, 0, 1, 1]);
    // One way-table entry per distinct (way id, name).
    expect(g.wayIds.length).toBe(4);
    expect(checkGraph(g)).toBeNull();
  });

  it('keeps every edge, attached to its source, on random edge lists', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { maxLength: 200 }), (pairs) => {
        const b = new EdgeListBuilder();
        pairs.forEach(([s, t], i) => b.addEdge(s, t, i + 1, i, i, 0));
        const lat = Int32Array.from({ length: 31 }, (_, i) => i);
        const g = b.build(lat, lat, ['']);
        expect(checkGraph(g)).toBeNull();
        const seen = [];
        for (let v = 0; v < g.nodeCount; v++) {
          for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) seen.push(`${g.latE7[v]}>${g.latE7[g.targets[e]!]}#${edgeWayId(g, e)}`);
        }
        expect(seen.sort()).toEqual(pairs.map(([s, t], i) => `${s}>${t}#${i}`).sort());
      }),
    );
  });
});
