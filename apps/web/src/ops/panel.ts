// The side panel: live state, tools, incidents by age, the selected incident with its recommendations,
// the unit board by status, closures. Rendered whole on every change: a few hundred rows at most.
import { formatDateTime, formatList, formatNumber, formatTime, locale, t, type MessageKey } from '../i18n/i18n.js';
import { h } from '../ui/dom.js';
import { TRIAGE_COLOURS } from './air.js';
import { KIND_COLOURS, STATUS_COLOURS } from './colours.js';
import { requestList, victimList, type RequestActions } from './field-panel.js';
import type { Incident, Store } from './store.js';

const INCIDENT_STATUS_KEYS = { open: 'incident.open', responding: 'incident.responding', closed: 'incident.closed' } as const;
/** An incident status in the reader's language (a status this build does not know is shown as sent). */
const statusLabel = (status: string): string => (status in INCIDENT_STATUS_KEYS ? t(INCIDENT_STATUS_KEYS[status as keyof typeof INCIDENT_STATUS_KEYS]) : status);

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
  /** The closure selected on the map or in the list, and whether X has been pressed once to lift it. */
  closure: string | null;
  liftArmed: boolean;
  /** Whether this user's role may lift closures (the server decides; this only hides the button). */
  canLift: boolean;
  /** Whether this user's role may fulfil and refuse supply requests. */
  canDecide: boolean;
  route: { reachable: boolean; duration_s?: number; distance_m?: number } | null;
}

export interface PanelActions extends RequestActions {
  select(id: string): void;
  assign(unitId: string): void;
  tool(tool: 'closure' | 'route'): void;
  finish(): void;
  cancel(): void;
  selectClosure(id: string): void;
  lift(id: string): void;
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

/** The panel's head: live state, tools, the route's result, the last notice. Precondition: locale initialised. */
export function renderTools(s: PanelState, act: PanelActions): HTMLElement[] {
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
  return out;
}

/** The panel's body: incidents, the selected one, aircraft, units, supplies, closures. Precondition: locale initialised. */
export function renderPanel(store: Store, s: PanelState, act: PanelActions): HTMLElement[] {
  const out: HTMLElement[] = [];
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
      h('div', { class: 'muted' }, formatDateTime(new Date(sel.occurred_at)), ' · ', statusLabel(sel.status), sel.reporter ? ` · ${sel.reporter}` : ''),
      sel.description ? h('p', {}, sel.description) : null,
      advisory && Date.parse(advisory.until) > Date.now() ? h('p', { class: 'error' }, t('ops.double.tap', { metres: formatNumber(advisory.radius_m), until: formatDateTime(new Date(advisory.until)) })) : null,
      h('h3', {}, t('ops.worksites')),
      worksiteList(store, sel.id),
      ...victimList(store, sel.id),
      h('h3', {}, t('ops.recommendations')),
      s.recommendations && s.recommendations.length
        ? h('ul', { 'data-testid': 'recommendations' }, ...s.recommendations.map((r) =>
            h('li', {}, h('button', { type: 'button', 'data-testid': 'assign', 'data-unit': r.unit_id, disabled: !r.reachable || sel.status === 'closed', onclick: () => act.assign(r.unit_id) },
              h('span', {}, r.name, ' · ', r.eta_s !== null ? t('ops.minutes', { n: formatNumber(r.eta_s / 60, 1) }) : '—'), h('span', { class: 'kbd' }, t('ops.assign'))))))
        : h('p', { class: 'muted' }, s.recommendationsError ?? t('ops.recommendations.none'))));
  } else out.push(h('p', { class: 'muted' }, t('ops.no.incident')));

  out.push(...airPanel(store));

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

  out.push(...requestList(store, s.selected, s.canDecide, act));

  out.push(h('h3', {}, `${t('ops.closures')} (${formatNumber(store.closures.length)})`));
  out.push(h('ul', { 'data-testid': 'closures' }, ...store.closures.map((c) => {
    const selected = c.id === s.closure;
    return h('li', { 'data-street': c.target.street ?? '', 'data-id': c.id, class: 'closure-row' },
      h('button', { type: 'button', 'data-testid': 'closure', 'data-id': c.id, 'aria-current': String(selected), onclick: () => act.selectClosure(c.id) },
        h('span', {}, c.target.street ?? t('ops.closure.area'), ' · ', t(`reason.${c.reason}` as MessageKey),
          c.until ? ` · ${t('ops.closure.until', { time: formatTime(new Date(c.until)) })}` : '')),
      s.canLift
        ? h('button', { type: 'button', class: 'lift', 'data-testid': 'closure-lift', 'data-id': c.id, onclick: () => act.lift(c.id) }, t('ops.closure.lift'))
        : null);
  })));
  if (s.closure && s.liftArmed) out.push(h('p', { role: 'status', class: 'error', 'data-testid': 'lift-armed' }, t('ops.closure.lift.confirm')));
  out.push(h('p', { class: 'kbd' }, t('ops.shortcuts')));
  return out;
}

function worksiteList(store: Store, incidentId: string): HTMLElement {
  const sites = store.worksites.get(incidentId) ?? [];
  if (!sites.length) return h('p', { class: 'muted' }, t('ops.worksites.none'));
  return h('ul', { 'data-testid': 'worksites' }, ...sites.map((ws) =>
    h('li', { 'data-code': ws.code, 'data-triage': ws.triage_category ?? '' },
      dot(ws.triage_category ? TRIAGE_COLOURS[ws.triage_category] ?? '#adb5bd' : '#495057'), ' ',
      t('ops.worksite.line', {
        code: ws.code,
        category: ws.triage_category ?? t('ops.triage.none'),
        alive: formatNumber(ws.victims.alive),
        dead: formatNumber(ws.victims.dead),
      }),
      ws.status === 'closed' ? ` · ${t('ops.worksite.closed')}` : '')));
}

/** Aircraft in the air and the zones their alerts warn, each with its window. */
function airPanel(store: Store): HTMLElement[] {
  const name = (z: { name_en: string; name_ar: string }) => (locale() === 'ar' ? z.name_ar : z.name_en);
  const items = store.tracks.map((tr) => {
    const zones = store.alerts.filter((a) => a.track_id === tr.id).flatMap((a) => a.zones);
    return h('li', { 'data-testid': 'aircraft', 'data-track': tr.id },
      h('strong', {}, t(`aircraft.${tr.aircraft}` as MessageKey)), ' · ',
      tr.heading === null ? t('ops.heading.unknown') : t('ops.heading', { deg: formatNumber(tr.heading) }), ' · ',
      t('ops.seen', { time: formatTime(new Date(tr.lastSeen)) }),
      zones.length
        ? h('div', { class: 'muted' }, t('ops.warned', { zones: formatList(zones.map((z) => t('ops.zone.window', { zone: name(z), from: formatTime(new Date(z.earliest)), to: formatTime(new Date(z.latest)) }))) }))
        : null);
  });
  // An alert whose track the engine no longer holds still warns its zones until cancelled.
  const known = new Set(store.tracks.map((tr) => tr.id));
  for (const a of store.alerts.filter((x) => !known.has(x.track_id))) {
    items.push(h('li', { 'data-testid': 'aircraft', 'data-track': a.track_id },
      h('strong', {}, t(`aircraft.${a.aircraft}` as MessageKey)), ' · ',
      t('ops.warned', { zones: formatList(a.zones.map((z) => t('ops.zone.window', { zone: name(z), from: formatTime(new Date(z.earliest)), to: formatTime(new Date(z.latest)) }))) })));
  }
  return [
    h('h3', {}, `${t('ops.aircraft')} (${formatNumber(store.tracks.length)})`),
    items.length ? h('ul', { 'data-testid': 'air' }, ...items) : h('p', { class: 'muted' }, t('ops.aircraft.none')),
  ];
}
