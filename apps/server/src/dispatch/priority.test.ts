import { describe, expect, it } from 'vitest';
import { byPriority } from './priority.js';

const inc = (id: string, severity: number, people_trapped: number | null, minutesAgo: number) => ({
  id,
  severity,
  people_trapped,
  occurred_at: new Date(Date.UTC(2026, 0, 1, 12, 0) - minutesAgo * 60_000).toISOString(),
});

describe('byPriority', () => {
  it('orders by severity, then people trapped, then age, then id', () => {
    const list = [inc('E', 3, null, 50), inc('A', 5, 0, 1), inc('B', 3, 4, 5), inc('C', 3, 4, 30), inc('D', 3, 4, 30), inc('F', 5, 2, 0)];
    expect(byPriority(list).map((i) => i.id)).toEqual(['F', 'A', 'C', 'D', 'B', 'E']);
  });

  it('does not reorder its input', () => {
    const list = [inc('A', 1, null, 0), inc('B', 5, null, 0)];
    byPriority(list);
    expect(list.map((i) => i.id)).toEqual(['A', 'B']);
  });
});
