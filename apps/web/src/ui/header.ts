// The bar on top of every page: title, who is signed in, the language switch (always one tap away).
import { locale, onLocale, setLocale, t, type MessageKey } from '../i18n/i18n.js';
import { h, replace } from './dom.js';

/** A language button that flips English and Arabic. Precondition: locale initialised. */
export function languageButton(): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'lang', 'data-testid': 'lang', onclick: () => setLocale(locale() === 'ar' ? 'en' : 'ar') });
  onLocale(() => {
    b.textContent = t('lang.switch');
    b.setAttribute('aria-label', t('lang.switch.label'));
    b.lang = locale() === 'ar' ? 'en' : 'ar';
  });
  return b;
}

/** The page header; `extra` is re-rendered on every language switch. Precondition: locale initialised. */
export function header(titleKey: MessageKey, extra: () => (Node | string)[] = () => []): HTMLElement {
  const title = h('h1', { class: 'title' });
  const slot = h('div', { class: 'header-extra' });
  const el = h('header', { class: 'bar' }, title, slot, languageButton());
  onLocale(() => {
    title.textContent = t(titleKey);
    replace(slot, ...extra());
  });
  return el;
}
