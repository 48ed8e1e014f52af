import { describe, expect, it } from 'vitest';
import { parentWorksiteCode, parseWorksiteCode } from './worksite-code.js';

describe('worksite codes', () => {
  it('reads sector, number and sub-site', () => {
    expect(parseWorksiteCode('A-1')).toEqual({ sector: 'A', number: 1, sub: null });
    expect(parseWorksiteCode('C-16b')).toEqual({ sector: 'C', number: 16, sub: 'b' });
  });

  it('refuses what is not an INSARAG worksite id', () => {
    for (const bad of ['a-1', 'A1', 'A-0', 'A-01', 'AB-1', 'A-1ab', 'A-1A', 'A-1000', ' A-1', '']) expect(parseWorksiteCode(bad), bad).toBeNull();
  });

  it('names the parent of a sub-site only', () => {
    expect(parentWorksiteCode('B-12c')).toBe('B-12');
    expect(parentWorksiteCode('B-12')).toBeNull();
    expect(parentWorksiteCode('junk')).toBeNull();
  });
});
