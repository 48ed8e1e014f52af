// The public warning page (/alerts): no account, nothing personal kept anywhere but this phone. Pick
// neighbourhoods, keep the page open; an alert for one of them sounds a siren, vibrates and fills the
// screen with the zone, the window and what to do, and the all-clear follows when it is over: when the
// server says so, or when the zone's window has passed. Its own service worker keeps it opening offline.
import { formatList, formatTime, initLocale, locale, onLocale, t } from '../i18n/i18n.js';
import { h, replace } from '../ui/dom.js';
import { header } from '../ui/header.js';
import { applyFrame, clearedBetween, expire, keepPicked, nextExpiry, screenAfter, warnedZones, withoutAlerts, type AlertFrame, type Change, type Screen, type StreamZone, type Warnings } from './alert-state.js';
import { audioReady, soundAlarm, stopAlarm, unlockAudio } from './alarm.js';
import { loadKept, saveKept, zonesKey } from './kept.js';
import { followAlerts } from './stream.js';
import './alerts.css';

interface ZoneFeature {
  id: string;
  properties: { id: string; name_en: string; name_ar: string };
}

const PICKED_KEY = 'civdef.alerts.zones';
const ZONES_KEY = 'civdef.alerts.zone-list';
const ALERT_EVENTS = new Set(['alert.issued', 'alert.updated', 'alert.cancelled']);

initLocale();
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/alerts-sw.js', { scope: '/alerts' }).catch(() => undefined);
const root = document.getElementById('app')!;
const status = h('p', { class: 'muted', role: 'status', 'data-testid': 'alerts-status' });
const offlineBanner = h('p', { class: 'net offline', role: 'alert', hidden: true, 'data-testid': 'alerts-offline' });
const list = h('ul', { class: 'zones', 'data-testid': 'zones' });
const intro = h('p');
const soundButton = h('button', { type: 'button', class: 'big', 'data-testid': 'enable-sound', onclick: () => { unlockAudio(); renderStatus(); } });
const overlay = h('div', { class: 'warning', hidden: true, role: 'alertdialog', 'aria-live': 'assertive', 'data-testid': 'warning' });
const overlayOffline = h('p', { class: 'offline-note', hidden: true, 'data-testid': 'warning-offline' });
replace(root, h('div', { class: 'alerts' }, header('alerts.title'), h('main', {}, offlineBanner, intro, soundButton, status, list)), overlay);
// Any tap may unlock sound: the person picking zones has already tapped.
document.addEventListener('click', unlockAudio, { capture: true });

let zones: ZoneFeature['properties'][] = JSON.parse(localStorage.getItem(ZONES_KEY) ?? '[]');
let picked = new Set<string>(JSON.parse(localStorage.getItem(PICKED_KEY) ?? '[]') as string[]);
let key = zonesKey(picked);
// A reload (online or not) starts from what the phone kept: warnings still in force show at once.
let { warnings, lastId } = loadKept(key);
let follower: { stop(): void } | null = null;
/** connecting: first attempt under way; live: the stream is open; down: it failed and is being retried. */
let link: 'connecting' | 'live' | 'down' = 'connecting';
/** Alerts held that the stream's opening must repeat, else they ended while we were away; null when resuming exactly. */
let unconfirmed: Set<string> | null = null;
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

const zoneCount = (w: Warnings) => [...w.values()].reduce((n, zs) => n + zs.length, 0);
const zoneName = (z: { name_en: string; name_ar: string }) => (locale() === 'ar' ? z.name_ar : z.name_en);

function renderStatus(): void {
  soundButton.hidden = audioReady();
  const cut = !navigator.onLine || link === 'down';
  if (picked.size === 0) status.textContent = t('alerts.not.listening');
  else status.textContent = link === 'live' ? t('alerts.listening', { count: picked.size }) : link === 'down' ? t('alerts.connection.lost') : '';
  // Said plainly, above everything: with no connection no warning can reach this phone.
  offlineBanner.hidden = !cut;
  offlineBanner.textContent = navigator.onLine ? t('alerts.reconnecting') : t('alerts.offline');
  overlayOffline.hidden = !cut;
  overlayOffline.textContent = t('alerts.warning.offline');
}

function renderZones(): void {
  intro.textContent = zones.length ? t('alerts.pick') : t('alerts.none');
  soundButton.textContent = t('alerts.enable.sound');
  const sorted = [...zones].sort((a, b) => zoneName(a).localeCompare(zoneName(b), locale()));
  replace(list, ...sorted.map((z) => {
    const box = h('input', { type: 'checkbox', value: z.id, checked: picked.has(z.id), 'data-testid': `zone-${z.id}` });
    box.addEventListener('change', () => {
      if (box.checked) picked.add(z.id);
      else picked.delete(z.id);
      localStorage.setItem(PICKED_KEY, JSON.stringify([...picked]));
      connect();
    });
    return h('li', {}, h('label', {}, box, zoneName(z)));
  }));
  renderStatus();
}

function show(screen: Screen): void {
  const names = (zs: StreamZone[]) => formatList(zs.map(zoneName));
  const zs = screen.zones;
  const body =
    screen.kind === 'warning'
      ? [
          h('h2', {}, t('alerts.warning')),
          h('p', { 'data-testid': 'warning-zone' }, t('alerts.zone', { zone: names(zs) })),
          h('p', { 'data-testid': 'warning-window' }, t('alerts.window', {
            from: formatTime(new Date(Math.min(...zs.map((z) => Date.parse(z.earliest))))),
            to: formatTime(new Date(Math.max(...zs.map((z) => Date.parse(z.latest))))),
          })),
          h('p', {}, t('alerts.advice')),
          screen.ended.length > 0 && h('p', { class: 'ended', 'data-testid': 'warning-ended' }, t('alerts.ended', { zone: names(screen.ended) })),
          overlayOffline,
        ]
      : [h('h2', {}, t('alerts.all.clear')), h('p', { 'data-testid': 'clear-zone' }, t('alerts.all.clear.detail', { zone: names(zs) }))];
  const ok = h('button', { type: 'button', onclick: () => { stopAlarm(); overlay.hidden = true; } }, t('alerts.ok'));
  replace(overlay, ...body, ok);
  overlay.className = screen.kind === 'warning' ? 'warning flash' : 'warning clear';
  overlay.dataset.kind = screen.kind;
  overlay.hidden = false;
  if (screen.kind === 'clear') stopAlarm();
  else if (screen.sound) {
    soundAlarm();
    overlay.dataset.alarm = audioReady() ? 'sounding' : 'silent';
  }
  ok.focus();
}

/** Takes the new warnings, keeps them on the phone, tells the person what changed, and watches their windows. */
function update(next: Warnings, change: Change): void {
  warnings = next;
  saveKept(key, { lastId, warnings });
  const screen = screenAfter(warnings, change);
  if (screen) show(screen);
  watchWindows();
}

/** Ends by itself each warning whose window has passed, then waits for the next window to close. */
function watchWindows(): void {
  clearTimeout(expiryTimer);
  const ended = expire(warnings, Date.now());
  if (zoneCount(ended.warnings) !== zoneCount(warnings)) return update(ended.warnings, ended.change);
  const next = nextExpiry(warnings);
  // Looked at again at least every minute: a phone that slept or had its clock moved must not miss one.
  if (next !== null) expiryTimer = setTimeout(watchWindows, Math.min(60_000, Math.max(0, next - Date.now() + 50)));
}

function onEvent(type: string, data: string, id: string | null): void {
  if (id !== null) lastId = id;
  if (type === 'reset') {
    // The server no longer holds what we missed: the alerts in force follow, up to the cursor.
    unconfirmed = new Set(warnings.keys());
    return;
  }
  if (!ALERT_EVENTS.has(type)) return;
  const frame = JSON.parse(data) as AlertFrame;
  unconfirmed?.delete(frame.alert_id);
  const r = applyFrame(warnings, frame, picked, Date.now());
  update(r.warnings, r.change);
}

/** The opening is over: a warning held from before that it did not repeat has ended while we were away. */
function onCursor(id: string): void {
  lastId = id;
  const gone = unconfirmed;
  unconfirmed = null;
  if (!gone || gone.size === 0) return saveKept(key, { lastId, warnings });
  const after = withoutAlerts(warnings, gone);
  update(after, { warned: [], cleared: clearedBetween(warnings, after) });
}

/** (Re)subscribes to the picked zones, resuming from the last event id kept for exactly these zones. */
function connect(): void {
  follower?.stop();
  follower = null;
  const nextKey = zonesKey(picked);
  if (nextKey !== key) {
    // Other zones: the stream starts afresh with the alerts in force for them; drop (without an all-clear) the zones unpicked.
    key = nextKey;
    lastId = null;
    warnings = keepPicked(warnings, picked);
    saveKept(key, { lastId, warnings });
    if (!overlay.hidden && overlay.dataset.kind === 'warning' && warnings.size === 0) {
      stopAlarm();
      overlay.hidden = true;
    }
  }
  link = 'connecting';
  if (picked.size > 0) {
    follower = followAlerts([...picked], lastId, {
      open(resuming) {
        link = 'live';
        unconfirmed = resuming ? null : new Set(warnings.keys());
        renderStatus();
      },
      event: onEvent,
      cursor: onCursor,
      down() {
        link = 'down';
        renderStatus();
      },
    });
  }
  renderStatus();
}

window.addEventListener('online', renderStatus);
window.addEventListener('offline', renderStatus);
// Timers sleep with a hidden page: look at the windows again as soon as it is seen.
document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && watchWindows());
onLocale(renderZones);

// Warnings kept from before the reload: those whose window has passed go quietly, the others show at once.
warnings = expire(warnings, Date.now()).warnings;
if (warnings.size > 0) show({ kind: 'warning', zones: warnedZones(warnings), ended: [], sound: false });
watchWindows();

fetch('/api/v1/zones')
  .then((r) => (r.ok ? (r.json() as Promise<{ features: ZoneFeature[] }>) : Promise.reject(new Error(String(r.status)))))
  .then((fc) => {
    zones = fc.features.map((f) => f.properties);
    localStorage.setItem(ZONES_KEY, JSON.stringify(zones));
    const known = new Set(zones.map((z) => z.id));
    const kept = [...picked].filter((id) => known.has(id));
    if (kept.length !== picked.size) {
      picked = new Set(kept);
      localStorage.setItem(PICKED_KEY, JSON.stringify(kept));
      connect();
    }
    renderZones();
  })
  .catch(() => renderZones());
connect();
