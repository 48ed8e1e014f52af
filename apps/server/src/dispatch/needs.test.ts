import { describe, expect, it } from 'vitest';
import { needsOf, type NeedInput } from './needs.js';

const incident = (o: Partial<NeedInput>): NeedInput => ({ kind: 'airstrike', severity: 3, people_trapped: null, casualties: null, ...o });
const caps = (i: NeedInput) => Object.fromEntries(needsOf(i).map((n) => [n.capability, n.count]));

describe('needsOf', () => {
  it('sends heavy rescue to any collapse, more crews as more are trapped, an excavator when severe', () => {
    expect(caps(incident({ kind: 'building-collapse', severity: 1, casualties: 0 }))).toEqual({ 'heavy-rescue': 1 });
    expect(caps(incident({ kind: 'building-collapse', severity: 4, people_trapped: 12, casualties: 0 }))).toEqual({ 'heavy-rescue': 3, excavation: 1 });
  });

  it('sends a fire truck to a fire, two and a tanker to a large one', () => {
    expect(caps(incident({ kind: 'fire', severity: 2 }))).toEqual({ firefighting: 1 });
    expect(caps(incident({ kind: 'fire', severity: 5, casualties: 0 }))).toEqual({ firefighting: 2, water: 1 });
  });

  it('sends ambulances by casualties, two patients each, at most four', () => {
    expect(caps(incident({ casualties: 1 })).medical).toBe(1);
    expect(caps(incident({ casualties: 5 })).medical).toBe(3);
    expect(caps(incident({ casualties: 40 })).medical).toBe(4);
    expect(caps(incident({ casualties: 0 })).medical).toBeUndefined();
  });

  it('estimates casualties from severity when no one has counted them', () => {
    expect(caps(incident({ severity: 2 })).medical).toBeUndefined();
    expect(caps(incident({ severity: 5 })).medical).toBe(2);
  });

  it('light rescue for a small strike, heavy once severe or someone is trapped', () => {
    expect(caps(incident({ severity: 2, casualties: 0 }))).toEqual({ 'light-rescue': 1 });
    expect(caps(incident({ severity: 2, people_trapped: 1, casualties: 0 }))).toEqual({ 'heavy-rescue': 1 });
    expect(caps(incident({ severity: 4, casualties: 0 }))).toEqual({ 'heavy-rescue': 1, firefighting: 1 });
  });

  it('hazmat for a chemical attack; a reason in words for every need', () => {
    const needs = needsOf(incident({ kind: 'chemical-attack', severity: 4 }));
    expect(needs.map((n) => n.capability)).toEqual(['hazmat', 'medical']);
    for (const n of needsOf(incident({ kind: 'building-collapse', severity: 5, people_trapped: 3 }))) expect(n.reason.length).toBeGreaterThan(5);
  });
});
