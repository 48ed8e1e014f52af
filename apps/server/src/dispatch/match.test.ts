import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverage, fills, suggest } from './match.js';
import type { Capability, NeedSpec } from './needs.js';

const need = (capability: Capability, count: number): NeedSpec => ({ capability, count, reason: 'test' });

describe('coverage', () => {
  it('counts each unit once, for the need it is best used on', () => {
    // The foot team could be the ambulance or the light rescue; the truck only light rescue: both covered.
    const c = coverage([need('medical', 1), need('light-rescue', 1)], [['light-rescue', 'medical'], ['light-rescue']]);
    expect(c.map((x) => [x.capability, x.assigned, x.missing])).toEqual([['medical', 1, 0], ['light-rescue', 1, 0]]);
  });

  it('leaves a need missing when its units are all used elsewhere', () => {
    const c = coverage([need('medical', 2)], [['medical']]);
    expect(c[0]).toMatchObject({ assigned: 1, missing: 1 });
  });
});

describe('suggest', () => {
  it('takes the fastest that cover what is unmet, skipping what adds nothing', () => {
    const candidates = [
      { id: 'amb-fast', capabilities: ['medical'] as Capability[] },
      { id: 'amb-2', capabilities: ['medical'] as Capability[] },
      { id: 'rescue', capabilities: ['heavy-rescue', 'light-rescue'] as Capability[] },
    ];
    const { picked, coverage: after } = suggest([need('heavy-rescue', 1), need('medical', 1)], [], candidates);
    expect(picked.map((p) => p.id)).toEqual(['amb-fast', 'rescue']);
    expect(after.every((c) => c.missing === 0)).toBe(true);
  });

  it('counts the units already assigned', () => {
    const { picked } = suggest([need('medical', 1)], [['medical']], [{ capabilities: ['medical'] as Capability[] }]);
    expect(picked).toEqual([]);
  });

  // Reference: try every subset of the candidates; the best covers the most places, then takes the least time.
  it('covers as much as any subset can, at the least total time among those (brute force)', () => {
    const CAPS: Capability[] = ['medical', 'light-rescue', 'heavy-rescue', 'firefighting'];
    const capSet = fc.uniqueArray(fc.constantFrom(...CAPS), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ capability: fc.constantFrom(...CAPS), count: fc.integer({ min: 1, max: 2 }) }), { selector: (n) => n.capability, minLength: 1, maxLength: 3 }),
        fc.array(capSet, { maxLength: 2 }),
        fc.array(fc.record({ capabilities: capSet, eta: fc.integer({ min: 1, max: 1000 }) }), { maxLength: 7 }),
        (rawNeeds, assigned, raw) => {
          const needs = rawNeeds.map((n) => need(n.capability, n.count));
          const candidates = [...raw].sort((a, b) => a.eta - b.eta);
          const covered = (set: typeof candidates) => coverage(needs, [...assigned, ...set.map((c) => c.capabilities)]).reduce((s, c) => s + c.assigned, 0);
          let best = { covered: -1, time: Infinity };
          for (let mask = 0; mask < 1 << candidates.length; mask++) {
            const set = candidates.filter((_, i) => mask & (1 << i));
            const cov = covered(set);
            const time = set.reduce((s, c) => s + c.eta, 0);
            if (cov > best.covered || (cov === best.covered && time < best.time)) best = { covered: cov, time };
          }
          const { picked } = suggest(needs, assigned, candidates);
          expect(covered(picked)).toBe(best.covered);
          expect(picked.reduce((s, c) => s + c.eta, 0)).toBe(best.time);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fills', () => {
  it('names the needed capabilities a unit brings, once each', () => {
    expect(fills([need('medical', 1), need('medical', 1), need('water', 1)], ['medical', 'hazmat'])).toEqual(['medical']);
  });
});
