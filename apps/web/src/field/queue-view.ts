// The list of actions made on this phone, newest first: pending, accepted, or refused with the reason.
import { t, type MessageKey } from '../i18n/i18n.js';
import { h, replace } from '../ui/dom.js';
import type { OutboxItem } from './outbox.js';

function labelOf(item: OutboxItem): string {
  const vars = { ...item.label.vars };
  if (vars.status) vars.status = t(`status.${vars.status}` as MessageKey);
  if (vars.aircraft) vars.aircraft = t(`aircraft.${vars.aircraft}` as MessageKey);
  if (vars.condition) vars.condition = t(`victim.${vars.condition}` as MessageKey);
  if (vars.colour) vars.colour = t(`start.${vars.colour}` as MessageKey);
  return t(item.label.key as MessageKey, vars);
}

/** Renders the items into list. Precondition: locale initialised. */
export function renderQueue(list: HTMLElement, items: readonly OutboxItem[], dismiss: (seq: number) => void): void {
  if (items.length === 0) {
    replace(list, h('li', { class: 'muted' }, t('field.empty')));
    return;
  }
  const rows = [...items].reverse().map((item) =>
    h(
      'li',
      { class: item.state, 'data-testid': 'outbox-item', 'data-state': item.state, 'data-id': item.id },
      h('span', { class: 'what' }, labelOf(item), item.problem ? h('span', { class: 'problem', role: 'alert' }, item.problem) : null),
      h('span', { class: 'state' }, t(`state.${item.state}`)),
      item.state === 'refused' ? h('button', { type: 'button', onclick: () => dismiss(item.seq!) }, t('field.dismiss')) : null,
    ),
  );
  replace(list, ...rows);
}
