// The public warning page (/alerts): no account, nothing personal kept anywhere but this phone. Pick
// neighbourhoods, keep the page open; an alert for one of them sounds a siren, vibrates and fills the
// screen with the zone, the window and what to do, and the all-clear follows when it is over.
import { formatList, formatTime, initLocale, locale, onLocale, t } from '../i18n/i18n.js';
import { h, replace } from '../ui/dom.js';
import { header } from '../ui/header.js';
import { applyFrame, clearedBetween, keepPicked, screenAfter, withoutAlerts, type AlertFrame, type Screen, type StreamZone, type Warnings } from './alert-state.js';
import { audioReady, soundAlarm, stopAlarm, unlockAudio } from './alarm.js';

interface ZoneFeature {
  id: string;
  properties: { id: string; name_en: string; name_ar: string };
}

const PICKED_KEY = 'civdef.alerts.zones';
const ZONES_KEY = 'civdef.alerts.zone-list';

initLocale();
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js', { scope: '/alerts' });
const root = document.getElementById('app')!;
const status = h('p', { class: 'muted', role: 'status', 'data-testid': 'alerts-status' });
const list = h('ul', { class: 'zones', 'data-testid': 'zones' });
const intro = h('p');
const soundButton = h('button', { type: 'button', class: 'big', 'data-testid': 'enable-sound', onclick: () => { unlockAudio(); renderStatus(); } });
const overlay = h('div', { class: 'warning', hidden: true, role: 'alertdialog', 'aria-live': 'assertive', 'data-testid': 'warning' });
replace(root, h('div', { class: 'alerts' }, header('alerts.title'), h('main', {}, intro, soundButton, status, list)), overlay);
// Any tap may unlock sound: the person picking zones has already tapped.
document.addEventListener('click', unlockAudio, { capture: true });

let zones: ZoneFeature['properties'][] = JSON.parse(localStorage.getItem(ZONES_KEY) ?? '[]');
let picked = new Set<string>(JSON.parse(localStorage.getItem(PICKED_KEY) ?? '[]') as string[]);
let warnings: Warnings = new Map();
let source: EventSource | null = null;
let connected = false;

const zoneName = (z: { name_en: string; name_ar: string }) => (locale() === 'ar' ? z.name_ar : z.name_en);

function renderStatus(): void {
  soundButton.hidden = audioReady();
  if (picked.size === 0) status.textContent = t('alerts.not.listening');
  else status.textContent = connected ? t('alerts.listening', { count: picked.size }) : t('alerts.connection.lost');
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

function onFrame(e: MessageEvent<string>): void {
  const frame = JSON.parse(e.data) as AlertFrame;
  unconfirmed?.delete(frame.alert_id);
  const r = applyFrame(warnings, frame, picked);
  warnings = r.warnings;
  const screen = screenAfter(warnings, r.change);
  if (screen) show(screen);
}

// After a reset the server sends the alerts in force in the same write as the reset itself; a warning held
// before it that none of them repeats has ended while we were away. Kept (so a repeat does not sound the
// siren again) and compared once the repeats have surely arrived.
const RESET_SETTLE_MS = 3000;
let resetTimer: ReturnType<typeof setTimeout> | undefined;
let unconfirmed: Set<string> | null = null;

function onReset(): void {
  unconfirmed = new Set(warnings.keys());
  clearTimeout(resetTimer);
  resetTimer = setTimeout(() => {
    const before = warnings;
    warnings = withoutAlerts(warnings, unconfirmed ?? new Set());
    unconfirmed = null;
    const screen = screenAfter(warnings, { warned: [], cleared: clearedBetween(before, warnings) });
    if (screen) show(screen);
  }, RESET_SETTLE_MS);
}

/** (Re)subscribes to the picked zones; EventSource resumes by itself with Last-Event-ID. */
function connect(): void {
  source?.close();
  source = null;
  connected = false;
  // The new stream repeats the alerts in force for the picked zones; drop (without an all-clear) the zones unpicked.
  warnings = keepPicked(warnings, picked);
  if (!overlay.hidden && overlay.dataset.kind === 'warning' && warnings.size === 0) {
    stopAlarm();
    overlay.hidden = true;
  }
  if (picked.size > 0) {
    source = new EventSource(`/api/v1/alerts/stream?zones=${encodeURIComponent([...picked].join(','))}`);
    source.onopen = () => { connected = true; renderStatus(); };
    source.onerror = () => { connected = false; renderStatus(); };
    for (const type of ['alert.issued', 'alert.updated', 'alert.cancelled']) source.addEventListener(type, onFrame as EventListener);
    // The server no longer holds what we missed: it sends the alerts in force again, so start afresh.
    source.addEventListener('reset', onReset);
  }
  renderStatus();
}

onLocale(renderZones);
fetch('/api/v1/zones')
  .then((r) => (r.ok ? (r.json() as Promise<{ features: ZoneFeature[] }>) : Promise.reject(new Error(String(r.status)))))
  .then((fc) => {
    zones = fc.features.map((f) => f.properties);
    localStorage.setItem(ZONES_KEY, JSON.stringify(zones));
    const known = new Set(zones.map((z) => z.id));
    picked = new Set([...picked].filter((id) => known.has(id)));
    renderZones();
  })
  .catch(() => renderZones());
connect();
