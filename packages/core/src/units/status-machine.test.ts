import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../errors/errors.js';
import { UNIT_STATUSES } from '../schemas/units.js';
import { assertIncidentTransition, assertUnitTransition, endsAssignment } from './status-machine.js';

describe('unit status machine', () => {
  it('allows the full life cycle', () => {
    const cycle = ['available', 'dispatched', 'en-route', 'on-scene', 'returning', 'available'] as const;
    for (let i = 1; i < cycle.length; i++) expect(() => assertUnitTransition('u', cycle[i - 1]!, cycle[i]!)).not.toThrow();
  });

  it('lets every status except out-of-service go out of service', () => {
    for (const s of UNIT_STATUSES) {
      if (s === 'out-of-service') expect(() => assertUnitTransition('u', s, s)).toThrow(IllegalTransitionError);
      else expect(() => assertUnitTransition('u', s, 'out-of-service')).not.toThrow();
    }
  });

  it('says why a jump is refused', () => {
    try {
      assertUnitTransition('U1', 'available', 'on-scene');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IllegalTransitionError);
      const err = e as IllegalTransitionError;
      expect(err.from).toBe('available');
      expect(err.to).toBe('on-scene');
      expect(err.message).toContain('may go to dispatched, out-of-service');
    }
  });

  it('ends the assignment when the unit leaves the scene or breaks down', () => {
    expect(endsAssignment('returning')).toBe(true);
    expect(endsAssignment('out-of-service')).toBe(true);
    expect(endsAssignment('available')).toBe(true);
    expect(endsAssignment('en-route')).toBe(false);
  });

  it('refuses to reopen an open incident', () => {
    expect(() => assertIncidentTransition('i', 'open', 'open')).toThrow(IllegalTransitionError);
    expect(() => assertIncidentTransition('i', 'closed', 'open')).not.toThrow();
  });
});
