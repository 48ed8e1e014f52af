import { describe, expect, it } from 'vitest';
import { directionOf, fill, pickLocale } from './i18n.js';
import { ar, en } from './messages.js';

describe('i18n', () => {
  it('prefers the stored choice, then the browser languages, then English', () => {
    expect(pickLocale('ar', ['en-US'])).toBe('ar');
    expect(pickLocale(null, ['fr-FR', 'ar-SY', 'en'])).toBe('ar');
    expect(pickLocale('xx', ['en-GB'])).toBe('en');
    expect(pickLocale(null, ['de'])).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('mirrors Arabic only', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
  });

  it('has every English message in Arabic with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(ar[key]), key).toEqual(names(en[key]));
    }
  });
});
