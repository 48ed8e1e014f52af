// The operations room (/): the map of our own roads with incidents, units, closures and warned zones, live
// from the event stream (resumed after a drop, no reload); the incident panel with recommendations and
// one-click assign; closures drawn on the map; routes that change when roads close; keyboard shortcuts.
import { COMMAND, newUlid, OPERATIONS, type Role } from '@civdef/core';
import { api, logout } from '../api/client.js';
import { ApiError, describeProblem } from '../api/problem.js';
import { loadSession } from '../api/session.js';
import { formatNumber, initLocale, locale, onLocale, setLocale, t } from '../i18n/i18n.js';
import { h, replace } from '../ui/dom.js';
import { header } from '../ui/header.js';
import { loginForm } from '../ui/login.js';
import { closureAt, stepClosure } from './closure-pick.js';
import { MapCanvas, type Overlay } from './map-canvas.js';
import { incidentOrder, renderPanel, renderTools, type PanelState, type Recommendation } from './panel.js';
import { actionOf } from './shortcuts.js';
import { followStream } from './sse.js';
import { Store, type Closure, type StreamEvent } from './store.js';
import { requestAnswers } from './request-actions.js';
import { streetForm } from './street-closure.js';

const TRACKS_REFRESH_MS = 15_000;

initLocale();
const root = document.getElementById('app')!;

function showLogin(): void {
  replace(root, h('div', { class: 'ops' }, header('ops.title'), h('main', {}, loginForm(() => void start()))));
}

async function start(): Promise<void> {
  const session = loadSession();
  if (!session) return showLogin();
  const store = new Store();
  const state: PanelState = {
    live: false, selected: null, recommendations: null, recommendationsError: null, notice: '', tool: 'none', route: null,
    closure: null, liftArmed: false, canLift: OPERATIONS.includes(session.user.role as Role), canDecide: COMMAND.includes(session.user.role as Role),
  };
  const overlay: Overlay = { routes: [], drawing: [], marks: [], selected: null, closure: null };
  let routeEnds: [number, number][] = [];
  let routeLine: [number, number][] | null = null;

  // The street form lives outside the parts rendered again on every change, so typing in it is never interrupted.
  const tools = h('div', { class: 'panel-part' });
  const body = h('div', { class: 'panel-part' });
  const street = streetForm(async (closure, name) => {
    try {
      const made = await api<Closure & { applied_edges: Record<string, number> }>('/api/v1/closures', { method: 'POST', body: closure });
      return t('ops.street.closed', { street: name, n: formatNumber(made.applied_edges.vehicle ?? Math.max(0, ...Object.values(made.applied_edges))) });
    } catch (err) {
      return `✕ ${err instanceof ApiError ? describeProblem(err.problem) : t('error.network')}`;
    }
  });
  const fail = (err: unknown) => {
    state.notice = err instanceof ApiError ? describeProblem(err.problem) : t('error.network');
    render();
  };
  const answers = requestAnswers(store, (line) => {
    state.notice = line;
    render();
  }, fail);
  const aside = h('aside', { 'data-testid': 'panel' }, tools, street.element, answers.refusal.element, body);
  const hint = h('div', { class: 'hint', hidden: true });
  const map = new MapCanvas(store, () => overlay, (lon, lat) => pick(lon, lat));
  const head = header('ops.title', () => {
    const s = loadSession();
    return s
      ? [h('span', { 'data-testid': 'whoami' }, t('signed.in.as', { name: s.user.name, role: s.user.role })),
         h('button', { type: 'button', onclick: () => void logout().then(showLogin) }, t('logout'))]
      : [];
  });
  replace(root, h('div', { class: 'ops' }, head, h('div', { class: 'body' }, aside, h('div', { class: 'map' }, map.canvas, hint))));

  function render(): void {
    // A closure lifted (here or elsewhere) is no longer selectable.
    if (state.closure && !store.closures.some((c) => c.id === state.closure)) [state.closure, state.liftArmed] = [null, false];
    overlay.selected = state.selected;
    overlay.closure = state.closure;
    overlay.routes = [
      ...(routeLine ? [{ coords: routeLine, primary: true }] : []),
      ...(state.recommendations ?? []).filter((r) => r.route).slice(0, 3).map((r, i) => ({ coords: r.route!.coordinates, primary: i === 0 && !routeLine })),
    ];
    hint.hidden = state.tool === 'none';
    hint.textContent = state.tool === 'closure' ? t('ops.draw.hint') : t('ops.route.hint');
    const act = {
      select, assign: (u: string) => void assign(u), tool, finish: () => void finishClosure(), cancel, selectClosure, lift: (id: string) => void lift(id),
      fulfil: (id: string) => void answers.fulfil(id), refuse: answers.refuse,
    };
    replace(tools, ...renderTools(state, act));
    replace(body, ...renderPanel(store, state, act));
    map.redraw();
  }

  async function loadRecommendations(): Promise<void> {
    const id = state.selected;
    if (!id) return;
    try {
      const r = await api<{ items: Recommendation[]; suggested: string[] }>(`/api/v1/incidents/${id}/recommendations?limit=5`);
      if (state.selected !== id) return;
      // The suggested set first: what dispatch would send.
      const first = new Set(r.suggested);
      state.recommendations = [...r.items].sort((a, b) => Number(first.has(b.unit_id)) - Number(first.has(a.unit_id)));
      state.recommendationsError = null;
    } catch (err) {
      state.recommendations = null;
      state.recommendationsError = err instanceof ApiError ? describeProblem(err.problem) : t('error.network');
    }
    render();
  }

  function select(id: string): void {
    state.selected = id;
    state.recommendations = null;
    render();
    void loadRecommendations();
    void store.showVictimsOf(id).catch(fail);
  }

  async function assign(unitId: string): Promise<void> {
    if (!state.selected) return;
    try {
      await api(`/api/v1/incidents/${state.selected}/assignments`, { method: 'POST', body: { id: newUlid(), unit_id: unitId } });
      state.notice = t('ops.assigned', { unit: store.units.get(unitId)?.name ?? unitId });
      render();
    } catch (err) {
      fail(err);
    }
  }

  function selectClosure(id: string | null): void {
    state.closure = id;
    state.liftArmed = false;
    render();
  }

  async function lift(id: string): Promise<void> {
    state.liftArmed = false;
    try {
      // The map and any route drawn follow from the closure.lifted event, like a closure lifted elsewhere.
      await api(`/api/v1/closures/${id}`, { method: 'DELETE' });
      const c = store.closures.find((x) => x.id === id);
      state.notice = t('ops.closure.lifted', { closure: c?.target.street ?? t('ops.closure.area') });
      render();
    } catch (err) {
      fail(err);
    }
  }

  function tool(next: 'closure' | 'route'): void {
    state.tool = state.tool === next ? 'none' : next;
    overlay.drawing = [];
    overlay.marks = [];
    render();
  }

  function cancel(): void {
    state.tool = 'none';
    state.liftArmed = false;
    overlay.drawing = [];
    overlay.marks = [];
    render();
  }

  async function computeRoute(): Promise<void> {
    const [a, b] = routeEnds;
    if (!a || !b) return;
    try {
      const r = await api<{ reachable: boolean; duration_s?: number; distance_m?: number; geometry?: { coordinates: [number, number][] } }>('/api/v1/routes', {
        method: 'POST',
        body: { from: { lon: a[0], lat: a[1] }, to: { lon: b[0], lat: b[1] } },
      });
      state.route = r;
      routeLine = r.geometry?.coordinates ?? null;
      render();
    } catch (err) {
      fail(err);
    }
  }

  function pick(lon: number, lat: number): void {
    if (state.tool === 'closure') {
      overlay.drawing = [...overlay.drawing, [lon, lat]];
      map.redraw();
      return;
    }
    if (state.tool === 'route') {
      overlay.marks = [...overlay.marks, [lon, lat]];
      if (overlay.marks.length === 2) {
        routeEnds = overlay.marks;
        state.tool = 'none';
        overlay.marks = [];
        void computeRoute();
      }
      map.redraw();
      return;
    }
    // Otherwise: select the incident nearest the click, if one is close on screen; else the closure under it.
    let best: string | null = null, bestD = 15;
    const [px, py] = map.screenOf(lon, lat);
    for (const i of store.incidents.values()) {
      const [x, y] = map.screenOf(i.lon, i.lat);
      const d = Math.hypot(x - px, y - py);
      if (d < bestD) [best, bestD] = [i.id, d];
    }
    if (best) return select(best);
    const closure = closureAt(store.closures, store.closureLines, [px, py], (a, b) => map.screenOf(a, b));
    if (closure || state.closure) selectClosure(closure);
  }

  async function finishClosure(): Promise<void> {
    if (state.tool !== 'closure' || overlay.drawing.length < 3) return;
    const polygon = overlay.drawing.map(([lon, lat]) => [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7]);
    state.tool = 'none';
    overlay.drawing = [];
    try {
      await api('/api/v1/closures', { method: 'POST', body: { id: newUlid(), kind: 'closure', reason: 'rubble', target: { polygon }, note: 'drawn in the operations room' } });
    } catch (err) {
      fail(err);
    }
    render();
  }

  function step(by: number): void {
    const list = incidentOrder(store.incidents.values());
    if (!list.length) return;
    const at = list.findIndex((i) => i.id === state.selected);
    select(list[(at + by + list.length) % list.length]!.id);
  }

  document.addEventListener('keydown', (e) => {
    const action = actionOf({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, targetTag: (e.target as HTMLElement).tagName });
    if (!action) return;
    e.preventDefault();
    if (action === 'next') step(1);
    else if (action === 'previous') step(-1);
    else if (action === 'assign') {
      const top = state.recommendations?.find((r) => r.reachable);
      if (top) void assign(top.unit_id);
    } else if (action === 'closure' || action === 'route') tool(action);
    else if (action === 'street') street.focus();
    else if (action === 'next-closure') selectClosure(stepClosure(store.closures, state.closure, 1));
    else if (action === 'lift') {
      // Twice: a stray key must not send ambulances into rubble.
      if (!state.closure || !state.canLift) return;
      if (state.liftArmed) void lift(state.closure);
      else {
        state.liftArmed = true;
        render();
      }
    }
    else if (action === 'cancel') cancel();
    else if (action === 'finish') void finishClosure();
    else if (action === 'language') setLocale(locale() === 'ar' ? 'en' : 'ar');
  });

  store.onChange(render);
  onLocale(() => {
    street.relabel();
    answers.refusal.relabel();
    render();
  });
  // The stream first, so nothing that happens while the room loads is missed: its events wait in a queue.
  let loaded = false;
  const early: StreamEvent[] = [];
  const applyEvent = (e: StreamEvent) =>
    store.apply(e).then(() => {
      if (e.subject_type === 'closure') void computeRoute();
      if (e.subject_type === 'closure' || e.subject_type === 'unit' || e.subject_id === state.selected) void loadRecommendations();
    });
  followStream('/api/v1/stream', session.token, {
    message(m) {
      const e = JSON.parse(m.data) as StreamEvent;
      if (loaded) applyEvent(e).catch(fail);
      else early.push(e);
    },
    state(connected) {
      state.live = connected;
      render();
    },
    refused: () => showLogin(),
  });
  try {
    await store.load();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return showLogin();
    fail(err);
  }
  loaded = true;
  for (const e of early.splice(0)) await applyEvent(e).catch(fail);
  // Forecast cones move with time even when no one reports: read them again as often as the engine ticks.
  setInterval(() => void store.refreshTracks().catch(() => undefined), TRACKS_REFRESH_MS);
}

void start();
