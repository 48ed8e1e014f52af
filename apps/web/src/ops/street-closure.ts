// Close a street by its name (POST /api/v1/closures with target {street}): a small form in the operations
// room, reached with S or Tab, sent with Enter. The body is made by a pure function, tested on its own.
import { newUlid } from '@civdef/core';
import { t, type MessageKey } from '../i18n/i18n.js';
import { h, replace } from '../ui/dom.js';

export const CLOSURE_REASONS = ['rubble', 'crater', 'fire', 'sniper', 'other'] as const;
/** How long a street stays closed unless lifted: 0 = until lifted. */
export const DURATIONS_H = [0, 1, 6, 24] as const;

export interface StreetClosureInput {
  street: string;
  reason: (typeof CLOSURE_REASONS)[number];
  hours: number;
}

/**
 * The closure's request body, or the message key of what is wrong with the input. Precondition: nowMs is
 * the current time; id a fresh ULID.
 */
export function streetClosureBody(input: StreetClosureInput, id: string, nowMs: number): { body: Record<string, unknown> } | { error: MessageKey } {
  const street = input.street.trim().replace(/\s+/g, ' ');
  if (!street) return { error: 'ops.street.empty' };
  if (street.length > 200) return { error: 'ops.street.long' };
  const body: Record<string, unknown> = { id, kind: 'closure', reason: input.reason, target: { street }, note: 'closed by street name in the operations room' };
  if (input.hours > 0) body.until = new Date(nowMs + input.hours * 3_600_000).toISOString();
  return { body };
}

export interface StreetForm {
  element: HTMLFormElement;
  /** Puts the cursor in the street field. */
  focus(): void;
  /** Labels again in the current language. */
  relabel(): void;
}

/**
 * The form; send() posts a body and resolves with a line to show (success or the server's reason).
 * Precondition: a DOM document.
 */
export function streetForm(send: (body: Record<string, unknown>, street: string) => Promise<string>): StreetForm {
  const street = h('input', { type: 'text', name: 'street', autocomplete: 'off', maxlength: 200, 'data-testid': 'street-name' });
  const reason = h('select', { name: 'reason', 'data-testid': 'street-reason' });
  const hours = h('select', { name: 'hours', 'data-testid': 'street-hours' });
  const submit = h('button', { type: 'submit', 'data-testid': 'street-submit' });
  const result = h('div', { role: 'status', class: 'muted', 'data-testid': 'street-result' });
  const labels = { title: h('h3', { id: 'street-title' }), street: h('span'), reason: h('span'), hours: h('span') };
  const element = h('form', { class: 'street-form', 'aria-labelledby': 'street-title', 'data-testid': 'street-form' },
    labels.title,
    h('label', {}, labels.street, street),
    h('div', { class: 'row' }, h('label', {}, labels.reason, reason), h('label', {}, labels.hours, hours)),
    submit,
    result);

  let busy = false;
  element.addEventListener('submit', (e) => {
    e.preventDefault();
    if (busy) return;
    const made = streetClosureBody({ street: street.value, reason: reason.value as StreetClosureInput['reason'], hours: Number(hours.value) }, newUlid(), Date.now());
    if ('error' in made) {
      result.textContent = t(made.error);
      street.focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    void send(made.body, (made.body.target as { street: string }).street)
      .then((line) => {
        result.textContent = line;
        if (!line.startsWith('✕')) street.value = '';
      })
      .finally(() => {
        busy = false;
        submit.disabled = false;
        street.focus();
      });
  });

  function relabel(): void {
    labels.title.textContent = t('ops.street.title');
    labels.street.textContent = t('ops.street.name');
    labels.reason.textContent = t('ops.street.reason');
    labels.hours.textContent = t('ops.street.for');
    submit.textContent = t('ops.street.submit');
    const r = reason.value || 'rubble';
    replace(reason, ...CLOSURE_REASONS.map((x) => h('option', { value: x, selected: x === r }, t(`reason.${x}` as MessageKey))));
    const d = hours.value || '0';
    replace(hours, ...DURATIONS_H.map((n) => h('option', { value: n, selected: String(n) === d }, n === 0 ? t('ops.street.until.lifted') : t('ops.street.hours', { n }))));
  }
  relabel();
  return { element, focus: () => street.focus(), relabel };
}
