import { ConflictError } from '@civdef/core';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../demo/graph-builder.js';
import { EdgeWeights } from './edge-weights.js';

function line(n: number) {
  const b = new GraphBuilder();
  for (let i = 0; i < n; i++) b.addNode(36.2, 37.15 + i * 0.001);
  for (let i = 0; i + 1 < n; i++) b.addEdge(i, i + 1, 10, 90, 1, 'Main Street');
  return b.build();
}

describe('EdgeWeights', () => {
  it('starts at the base durations', () => {
    const w = new EdgeWeights(line(4));
    expect([...w.current]).toEqual([10, 10, 10]);
  });

  it('keeps an edge closed until every closure covering it is lifted', () => {
    const w = new EdgeWeights(line(4));
    const a = w.close([0, 1]);
    const b = w.close([1, 2], { id: 'crater' });
    expect(b).toBe('crater');
    expect([...w.current]).toEqual([Infinity, Infinity, Infinity]);
    expect(w.reopen(a)).toBe(true);
    expect([...w.current]).toEqual([10, Infinity, Infinity]);
    expect(w.isClosed(1)).toBe(true);
    expect(w.reopen(a)).toBe(false);
    w.reopen('crater');
    expect([...w.current]).toEqual([10, 10, 10]);
  });

  it('gives an edge the largest of its slowdowns, not their product, and a closure wins over them', () => {
    const w = new EdgeWeights(line(3));
    const s2 = w.slow([0], 2);
    const s3 = w.slow([0, 1], 3);
    expect([...w.current]).toEqual([30, 30]);
    w.reopen(s3);
    expect([...w.current]).toEqual([20, 10]);
    const c = w.close([0]);
    expect(w.current[0]).toBe(Infinity);
    w.reopen(c);
    expect(w.current[0]).toBe(20);
    w.reopen(s2);
    expect(w.current[0]).toBe(10);
    expect(w.factorOf(0)).toBe(1);
  });

  it('expire() lifts exactly the restrictions whose time has come', () => {
    const w = new EdgeWeights(line(4));
    w.close([0], { id: 'early', untilMs: 1000 });
    w.slow([1], 2, { id: 'late', untilMs: 5000 });
    w.close([2], { id: 'forever' });
    expect(w.expire(999)).toEqual([]);
    expect(w.expire(1000)).toEqual(['early']);
    expect([...w.current]).toEqual([10, 20, Infinity]);
    expect(w.expire(10_000)).toEqual(['late']);
    expect([...w.current]).toEqual([10, 10, Infinity]);
    expect(w.list().map((r) => r.id)).toEqual(['forever']);
  });

  it('counts versions, and rejects bad input without changing anything', () => {
    const w = new EdgeWeights(line(3));
    const v0 = w.version;
    w.close([0], { id: 'x' });
    expect(w.version).toBeGreaterThan(v0);
    expect(() => w.close([1], { id: 'x' })).toThrow(ConflictError);
    expect(() => w.close([5])).toThrow(RangeError);
    expect(() => w.close([-1])).toThrow(RangeError);
    expect(() => w.close([0.5])).toThrow(RangeError);
    expect(() => w.slow([1], 0.5)).toThrow(RangeError);
    expect(() => w.slow([1], NaN)).toThrow(RangeError);
    expect(() => w.close([1], { untilMs: Infinity })).toThrow(RangeError);
    expect([...w.current]).toEqual([Infinity, 10]);
    expect(w.list()).toHaveLength(1);
  });

  it('de-duplicates the edges of one restriction, so lifting it once reopens them', () => {
    const w = new EdgeWeights(line(3));
    const id = w.close([1, 1, 0, 1]);
    expect([...w.get(id)!.edges]).toEqual([0, 1]);
    w.reopen(id);
    expect([...w.current]).toEqual([10, 10]);
  });
});
