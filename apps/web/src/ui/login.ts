// Sign-in form: POST /api/v1/auth/login; the token is kept in localStorage (api/session.ts).
import { login } from '../api/client.js';
import { ApiError, describeProblem } from '../api/problem.js';
import type { Session } from '../api/session.js';
import { onLocale, t } from '../i18n/i18n.js';
import { h } from './dom.js';

/** A sign-in form that calls onDone with the new session. Precondition: locale initialised. */
export function loginForm(onDone: (s: Session) => void): HTMLFormElement {
  const title = h('h2');
  const nameLabel = h('span');
  const passLabel = h('span');
  const name = h('input', { name: 'name', autocomplete: 'username', required: true, 'data-testid': 'login-name' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'login-password' });
  const submit = h('button', { type: 'submit', class: 'big', 'data-testid': 'login-submit' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'login-error' });
  const form = h('form', { class: 'login card' }, title, h('label', {}, nameLabel, name), h('label', {}, passLabel, password), submit, error);
  onLocale(() => {
    title.textContent = t('login.title');
    nameLabel.textContent = t('login.name');
    passLabel.textContent = t('login.password');
    submit.textContent = t('login.submit');
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    login(name.value.trim(), password.value)
      .then(onDone)
      .catch((err: unknown) => {
        error.textContent = err instanceof ApiError ? t('login.failed', { detail: describeProblem(err.problem) }) : t('login.offline');
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  return form;
}
