import { parseStrikeCsv } from '@civdef/warning';
import { describe, expect, it } from 'vitest';
import { callsOf, incidentKindOf, severityOf } from './scenario.js';

describe('incidentKindOf', () => {
  it('maps the words conflict monitors use onto our kinds', () => {
    expect(incidentKindOf('Air/drone strike')).toBe('airstrike');
    expect(incidentKindOf('Shelling/artillery/missile attack')).toBe('shelling');
    expect(incidentKindOf('barrel bomb')).toBe('barrel-bomb');
    expect(incidentKindOf('chlorine attack')).toBe('chemical-attack');
    expect(incidentKindOf('fire')).toBe('fire');
    expect(incidentKindOf('building-collapse')).toBe('building-collapse');
    expect(incidentKindOf('Protests')).toBe('other');
    expect(incidentKindOf(undefined)).toBe('airstrike');
  });
});

describe('severityOf', () => {
  it('grows with the toll, 3 when unknown', () => {
    expect([severityOf(undefined, undefined), severityOf(0, 0), severityOf(1, 0), severityOf(2, 3), severityOf(10, 10)]).toEqual([3, 2, 3, 4, 5]);
  });
});

describe('callsOf', () => {
  it('orders the calls in time and gives each its offset from the first', () => {
    const { rows } = parseStrikeCsv('date,time,latitude,longitude,kind,injured\n2025-01-01,10:30,36.2,37.1,shelling,4\n2025-01-01,10:00,36.3,37.2,,\n2025-01-01,10:00,36.1,37.0,fire,0\n');
    const calls = callsOf(rows);
    expect(calls.map((c) => [c.line, c.offsetMs, c.kind, c.casualties])).toEqual([
      [3, 0, 'airstrike', null],
      [4, 0, 'fire', 0],
      [2, 30 * 60_000, 'shelling', 4],
    ]);
  });
});
