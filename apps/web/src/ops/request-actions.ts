// Answering supply requests from the room: fulfil with one click, refuse through the reason form. The list
// itself follows from the supply.request-* events, like an answer given elsewhere.
import { api } from '../api/client.js';
import { ApiError, describeProblem } from '../api/problem.js';
import { t } from '../i18n/i18n.js';
import { fulfilBody } from './field-feed.js';
import { refuseForm, type RefuseForm } from './refuse-form.js';
import type { Store } from './store.js';

export interface RequestAnswers {
  /** The refusal form, to place in the panel. */
  refusal: RefuseForm;
  fulfil(id: string): Promise<void>;
  refuse(id: string): void;
}

/** Fulfil and refuse for the requests the store holds; notice() shows a line, fail() an error. Precondition: a DOM document. */
export function requestAnswers(store: Store, notice: (line: string) => void, fail: (err: unknown) => void): RequestAnswers {
  const refusal = refuseForm(async (id, reason) => {
    try {
      await api(`/api/v1/supply-requests/${id}/refuse`, { method: 'POST', body: { reason } });
      return null;
    } catch (err) {
      return `✕ ${err instanceof ApiError ? describeProblem(err.problem) : t('error.network')}`;
    }
  });
  const find = (id: string) => store.field.requests?.find((x) => x.id === id);
  return {
    refusal,
    async fulfil(id) {
      const r = find(id);
      if (!r) return;
      try {
        await api(`/api/v1/supply-requests/${id}/fulfil`, { method: 'POST', body: fulfilBody(r) });
        notice(t('ops.request.fulfilled', { note: r.note }));
      } catch (err) {
        fail(err);
      }
    },
    refuse(id) {
      const r = find(id);
      if (r) refusal.open(id, r.note);
    },
  };
}
