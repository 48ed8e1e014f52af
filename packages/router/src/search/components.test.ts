import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../demo/graph-builder.js';
import { EdgeWeights } from '../weights/edge-weights.js';
import { stronglyConnected } from './components.js';

describe('stronglyConnected', () => {
  it('splits a oneway chain and joins a two-way one, and honours closures', () => {
    const b = new GraphBuilder();
    for (let i = 0; i < 4; i++) b.addNode(36.2, 37.15 + i * 0.001);
    b.addEdge(0, 1, 10, 100);
    b.addEdge(1, 0, 10, 100);
    b.addEdge(1, 2, 10, 100);
    b.addEdge(2, 3, 10, 100);
    b.addEdge(3, 1, 10, 100);
    const g = b.build();
    const c = stronglyConnected(g);
    expect(c.count).toBe(1);
    const w = new EdgeWeights(g);
    w.close([2]); // 1 -> 2
    const split = stronglyConnected(g, w.current);
    expect(split.count).toBe(3);
    expect(split.component[0]).toBe(split.component[1]);
    expect(split.component[2]).not.toBe(split.component[3]);
    expect([...split.sizes].sort()).toEqual([1, 1, 2]);
  });
});
