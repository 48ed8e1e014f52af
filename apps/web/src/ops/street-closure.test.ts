import { describe, expect, it } from 'vitest';
import { streetClosureBody } from './street-closure.js';

const NOW = Date.parse('2026-03-01T10:00:00Z');

describe('streetClosureBody', () => {
  it('closes a street by its name, tidied, until lifted or for some hours', () => {
    expect(streetClosureBody({ street: '  Baron   Street ', reason: 'rubble', hours: 0 }, 'ID', NOW)).toEqual({
      body: { id: 'ID', kind: 'closure', reason: 'rubble', target: { street: 'Baron Street' }, note: 'closed by street name in the operations room' },
    });
    const r = streetClosureBody({ street: 'شارع بارون', reason: 'crater', hours: 6 }, 'ID', NOW);
    expect(r).toMatchObject({ body: { target: { street: 'شارع بارون' }, reason: 'crater', until: '2026-03-01T16:00:00.000Z' } });
  });

  it('names what is wrong with an empty or overlong name', () => {
    expect(streetClosureBody({ street: '   ', reason: 'rubble', hours: 0 }, 'ID', NOW)).toEqual({ error: 'ops.street.empty' });
    expect(streetClosureBody({ street: 'x'.repeat(201), reason: 'rubble', hours: 0 }, 'ID', NOW)).toEqual({ error: 'ops.street.long' });
  });
});
