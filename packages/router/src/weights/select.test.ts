import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../demo/graph-builder.js';
import { bothDirections, edgesNamed, edgesOfWay } from './select.js';

function graph() {
  const b = new GraphBuilder();
  for (let i = 0; i < 4; i++) b.addNode(36.2, 37.15 + i * 0.001);
  b.addEdge(0, 1, 10, 90, 7, 'Baron Street'); // 0
  b.addEdge(1, 0, 10, 90, 7, 'Baron Street'); // 1
  b.addEdge(1, 2, 10, 90, 7, 'BARON street'); // 2 (oneway, other spelling)
  b.addEdge(2, 3, 10, 90, 8, 'Souq Lane'); // 3
  b.addEdge(3, 2, 10, 90, 8, 'Souq Lane'); // 4
  b.addEdge(3, 0, 10, 90, 9, ''); // 5
  return b.build();
}

describe('edge selection', () => {
  it('finds the edges of a way', () => {
    const g = graph();
    expect([...edgesOfWay(g, 7)]).toEqual([0, 1, 2]);
    expect([...edgesOfWay(g, 8)]).toEqual([3, 4]);
    expect([...edgesOfWay(g, 404)]).toEqual([]);
  });

  it('finds a street by name, ignoring case and blanks, never the unnamed roads', () => {
    const g = graph();
    expect([...edgesNamed(g, 'baron street')]).toEqual([0, 1, 2]);
    expect([...edgesNamed(g, '  Souq Lane ')]).toEqual([3, 4]);
    expect([...edgesNamed(g, 'Souq')]).toEqual([]);
    expect([...edgesNamed(g, '')]).toEqual([]);
  });

  it('adds the opposite direction of two-way roads', () => {
    const g = graph();
    expect([...bothDirections(g, [0])]).toEqual([0, 1]);
    expect([...bothDirections(g, [4, 2])]).toEqual([2, 3, 4]);
    expect([...bothDirections(g, [5])]).toEqual([5]);
  });
});
