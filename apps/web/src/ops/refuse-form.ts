// Refuse a supply request with the reason the requester reads: a small form outside the parts of the panel
// drawn again on every change, so typing in it is never interrupted. Enter sends, Escape closes.
import { t } from '../i18n/i18n.js';
import { h } from '../ui/dom.js';

export interface RefuseForm {
  element: HTMLFormElement;
  /** Opens the form for this request, the cursor in the reason. */
  open(id: string, label: string): void;
  close(): void;
  /** Labels again in the current language. */
  relabel(): void;
}

/**
 * The form; send() posts the refusal and resolves with an error line to show, or null when it went through
 * (the form then closes). Precondition: a DOM document.
 */
export function refuseForm(send: (id: string, reason: string) => Promise<string | null>): RefuseForm {
  const title = h('h3', { id: 'refuse-title' });
  const what = h('div', { class: 'muted' });
  const reasonLabel = h('span');
  const reason = h('input', { type: 'text', name: 'reason', autocomplete: 'off', maxlength: 500, 'data-testid': 'refuse-reason' });
  const submit = h('button', { type: 'submit', 'data-testid': 'refuse-submit' });
  const cancel = h('button', { type: 'button', onclick: () => close() });
  const result = h('div', { role: 'status', class: 'error', 'data-testid': 'refuse-result' });
  const element = h('form', { class: 'street-form', hidden: true, 'aria-labelledby': 'refuse-title', 'data-testid': 'refuse-form' },
    title, what, h('label', {}, reasonLabel, reason), h('div', { class: 'tools' }, submit, cancel), result);
  let id: string | null = null;
  let busy = false;

  function close(): void {
    id = null;
    element.hidden = true;
    reason.value = '';
    result.textContent = '';
  }

  element.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  element.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = reason.value.trim();
    if (busy || !id) return;
    if (!text) {
      result.textContent = t('ops.refuse.empty');
      reason.focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    void send(id, text)
      .then((error) => {
        if (error === null) close();
        else result.textContent = error;
      })
      .finally(() => {
        busy = false;
        submit.disabled = false;
      });
  });

  function relabel(): void {
    title.textContent = t('ops.refuse.title');
    reasonLabel.textContent = t('ops.refuse.reason');
    submit.textContent = t('ops.request.refuse');
    cancel.textContent = t('ops.refuse.cancel');
  }
  relabel();
  return {
    element,
    open(next, label) {
      id = next;
      what.textContent = label;
      result.textContent = '';
      element.hidden = false;
      reason.focus();
    },
    close,
    relabel,
  };
}
