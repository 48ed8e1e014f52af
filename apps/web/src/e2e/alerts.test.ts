// The public warning page: no account; pick neighbourhoods; a helicopter reported over the city warns
// them (full-screen warning with the zone and window, alarm, vibration), and the all-clear follows when
// its track ends or its window passes. It opens with no network (its own service worker), says it cannot
// be warned while offline, and on reconnecting shows a warning issued meanwhile. The page's clock is
// Playwright's (installed at the server's injected time), so a window passes without a wait.
// Needs the early-warning routes (issue 5); skipped with the reason until they exist.
import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../../server/src/routes/index.js';
import { bearer } from '../../../server/src/test-support/harness.js';
import { BROWSER_TEST_TIMEOUT_MS, browserUnavailable, STACK_TIMEOUT_MS, startWebStack, type WebStack } from './support.js';

const POLL = { timeout: 30_000, interval: 100 };
const CENTRE = { lat: 36.2, lon: 37.15 }; // the test demo city's centre
const T0 = Date.parse('2026-03-01T10:00:00Z');
const T1 = T0 + 30 * 60_000; // the offline test's raid, after the first test's (the engine's time only moves forward)
const hasAlerts = ['/api/v1/alerts/stream', '/api/v1/sightings', '/api/v1/zones'].every((u) => ROUTES.some((r) => r.url === u));
if (!hasAlerts) console.warn('skipping the alerts page test: the alert routes (issue 5) are not built yet'); // eslint-disable-line no-console
const skip = browserUnavailable() !== null || !hasAlerts;
let s: WebStack;

interface WarningEngine {
  tick(): Promise<void>;
}
interface Clocked {
  now: () => Date;
  warning: WarningEngine;
}
type ZoneFeature = { id: string; properties: { id: string; name_en: string; name_ar: string }; geometry: { coordinates: number[][][][] } };
interface InForce {
  id: string;
  zones: { id: string; latest: string }[];
}

/** The zones nearest the centre's meridian, which the helicopter flies up (the stream takes at most 32). */
async function zonesOnTheLine(): Promise<ZoneFeature[]> {
  const zones = (await s.t.app.inject({ url: '/api/v1/zones' })).json().features as ZoneFeature[];
  const offLine = (z: ZoneFeature) => Math.min(...z.geometry.coordinates.flat(2).map((p) => Math.abs(p[0]! - CENTRE.lon)));
  return [...zones].sort((a, b) => offLine(a) - offLine(b)).slice(0, 32);
}

const inForce = async () => (await s.t.app.inject({ url: '/api/v1/alerts' })).json().items as InForce[];

/** Reports a helicopter flying north once a minute from `t0` until an alert is in force; returns the alerts. */
async function raid(ctx: Clocked, t0: number): Promise<InForce[]> {
  const token = await s.t.tokenFor('dispatcher');
  for (let m = 0; m <= 6 && (await inForce()).length === 0; m++) {
    const at = t0 + m * 60_000;
    ctx.now = () => new Date(at + 5_000);
    const res = await s.t.app.inject({
      method: 'POST',
      url: '/api/v1/sightings',
      headers: bearer(token),
      payload: { id: newUlid(at), time: new Date(at).toISOString(), spotter: { lat: CENTRE.lat - 0.06 + m * 0.015, lon: CENTRE.lon }, aircraft: 'helicopter', overhead: true, heading_deg: 0 },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  return inForce();
}

describe.skipIf(skip)('public warning page', () => {
  beforeAll(async () => {
    s = await startWebStack();
  }, STACK_TIMEOUT_MS);
  afterAll(async () => s?.close());

  it('warns the picked neighbourhoods of an aircraft and gives the all-clear', async () => {
    // The engine's time only moves forward and starts at its first use (the zone list): fix the clock first.
    const ctx = s.t.runtime.ctx as unknown as Clocked;
    ctx.now = () => new Date(T0);
    const picked = await zonesOnTheLine();

    const { page } = await s.page({ viewport: { width: 420, height: 800 }, locale: 'en-GB' });
    await page.clock.install({ time: T0 }); // the page ends a warning when its window passes: give it the server's time
    await page.goto('/alerts');
    await page.getByTestId(`zone-${picked[0]!.id}`).waitFor();
    for (const z of picked) await page.getByTestId(`zone-${z.id}`).check();
    // Those taps unlocked the sound (browsers allow it only after a tap), so its button has gone.
    await expect.poll(() => page.getByTestId('enable-sound').isHidden(), POLL).toBe(true);
    await expect.poll(() => page.getByTestId('alerts-status').textContent(), POLL).toMatch(/Listening for warnings for 32/);
    expect(await page.getByTestId('alerts-offline').isHidden()).toBe(true);
    await s.screenshot(page, 'alerts-listening');

    await raid(ctx, T0);
    const alertZones = (await inForce()).flatMap((a) => a.zones.map((z) => z.id));
    expect(alertZones.some((id) => picked.some((z) => z.id === id)), `alert zones ${alertZones} among the picked`).toBe(true);
    const warning = page.getByTestId('warning');
    await expect.poll(() => warning.getAttribute('data-kind'), POLL).toBe('warning');
    expect(await warning.isVisible()).toBe(true);
    expect(await page.getByTestId('warning-zone').textContent()).toMatch(/^Zone: \S/);
    expect(await page.getByTestId('warning-window').textContent()).toMatch(/Expected between \d\d:\d\d and \d\d:\d\d/);
    expect(await warning.getAttribute('data-alarm')).toBe('sounding');
    const box = await warning.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 420, height: 800 }); // the whole screen
    await s.screenshot(page, 'alerts-warning');

    // Silent for longer than a helicopter track lives: the engine's tick cancels, the page gives the all-clear.
    ctx.now = () => new Date(T0 + 20 * 60_000);
    await ctx.warning.tick();
    await expect.poll(() => warning.getAttribute('data-kind'), POLL).toBe('clear');
    expect(await page.getByTestId('clear-zone').textContent()).toMatch(/is over/);
    await s.screenshot(page, 'alerts-all-clear');
  }, BROWSER_TEST_TIMEOUT_MS);

  it('opens with no network, says it cannot be warned, and shows on reconnecting a warning issued meanwhile; ends it when its window passes', async () => {
    const ctx = s.t.runtime.ctx as unknown as Clocked;
    ctx.now = () => new Date(T1);
    const picked = await zonesOnTheLine();
    const { context, page } = await s.page({ viewport: { width: 420, height: 800 }, locale: 'en-GB' });
    await page.clock.install({ time: T1 });
    const resumedFrom: (string | undefined)[] = [];
    page.on('request', (r) => r.url().includes('/api/v1/alerts/stream') && resumedFrom.push(r.headers()['last-event-id']));
    await page.goto('/alerts');
    await page.getByTestId(`zone-${picked[0]!.id}`).waitFor();
    for (const z of picked) await page.getByTestId(`zone-${z.id}`).check();
    await expect.poll(() => page.getByTestId('alerts-status').textContent(), POLL).toMatch(/Listening for warnings for 32/);
    // The warning page's own worker controls it; the field app's scope is untouched.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    const workers = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => [new URL(r.scope).pathname, r.active?.scriptURL.replace(location.origin, '')]));
    expect(workers).toEqual([['/alerts', '/alerts-sw.js']]);

    // The network goes: the open page drops its stream and says so at once.
    const banner = page.getByTestId('alerts-offline');
    await context.setOffline(true);
    await expect.poll(() => banner.isVisible(), POLL).toBe(true);
    await page.reload();
    const first = page.getByTestId(`zone-${picked[0]!.id}`);
    await expect.poll(() => first.isChecked(), POLL).toBe(true); // the zone list and the choice were kept on the phone
    expect(await page.getByTestId(`zone-${picked[31]!.id}`).isChecked()).toBe(true);
    await expect.poll(() => banner.isVisible(), POLL).toBe(true);
    expect(await banner.textContent()).toMatch(/^Offline: this phone cannot receive warnings until the network returns/);
    await s.screenshot(page, 'alerts-offline');
    // In Arabic too, and mirrored: the notice's bar sits at the inline start, the right.
    await page.getByTestId('lang').click();
    await expect.poll(() => banner.textContent(), POLL).toMatch(/^لا يوجد اتصال: لا يستطيع هذا الهاتف تلقي الإنذارات/);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await banner.evaluate((el) => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth])).toEqual([expect.not.stringMatching(/^0px$/), '0px']);
    await s.screenshot(page, 'alerts-offline-ar');
    await page.getByTestId('lang').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir), POLL).toBe('ltr');

    // A raid while the phone is offline: the alert is issued and nothing reaches the page.
    const alerts = await raid(ctx, T1);
    const ours = alerts.filter((a) => a.zones.some((z) => picked.some((p) => p.id === z.id)));
    expect(ours.length, `alerts ${JSON.stringify(alerts)} name a picked zone`).toBeGreaterThan(0);
    expect(await page.getByTestId('warning').isHidden()).toBe(true);

    const requestsOffline = resumedFrom.length;
    await context.setOffline(false);
    const warning = page.getByTestId('warning');
    await expect.poll(() => warning.getAttribute('data-kind'), POLL).toBe('warning');
    await expect.poll(() => page.getByTestId('alerts-status').textContent(), POLL).toMatch(/Listening for warnings for 32/);
    expect(await banner.isHidden()).toBe(true);
    expect(await page.getByTestId('warning-offline').isHidden()).toBe(true);
    // It resumed where the stream stopped before the reload (Last-Event-ID), and was sent the missed alert.
    const resumed = resumedFrom.slice(requestsOffline).at(-1);
    expect(resumed).toMatch(/^\d+$/);
    const warned = ours.flatMap((a) => a.zones).filter((z) => picked.some((p) => p.id === z.id));
    const names = picked.filter((p) => warned.some((z) => z.id === p.id)).map((p) => p.properties.name_en);
    for (const name of names) expect(await page.getByTestId('warning-zone').textContent()).toContain(name);
    await s.screenshot(page, 'alerts-back-online-warning');

    // The windows pass on the page's clock; the server's clock stands still, so its alert is still in force.
    const last = Math.max(...warned.map((z) => Date.parse(z.latest)));
    await page.clock.fastForward(last - (await page.evaluate(() => Date.now())) + 1_000);
    await expect.poll(() => warning.getAttribute('data-kind'), POLL).toBe('clear');
    for (const name of names) expect(await page.getByTestId('clear-zone').textContent()).toContain(name);
    expect((await inForce()).map((a) => a.id)).toEqual(expect.arrayContaining(ours.map((a) => a.id)));
    await s.screenshot(page, 'alerts-window-passed');
  }, BROWSER_TEST_TIMEOUT_MS);

  it('takes a zone off the warning when its alert is updated to other zones, and gives the all-clear', async () => {
    // The stream is scripted (the engine rarely moves one aircraft's alert off a zone on cue): two alerts
    // warn a and b, then the first moves on to a zone not picked, then the second is cancelled.
    const zones = (await s.t.app.inject({ url: '/api/v1/zones' })).json().features as { properties: { id: string; name_en: string; name_ar: string } }[];
    const [a, b, elsewhere] = zones.map((f) => f.properties);
    const win = { probability: 0.5, earliest: '2026-03-01T10:05:00Z', latest: '2026-03-01T10:09:00Z' };
    const z = (p: typeof a) => ({ ...p!, ...win });
    const sse = (seq: number, type: string, data: object) => `id: ${seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
    const alert = (alert_id: string, action: string, zs: object[], previous_zones?: object[]) => ({ alert_id, action, aircraft: 'helicopter', track_id: 't', issued_at: win.earliest, zones: zs, previous_zones });
    const script = [
      [sse(1, 'alert.issued', alert('A1', 'issue', [z(a)])), sse(2, 'alert.issued', alert('A2', 'issue', [z(b)]))],
      [sse(3, 'alert.updated', alert('A1', 'update', [z(elsewhere)]))],
      [sse(4, 'alert.cancelled', alert('A2', 'cancel', [], [z(b)]))],
    ];
    let step = 0;
    let allowed = 2; // steps played so far; the test lets the next one through
    let wake = () => undefined as void;
    // Service workers blocked so every request meets the route (the page's own worker leaves /api alone anyway).
    const { context, page } = await s.page({ viewport: { width: 420, height: 800 }, locale: 'en-GB', serviceWorkers: 'block' });
    // Each connection plays the next step and closes; EventSource reconnects after `retry` ms.
    await page.route('**/api/v1/alerts/stream*', async (route) => {
      while (step >= allowed) await new Promise<void>((r) => (wake = r));
      await route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: `retry: 300\n\n${script[step++]!.join('')}` });
    });
    await context.addInitScript((ids) => localStorage.setItem('civdef.alerts.zones', JSON.stringify(ids)), [a!.id, b!.id]);
    await page.clock.install({ time: Date.parse('2026-03-01T10:00:00Z') }); // before the windows
    await page.goto('/alerts');
    const warning = page.getByTestId('warning');
    await expect.poll(async () => (await warning.getAttribute('data-kind')) === 'warning' && (await page.getByTestId('warning-ended').count()) === 1, POLL).toBe(true);
    expect(await page.getByTestId('warning-zone').textContent()).toBe(`Zone: ${b!.name_en}`);
    expect(await page.getByTestId('warning-ended').textContent()).toContain(a!.name_en);
    await s.screenshot(page, 'alerts-zone-ended');
    allowed = 3;
    wake();
    await expect.poll(() => warning.getAttribute('data-kind'), POLL).toBe('clear');
    expect(await page.getByTestId('clear-zone').textContent()).toContain(b!.name_en);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  }, BROWSER_TEST_TIMEOUT_MS);

  it('ends by itself the warning of a zone whose window has passed, and keeps warning the other', async () => {
    // One alert, scripted, warns a until 10:07 and b until 10:09; the server says nothing more.
    const zones = (await s.t.app.inject({ url: '/api/v1/zones' })).json().features as ZoneFeature[];
    const [a, b] = zones.map((f) => f.properties);
    const z = (p: typeof a, latest: string) => ({ ...p!, probability: 0.5, earliest: '2026-03-01T10:03:00Z', latest });
    const frame = { alert_id: 'A7', action: 'issue', aircraft: 'helicopter', track_id: 't', issued_at: '2026-03-01T10:00:00Z', zones: [z(a, '2026-03-01T10:07:00Z'), z(b, '2026-03-01T10:09:00Z')] };
    let served = 0;
    const { context, page } = await s.page({ viewport: { width: 420, height: 800 }, locale: 'en-GB', serviceWorkers: 'block' });
    await page.route('**/api/v1/alerts/stream*', async (route) => {
      // The first connection: the alert and the cursor; later ones: the cursor alone (nothing new).
      const body = served++ === 0 ? `retry: 300\n\nid: 1\nevent: alert.issued\ndata: ${JSON.stringify(frame)}\n\nid: 1\n\n` : 'retry: 300\n\nid: 1\n\n';
      await route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body });
    });
    await context.addInitScript((ids) => localStorage.setItem('civdef.alerts.zones', JSON.stringify(ids)), [a!.id, b!.id]);
    await page.clock.install({ time: Date.parse('2026-03-01T10:00:00Z') });
    await page.goto('/alerts');
    const warning = page.getByTestId('warning');
    await expect.poll(() => warning.getAttribute('data-kind'), POLL).toBe('warning');
    expect(await page.getByTestId('warning-zone').textContent()).toBe(`Zone: ${a!.name_en} and ${b!.name_en}`);

    await page.clock.fastForward(Date.parse('2026-03-01T10:07:30Z') - (await page.evaluate(() => Date.now())));
    await expect.poll(() => page.getByTestId('warning-ended').count(), POLL).toBe(1);
    expect(await warning.getAttribute('data-kind')).toBe('warning');
    expect(await page.getByTestId('warning-zone').textContent()).toBe(`Zone: ${b!.name_en}`);
    expect(await page.getByTestId('warning-ended').textContent()).toContain(a!.name_en);
    await s.screenshot(page, 'alerts-window-passed-one-zone');

    await page.clock.fastForward('02:00');
    await expect.poll(() => warning.getAttribute('data-kind'), POLL).toBe('clear');
    expect(await page.getByTestId('clear-zone').textContent()).toContain(b!.name_en);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  }, BROWSER_TEST_TIMEOUT_MS);
});
