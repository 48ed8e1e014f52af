import { describe, expect, it } from 'vitest';
import { actionOf } from './shortcuts.js';

const press = (key: string, targetTag = 'BODY', mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  actionOf({ key, targetTag, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('shortcuts', () => {
  it('maps the dispatcher keys, either case', () => {
    expect(press('n')).toBe('next');
    expect(press('A')).toBe('assign');
    expect(press('c')).toBe('closure');
    expect(press('Escape')).toBe('cancel');
    expect(press('Enter')).toBe('finish');
    expect(press('q')).toBeNull();
  });

  it('leaves typing and browser shortcuts alone', () => {
    expect(press('a', 'INPUT')).toBeNull();
    expect(press('r', 'BODY', { ctrlKey: true })).toBeNull();
    expect(press('Escape', 'INPUT')).toBe('cancel');
    expect(press('Enter', 'BUTTON')).toBeNull();
  });

  it('steps through closures with O and lifts the selected one with X', () => {
    expect(press('o')).toBe('next-closure');
    expect(press('X')).toBe('lift');
    expect(press('x', 'INPUT')).toBeNull();
  });

  it('puts S on the street closure form', () => {
    expect(press('s')).toBe('street');
    expect(press('s', 'INPUT')).toBeNull();
  });
});
