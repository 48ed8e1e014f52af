// The reader's language: chosen once, remembered on this device, switchable at any time. Switching sets
// <html lang dir> and re-renders through the listeners; layout mirrors itself through CSS logical properties.
import { ar, en, type MessageKey } from './messages.js';

export type Locale = 'en' | 'ar';
export type { MessageKey };

const TABLES: Record<Locale, Record<MessageKey, string>> = { en, ar };
const STORAGE_KEY = 'civdef.locale';

/** The locale to start in: the stored choice, else the browser's first Arabic or English language, else English. Precondition: none. */
export function pickLocale(stored: string | null, languages: readonly string[]): Locale {
  if (stored === 'ar' || stored === 'en') return stored;
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'ar' || base === 'en') return base;
  }
  return 'en';
}

/** Fills {name} placeholders; an unknown placeholder stays visible rather than vanishing. Precondition: none. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Text direction of a locale. Precondition: none. */
export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');

let current: Locale = 'en';
const listeners = new Set<() => void>();

/** The message in the current locale, placeholders filled. Precondition: none. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return fill(TABLES[current][key], vars);
}

/** The current locale. Precondition: none. */
export const locale = (): Locale => current;

/** Switches language, remembers it and re-renders every listener. Precondition: a DOM document. */
export function setLocale(next: Locale): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode or full storage: the choice still holds for this page.
  }
  document.documentElement.lang = next;
  document.documentElement.dir = directionOf(next);
  document.title = t('app.name');
  for (const l of listeners) l();
}

/** Starts in the remembered or browser locale. Precondition: a DOM document. */
export function initLocale(): void {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  setLocale(pickLocale(stored, navigator.languages ?? [navigator.language]));
}

/** Calls fn now and after every language switch; returns the unsubscribe. Precondition: none. */
export function onLocale(fn: () => void): () => void {
  listeners.add(fn);
  fn();
  return () => listeners.delete(fn);
}

// Numbers and dates in the reader's locale: Arabic gets Arabic-Indic digits, as Arabic readers expect.
const intlTag = (): string => (current === 'ar' ? 'ar-SY' : 'en-GB');

/** A number in the reader's locale. Precondition: finite n. */
export function formatNumber(n: number, digits = 0): string {
  return new Intl.NumberFormat(intlTag(), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

/** A clock time (hours:minutes, local zone) in the reader's locale. Precondition: a valid date. */
export function formatTime(d: Date): string {
  return new Intl.DateTimeFormat(intlTag(), { hour: '2-digit', minute: '2-digit' }).format(d);
}

/** Date and time in the reader's locale. Precondition: a valid date. */
export function formatDateTime(d: Date): string {
  return new Intl.DateTimeFormat(intlTag(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A list ("A, B and C") in the reader's locale. Precondition: none. */
export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat(intlTag(), { type: 'conjunction' }).format(items);
}
