// The public warning page: no account; pick neighbourhoods; a helicopter reported over the city warns
// them (full-screen warning with the zone and window, alarm, vibration), and the all-clear follows when
// its track ends. Needs the early-warning routes (issue 5); skipped with the reason until they exist.
import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../../server/src/routes/index.js';
import { bearer } from '../../../server/src/test-support/harness.js';
import { BROWSER_TEST_TIMEOUT_MS, browserUnavailable, STACK_TIMEOUT_MS, startWebStack, type WebStack } from './support.js';

const POLL = { timeout: 30_000, interval: 100 };
const CENTRE = { lat: 36.2, lon: 37.15 }; // the test demo city's centre
const T0 = Date.parse('2026-03-01T10:00:00Z');
const hasAlerts = ['/api/v1/alerts/stream', '/api/v1/sightings', '/api/v1/zones'].every((u) => ROUTES.some((r) => r.url === u));
if (!hasAlerts) console.warn('skipping the alerts page test: the alert routes (issue 5) are not built yet'); // eslint-disable-line no-console
const skip = browserUnavailable() !== null || !hasAlerts;
let s: WebStack;

interface WarningEngine {
  tick(): Promise<void>;
}

describe.skipIf(skip)('public warning page', () => {
  beforeAll(async () => {
    s = await startWebStack();
  }, STACK_TIMEOUT_MS);
  afterAll(async () => s?.close());

  it('warns the picked neighbourhoods of an aircraft and gives the all-clear', async () => {
    // The engine's time only moves forward and starts at its first use (the zone list): fix the clock first.
    const ctx = s.t.runtime.ctx as unknown as { now: () => Date; warning: WarningEngine };
    ctx.now = () => new Date(T0);
    const zones = (await s.t.app.inject({ url: '/api/v1/zones' })).json().features as { id: string; geometry: { coordinates: number[][][][] } }[];
    // The aircraft flies north along the centre's meridian: pick the zones nearest that line (the stream takes at most 32).
    const offLine = (z: (typeof zones)[number]) => Math.min(...z.geometry.coordinates.flat(2).map((p) => Math.abs(p[0]! - CENTRE.lon)));
    const picked = [...zones].sort((a, b) => offLine(a) - offLine(b)).slice(0, 32);

    const { page } = await s.page({ viewport: { width: 420, height: 800 }, locale: 'en-GB' });
    await page.goto('/alerts');
    await page.getByTestId(`zone-${picked[0]!.id}`).waitFor();
    for (const z of picked) await page.getByTestId(`zone-${z.id}`).check();
    // Those taps unlocked the sound (browsers allow it only after a tap), so its button has gone.
    await expect.poll(() => page.getByTestId('enable-sound').isHidden(), POLL).toBe(true);
    await expect.poll(() => page.getByTestId('alerts-status').textContent(), POLL).toMatch(/Listening for warnings for 32/);
    await s.screenshot(page, 'alerts-listening');

    const token = await s.t.tokenFor('dispatcher');
    // Report the helicopter once a minute until the first alert is issued.
    const inForce = async () => (await s.t.app.inject({ url: '/api/v1/alerts' })).json().items as { zones: { id: string }[] }[];
    for (let m = 0; m <= 6 && (await inForce()).length === 0; m++) {
      const at = T0 + m * 60_000;
      ctx.now = () => new Date(at + 5_000);
      const res = await s.t.app.inject({
        method: 'POST',
        url: '/api/v1/sightings',
        headers: bearer(token),
        payload: { id: newUlid(at), time: new Date(at).toISOString(), spotter: { lat: CENTRE.lat - 0.06 + m * 0.015, lon: CENTRE.lon }, aircraft: 'helicopter', overhead: true, heading_deg: 0 },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
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

  it('opens with no network once visited, and listens again when it returns', async () => {
    const zones = (await s.t.app.inject({ url: '/api/v1/zones' })).json().features as { id: string }[];
    const { context, page } = await s.page({ viewport: { width: 420, height: 800 }, locale: 'en-GB' });
    await page.goto('/alerts');
    const box = page.getByTestId(`zone-${zones[0]!.id}`);
    await box.check();
    await expect.poll(() => page.getByTestId('alerts-status').textContent(), POLL).toMatch(/Listening for warnings for 1 /);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => box.isChecked(), POLL).toBe(true); // the zone list and the choice were kept on the phone
    await expect.poll(() => page.getByTestId('alerts-status').textContent(), POLL).toMatch(/Connection lost/);
    await s.screenshot(page, 'alerts-offline');
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('alerts-status').textContent(), POLL).toMatch(/Listening for warnings for 1 /);
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
});
