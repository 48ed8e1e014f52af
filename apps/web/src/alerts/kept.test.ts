import { describe, expect, it } from 'vitest';
import type { StreamZone } from './alert-state.js';
import { keptText, parseKept, zonesKey } from './kept.js';

const a: StreamZone = { id: 'a', name_en: 'A', name_ar: 'أ', earliest: '2026-03-01T10:05:00Z', latest: '2026-03-01T10:09:00Z' };

describe('kept stream state', () => {
  it('round-trips the warnings and last event id for the same zones, in any order', () => {
    const zones = zonesKey(['b', 'a']);
    expect(zones).toBe(zonesKey(['a', 'b']));
    const text = keptText(zones, { lastId: '42', warnings: new Map([['A1', [a]]]) });
    expect(parseKept(text, zones)).toEqual({ lastId: '42', warnings: new Map([['A1', [a]]]) });
  });

  it('starts afresh for other zones, or from damaged or missing text', () => {
    const text = keptText('a,b', { lastId: '42', warnings: new Map([['A1', [a]]]) });
    const fresh = { lastId: null, warnings: new Map() };
    expect(parseKept(text, 'a')).toEqual(fresh);
    expect(parseKept('{not json', 'a,b')).toEqual(fresh);
    expect(parseKept(null, 'a,b')).toEqual(fresh);
  });

  it('drops an entry that is not a list of zones', () => {
    const text = JSON.stringify({ zones: 'a', lastId: 7, warnings: [['A1', [a]], ['A2', [{ id: 'x' }]], 'junk'] });
    expect(parseKept(text, 'a')).toEqual({ lastId: null, warnings: new Map([['A1', [a]]]) });
  });
});
