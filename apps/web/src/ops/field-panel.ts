// The panel's parts for what the field sends up: the selected incident's victims (START colour, condition,
// how far out they are; no personal data) and the open supply requests with fulfil and refuse.
import { formatList, formatNumber, formatTime, t, type MessageKey } from '../i18n/i18n.js';
import { h } from '../ui/dom.js';
import { START_COLOURS, startCounts, victimOrder, victimStage, type SupplyRequestRow } from './field-feed.js';
import type { Store } from './store.js';

export interface RequestActions {
  fulfil(id: string): void;
  refuse(id: string): void;
}

// Through the CSSOM, not a style attribute: the page's CSP allows no inline styles.
const dot = (colour: string) => {
  const el = h('span', { class: 'dot' });
  el.style.background = colour;
  return el;
};

/** The selected incident's victims, red first. Precondition: store.field holds that incident's. */
export function victimList(store: Store, incidentId: string): HTMLElement[] {
  const victims = store.field.incident === incidentId ? store.field.victims : [];
  const counts = startCounts(victims);
  const head = h('h3', {}, `${t('ops.victims')} (${formatNumber(victims.length)})`,
    ...counts.map((c) => h('span', { class: 'count' }, ' ', dot(START_COLOURS[c.colour]), formatNumber(c.n))));
  if (!victims.length) return [head, h('p', { class: 'muted' }, t('ops.victims.none'))];
  const place = (id: string | null) => store.hospitals.find((p) => p.id === id)?.name ?? '';
  return [head, h('ul', { 'data-testid': 'victims' }, ...victimOrder(victims).map((v) => {
    const stage = victimStage(v);
    return h('li', { 'data-testid': 'victim', 'data-id': v.id, 'data-colour': v.start_colour, 'data-stage': stage },
      dot(START_COLOURS[v.start_colour]), ' ',
      t('ops.victim.line', {
        code: v.worksite_code,
        colour: t(`start.${v.start_colour}` as MessageKey),
        condition: t(`victim.${v.condition}` as MessageKey),
        stage: stage === 'handed-over' ? t('victim.handed-over', { place: place(v.hospital_id) }) : t(`victim.${stage}` as MessageKey),
        time: formatTime(new Date(v.found_at)),
      }));
  }))];
}

/** Open supply requests, the selected incident's first; buttons for a role that may decide. Precondition: locale initialised. */
export function requestList(store: Store, selected: string | null, canDecide: boolean, act: RequestActions): HTMLElement[] {
  const requests = store.field.requests;
  if (requests === null) return []; // this role does not see them
  const head = h('h3', {}, `${t('ops.requests')} (${formatNumber(requests.length)})`);
  if (!requests.length) return [head, h('p', { class: 'muted' }, t('ops.requests.none'))];
  const ordered = [...requests].sort((a, b) => Number(b.incident_id === selected) - Number(a.incident_id === selected));
  return [head, h('ul', { 'data-testid': 'requests' }, ...ordered.map((r) => requestRow(store, r, selected, canDecide, act)))];
}

function requestRow(store: Store, r: SupplyRequestRow, selected: string | null, canDecide: boolean, act: RequestActions): HTMLElement {
  const who = (r.unit_id && store.units.get(r.unit_id)?.name) || t('ops.request.someone');
  const items = r.items.length ? formatList(r.items.map((x) => `${formatNumber(x.quantity)} × ${x.item}`)) : '';
  return h('li', { 'data-testid': 'request', 'data-id': r.id, class: r.incident_id && r.incident_id === selected ? 'card here' : 'card' },
    h('div', {}, h('strong', {}, who), ' · ', formatTime(new Date(r.requested_at))),
    h('div', {}, r.note),
    items ? h('div', { class: 'muted' }, items) : null,
    canDecide
      ? h('div', { class: 'tools' },
          h('button', { type: 'button', 'data-testid': 'request-fulfil', 'data-id': r.id, onclick: () => act.fulfil(r.id) }, t('ops.request.fulfil')),
          h('button', { type: 'button', 'data-testid': 'request-refuse', 'data-id': r.id, onclick: () => act.refuse(r.id) }, t('ops.request.refuse')))
      : null);
}
