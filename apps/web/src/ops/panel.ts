// The side panel: live state, tools, incidents by age, the selected incident with its recommendations,
// the unit board by status, closures. Rendered whole on every change: a few hundred rows at most.
import { formatDateTime, formatNumber, t, type MessageKey } from '../i18n/i18n.js';
import { h } from '../ui/dom.js';
import { KIND_COLOURS, STATUS_COLOURS } from './colours.js';
import type { Incident, Store } from './store.js';

export interface Recommendation {
  unit_id: string;
  name: string;
  reachable: boolean;
  eta_s: number | null;
  route: { coordinates: [number, number][] } | null;
}

export interface PanelState {
  live: boolean;
  selected: string | null;
  recommendations: Recommendation[] | null;
  recommendationsError: string | null;
  notice: string;
  tool: 'none' | 'closure' | 'route';
  route: { reachable: boolean; duration_s?: number; distance_m?: number } | null;
}

export interface PanelActions {
  select(id: string): void;
  assign(unitId: string): void;
  tool(tool: 'closure' | 'route'): void;
  finish(): void;
  cancel(): void;
}

// Through the CSSOM, not a style attribute: the page's CSP allows no inline styles.
const dot = (colour: string) => {
  const el = h('span', { class: 'dot' });
  el.style.background = colour;
  return el;
};
const minutesAgo = (iso: string) => Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60_000));

/** Incidents to work first: open ones, newest first, then closed. Precondition: none. */
export function incidentOrder(incidents: Iterable<Incident>): Incident[] {
  return [...incidents].sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed') || b.occurred_at.localeCompare(a.occurred_at));
}

/** The panel's content. Precondition: locale initialised. */
export function renderPanel(store: Store, s: PanelState, act: PanelActions): HTMLElement[] {
  const out: HTMLElement[] = [];
  out.push(h('div', { class: 'muted', 'data-testid': 'live', 'data-live': String(s.live) }, s.live ? `● ${t('ops.live')}` : t('ops.reconnecting')));
  out.push(h('div', { class: 'tools' },
    h('button', { type: 'button', 'data-testid': 'tool-closure', 'aria-pressed': String(s.tool === 'closure'), onclick: () => act.tool('closure') }, `${t('ops.draw.closure')} (C)`),
    h('button', { type: 'button', 'data-testid': 'tool-route', 'aria-pressed': String(s.tool === 'route'), onclick: () => act.tool('route') }, `${t('ops.route')} (R)`),
    s.tool === 'closure' ? h('button', { type: 'button', 'data-testid': 'tool-finish', onclick: act.finish }, '✓') : null,
    s.tool !== 'none' ? h('button', { type: 'button', onclick: act.cancel }, '✕') : null));
  if (s.route) {
    out.push(h('div', { 'data-testid': 'route-result', 'data-duration': String(s.route.duration_s ?? ''), 'data-reachable': String(s.route.reachable) },
      s.route.reachable ? t('ops.route.result', { minutes: formatNumber((s.route.duration_s ?? 0) / 60, 1), km: formatNumber((s.route.distance_m ?? 0) / 1000, 2) }) : t('ops.route.cut')));
  }
  if (s.notice) out.push(h('div', { role: 'status', class: 'muted', 'data-testid': 'notice' }, s.notice));

  out.push(h('h3', {}, `${t('ops.incidents')} (${formatNumber(store.incidents.size)})`));
  out.push(h('ul', { 'data-testid': 'incidents' }, ...incidentOrder(store.incidents.values()).slice(0, 100).map((i) =>
    h('li', {}, h('button', { type: 'button', 'data-testid': 'incident', 'data-id': i.id, 'aria-current': String(i.id === s.selected), onclick: () => act.select(i.id) },
      dot(KIND_COLOURS[i.kind] ?? '#adb5bd'),
      h('span', {}, t(`kind.${i.kind}` as MessageKey), ' · ', t('ops.age', { minutes: formatNumber(minutesAgo(i.occurred_at)) }), ' · ', t('ops.severity', { n: formatNumber(i.severity) })))))));

  const sel = s.selected ? store.incidents.get(s.selected) : undefined;
  if (sel) {
    const advisory = store.advisories.get(sel.id);
    out.push(h('div', { class: 'card', 'data-testid': 'incident-panel' },
      h('strong', {}, t(`kind.${sel.kind}` as MessageKey)),
      h('div', { class: 'muted' }, formatDateTime(new Date(sel.occurred_at)), ' · ', sel.status, sel.reporter ? ` · ${sel.reporter}` : ''),
      sel.description ? h('p', {}, sel.description) : null,
      advisory && Date.parse(advisory.until) > Date.now() ? h('p', { class: 'error' }, `⚠ double-tap: hold ${formatNumber(advisory.radius_m)} m until ${formatDateTime(new Date(advisory.until))}`) : null,
      h('h3', {}, t('ops.recommendations')),
      s.recommendations && s.recommendations.length
        ? h('ul', { 'data-testid': 'recommendations' }, ...s.recommendations.map((r) =>
            h('li', {}, h('button', { type: 'button', 'data-testid': 'assign', 'data-unit': r.unit_id, disabled: !r.reachable || sel.status === 'closed', onclick: () => act.assign(r.unit_id) },
              h('span', {}, r.name, ' · ', r.eta_s !== null ? `${formatNumber(r.eta_s / 60, 1)} min` : '—'), h('span', { class: 'kbd' }, t('ops.assign'))))))
        : h('p', { class: 'muted' }, s.recommendationsError ?? t('ops.recommendations.none'))));
  } else out.push(h('p', { class: 'muted' }, t('ops.no.incident')));

  out.push(h('h3', {}, t('ops.units')));
  const byStatus = new Map<string, string[]>();
  for (const u of store.units.values()) byStatus.set(u.status, [...(byStatus.get(u.status) ?? []), u.name]);
  out.push(h('ul', { 'data-testid': 'units' }, ...Object.keys(STATUS_COLOURS).filter((st) => byStatus.has(st)).map((st) =>
    h('li', { 'data-status': st }, dot(STATUS_COLOURS[st]!), ' ', t(`status.${st}` as MessageKey), ` (${formatNumber(byStatus.get(st)!.length)}): `, byStatus.get(st)!.sort().join(', ')))));

  if (store.lowStock.length) {
    const centreName = (id: string) => store.centres.find((c) => c.id === id)?.name ?? id;
    out.push(h('h3', {}, t('ops.supplies.low')));
    out.push(h('ul', { 'data-testid': 'low-stock' }, ...store.lowStock.map((st) =>
      h('li', { class: st.level === 'out' ? 'error' : '' }, st.level === 'out'
        ? t('ops.supplies.out', { centre: centreName(st.centre_id), item: st.item })
        : t('ops.supplies.line', { centre: centreName(st.centre_id), item: st.item, quantity: formatNumber(st.quantity), days: formatNumber(st.days_left ?? 0, 1) })))));
  }

  out.push(h('h3', {}, `${t('ops.closures')} (${formatNumber(store.closures.length)})`));
  out.push(h('p', { class: 'kbd' }, t('ops.shortcuts')));
  return out;
}
