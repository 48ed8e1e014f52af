// The field app (/field): big one-handed buttons; every action goes to the IndexedDB outbox first and is
// shown at once as pending, then sent in order when the network allows (sender.ts).
import { newUlid } from '@civdef/core';
import { api, logout } from '../api/client.js';
import { loadSession, type Session } from '../api/session.js';
import { formatNumber, initLocale, onLocale, t, type MessageKey } from '../i18n/i18n.js';
import { h, replace } from '../ui/dom.js';
import { header } from '../ui/header.js';
import { loginForm } from '../ui/login.js';
import { aircraftSeen, needSupplies, photo, roadBlocked, strikeHere, unitStatus, type Position } from './actions.js';
import { lastPosition, watchPosition } from './position.js';
import { Outbox, type OutboxItem } from './outbox.js';
import { renderQueue } from './queue-view.js';
import { Sender } from './sender.js';
import { openWorksite, victimFound } from './victim.js';
import { victimForm } from './victim-form.js';
import { cachedSites, nextSiteCode, openedHere, siteChoices, storeSites, type SiteSummary } from './worksites.js';
import './field.css';

interface UnitSummary {
  id: string;
  name: string;
  /** The incident the unit is assigned to, as last fetched: where its victims are recorded. */
  incident_id?: string | null;
  team_id?: string | null;
}

const UNITS_KEY = 'civdef.units';
const UNIT_KEY = 'civdef.unit';
const SITE_KEY = 'civdef.site';
const STATUSES = ['en-route', 'on-scene', 'returning', 'available', 'out-of-service'] as const;
const AIRCRAFT = ['helicopter', 'jet', 'drone', 'unknown'] as const;

initLocale();
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js', { scope: '/field' });

const root = document.getElementById('app')!;
let position: Position | null = lastPosition();

function cachedUnits(): UnitSummary[] {
  try {
    return JSON.parse(localStorage.getItem(UNITS_KEY) ?? '[]') as UnitSummary[];
  } catch {
    return [];
  }
}

function showLogin(): void {
  replace(root, header('field.title'), h('main', {}, loginForm(() => void start())));
}

async function start(): Promise<void> {
  const session = loadSession();
  if (!session) return showLogin();
  const outbox = await Outbox.open();
  const sender = new Sender(outbox, { changed: () => void refresh(), signedOut: () => showLogin() });
  const net = h('div', { class: 'net', 'data-testid': 'net', role: 'status' });
  const where = h('div', { class: 'muted', 'data-testid': 'position' });
  const unitSelect = h('select', { 'data-testid': 'unit' });
  const list = h('ul', { class: 'queue', 'data-testid': 'outbox' });
  const statusRow = h('div', { class: 'statuses' });
  const actions = h('div', { class: 'actions' });
  const dialog = h('dialog', {});
  const fileInput = h('input', { type: 'file', accept: 'image/*', capture: 'environment', hidden: true, 'data-testid': 'photo-input' });
  let items: OutboxItem[] = [];

  async function refresh(): Promise<void> {
    items = await outbox.all();
    renderQueue(list, items, (seq) => void outbox.remove(seq).then(refresh));
  }

  type NewItem = Parameters<Outbox['add']>[0];
  async function enqueue(make: (id: string, now: Date) => NewItem | NewItem[] | null): Promise<void> {
    const made = make(newUlid(), new Date());
    if (!made) return;
    for (const one of [made].flat()) await outbox.add(one); // durable, in order, before anything else happens
    await refresh();
    sender.kick();
  }

  const needPosition = (): Position | null => {
    if (!position) window.alert(t('field.no.position'));
    return position;
  };
  const who = (s: Session) => ({ name: s.user.name, unitId: unitSelect.value || null });
  const myUnit = (): UnitSummary | undefined => cachedUnits().find((u) => u.id === unitSelect.value);

  /** The unit's incident's worksites, fetched when online and kept for offline. */
  async function fetchSites(): Promise<void> {
    const incident = myUnit()?.incident_id;
    if (!incident) return;
    const r = await api<{ items: SiteSummary[] }>(`/api/v1/incidents/${incident}/worksites`).catch(() => null);
    if (r) storeSites(incident, r.items);
  }

  function victimDialog(): void {
    const unit = myUnit();
    if (!unit) return unitSelect.focus();
    const incident = unit.incident_id;
    if (!incident) return window.alert(t('field.victim.no.incident'));
    const fetched = cachedSites(incident);
    const opened = openedHere(items, incident);
    const newCode = nextSiteCode([...fetched, ...opened].map((x) => x.code));
    const form = victimForm(siteChoices(fetched, opened), newCode, localStorage.getItem(SITE_KEY));
    ask('field.victim', form.fields, () =>
      void enqueue((id, now) => {
        const v = form.read();
        if (!v) return null;
        if ('existing' in v.site) {
          localStorage.setItem(SITE_KEY, v.site.existing.id);
          return victimFound(id, now, { ...v, worksite: v.site.existing });
        }
        const site = openWorksite(id, now, { incidentId: incident, code: v.site.open.code, address: v.site.open.address, teamId: unit.team_id ?? null }, position);
        localStorage.setItem(SITE_KEY, site.id);
        return [site, victimFound(newUlid(), now, { ...v, worksite: { id: site.id, code: v.site.open.code } })];
      }));
  }

  function renderNet(): void {
    const online = navigator.onLine;
    net.className = `net ${online ? 'online' : 'offline'}`;
    net.textContent = online ? t('field.online') : t('field.offline');
  }
  function renderPosition(): void {
    where.textContent = position
      ? t('field.position', { lat: formatNumber(position.lat, 5), lon: formatNumber(position.lon, 5), acc: formatNumber(position.accuracy_m) })
      : t('field.no.position');
  }
  function renderUnits(): void {
    const chosen = localStorage.getItem(UNIT_KEY) ?? '';
    replace(unitSelect, h('option', { value: '' }, t('field.unit.none')), ...cachedUnits().map((u) => h('option', { value: u.id, selected: u.id === chosen }, u.name)));
  }

  function ask(titleKey: MessageKey, body: HTMLElement[], onSend: () => void): void {
    const form = h('form', { method: 'dialog' }, h('h2', {}, t(titleKey)), ...body,
      h('div', { class: 'row' },
        h('button', { value: 'cancel', type: 'submit', formnovalidate: true }, t('field.cancel')),
        h('button', { value: 'send', type: 'submit', 'data-testid': 'dialog-send' }, t('field.send'))));
    replace(dialog, form);
    dialog.onclose = () => {
      if (dialog.returnValue === 'send') onSend();
    };
    dialog.showModal();
  }

  function renderButtons(): void {
    const s = loadSession();
    if (!s) return showLogin();
    const button = (key: MessageKey, cls: string, testid: string, onclick: () => void) =>
      h('button', { type: 'button', class: cls, 'data-testid': testid, onclick }, t(key));
    replace(actions,
      button('field.strike', 'strike', 'strike', () => void enqueue((id, now) => { const p = needPosition(); return p && strikeHere(id, now, p, who(s)); })),
      button('field.aircraft', '', 'aircraft', () => {
        const type = h('select', { name: 'aircraft', 'data-testid': 'aircraft-type' }, ...AIRCRAFT.map((a) => h('option', { value: a }, t(`aircraft.${a}`))));
        const bearing = h('input', { type: 'number', min: 0, max: 360, inputmode: 'numeric', 'data-testid': 'aircraft-bearing' });
        ask('field.aircraft', [h('label', {}, t('field.aircraft.type'), type), h('label', {}, t('field.aircraft.bearing'), bearing)], () =>
          void enqueue((id, now) => { const p = needPosition(); return p && aircraftSeen(id, now, p, type.value, bearing.value === '' ? null : Number(bearing.value)); }));
      }),
      button('field.victim', 'victim', 'victim', victimDialog),
      button('field.blocked', '', 'blocked', () => void enqueue((id, now) => { const p = needPosition(); return p && roadBlocked(id, now, p); })),
      button('field.supplies', '', 'supplies', () => {
        const what = h('input', { name: 'what', required: true, 'data-testid': 'supplies-what' });
        ask('field.supplies', [h('label', {}, t('field.supplies.what'), what)], () =>
          void enqueue((id, now) => (what.value.trim() ? needSupplies(id, now, what.value.trim(), position, who(s)) : null)));
      }),
      button('field.photo', '', 'photo', () => fileInput.click()),
    );
    replace(statusRow, ...STATUSES.map((st) =>
      h('button', { type: 'button', 'data-testid': `status-${st}`, onclick: () => {
        const unit = unitSelect.value;
        if (!unit) return unitSelect.focus();
        void enqueue((id, now) => unitStatus(id, now, unit, st, position));
      } }, t(`status.${st}`))));
  }

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void enqueue((id, now) => photo(id, now, file, file.name, position));
    fileInput.value = '';
  });
  unitSelect.addEventListener('change', () => { localStorage.setItem(UNIT_KEY, unitSelect.value); void fetchSites(); });
  window.addEventListener('online', () => { renderNet(); sender.kick(); void fetchUnits(); });
  window.addEventListener('offline', renderNet);
  watchPosition((p) => { position = p; renderPosition(); });

  const head = header('field.title', () => {
    const s = loadSession();
    return s ? [t('signed.in.as', { name: s.user.name, role: s.user.role }), h('button', { type: 'button', onclick: () => void logout().then(showLogin) }, t('logout'))] : [];
  });
  const statusLabel = h('h2', {});
  const queueLabel = h('h2', {});
  replace(root, h('div', { class: 'field' }, head, h('main', {}, net, where, unitSelect, actions, statusLabel, statusRow, queueLabel, list, fileInput, dialog)));
  onLocale(() => {
    statusLabel.textContent = t('field.status');
    queueLabel.textContent = t('field.queue');
    renderNet();
    renderPosition();
    renderUnits();
    renderButtons();
    void refresh();
  });
  sender.kick();
  // The unit list (with each unit's incident) and its worksites are refreshed when online, kept for offline starts.
  async function fetchUnits(): Promise<void> {
    const r = await api<{ items: Required<UnitSummary>[] }>('/api/v1/units').catch(() => null);
    if (!r) return;
    localStorage.setItem(UNITS_KEY, JSON.stringify(r.items.map(({ id, name, incident_id, team_id }) => ({ id, name, incident_id, team_id }))));
    renderUnits();
    await fetchSites();
  }
  void fetchUnits();
}

void start();
