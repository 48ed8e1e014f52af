// The operations room in a real browser: the demo city drawn from our own roads, an incident reported
// elsewhere appearing live, its top recommendation assigned with one click, a closure drawn on the map
// changing a route, and the dispatcher's keys.
import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../server/src/test-support/harness.js';
import { fit, toScreen } from '../ops/view.js';
import { BROWSER_TEST_TIMEOUT_MS, browserUnavailable, signIn, STACK_TIMEOUT_MS, startWebStack, type WebStack } from './support.js';

const skip = browserUnavailable();
const POLL = { timeout: 30_000, interval: 100 };
let s: WebStack;

describe.skipIf(skip)('operations room', () => {
  beforeAll(async () => {
    s = await startWebStack();
  }, STACK_TIMEOUT_MS);
  afterAll(async () => s?.close());

  it('shows the city live, assigns the top recommendation, and re-routes around a drawn closure', async () => {
    const admin = bearer(await s.t.tokenFor('admin'));
    const who = await s.user('dispatcher');
    const { page } = await s.page({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await page.goto('/');
    await signIn(page, who);
    await page.locator('[data-testid=live][data-live=true]').waitFor();

    // The demo city is on the canvas: many pixels differ from the background.
    const drawn = await page.getByTestId('map').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! > 40 || d[i + 1]! > 40 || d[i + 2]! > 40) n++;
      return n / (d.length / 4);
    });
    expect(drawn).toBeGreaterThan(0.02);
    await s.screenshot(page, 'ops-city');

    // Supplies running low at a centre show up live.
    const centre = ((await s.t.app.inject({ url: '/api/v1/centres', headers: admin })).json().items as { id: string; name: string }[])[0]!;
    for (const [url, quantity] of [['/api/v1/supplies/receipts', 10], ['/api/v1/supplies/consumptions', 9]] as const) {
      const res = await s.t.app.inject({ method: 'POST', url, headers: admin, payload: { id: newUlid(), centre_id: centre.id, item: 'body-bag', quantity } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const stock = (await s.t.app.inject({ url: `/api/v1/supplies?centre_id=${centre.id}`, headers: admin })).json().items as { item: string; level: string }[];
    expect(stock.find((x) => x.item === 'body-bag')?.level).not.toBe('ok');
    await expect.poll(() => page.getByTestId('low-stock').textContent().catch(() => ''), POLL).toContain(`${centre.name}: body-bag 1`);

    // An incident reported from elsewhere appears without a reload.
    const units = (await s.t.app.inject({ url: '/api/v1/units', headers: admin })).json().items as { id: string; name: string; lat: number; lon: number; status: string }[];
    const near = units.find((u) => u.name === 'Rescue 2')!;
    const incidentId = newUlid();
    const reported = await s.t.app.inject({
      method: 'POST', url: '/api/v1/incidents', headers: admin,
      payload: { id: incidentId, kind: 'building-collapse', lat: near.lat + 0.002, lon: near.lon + 0.002, occurred_at: new Date().toISOString(), severity: 4, source: 'spotter' },
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const item = page.locator(`[data-testid=incident][data-id="${incidentId}"]`);
    await item.waitFor(POLL);
    await item.click();
    const firstAssign = page.getByTestId('assign').first();
    await firstAssign.waitFor(POLL);
    const unitId = await firstAssign.getAttribute('data-unit');
    await firstAssign.click();
    await expect.poll(async () => (await s.t.app.inject({ url: `/api/v1/incidents/${incidentId}/assignments`, headers: admin })).json().items.map((a: { unit_id: string }) => a.unit_id), POLL).toEqual([unitId]);
    await page.locator('[data-testid=units] li[data-status=dispatched]').waitFor(POLL);
    await s.screenshot(page, 'ops-assigned');

    // A route between two centres, then a closure drawn across its middle: the route changes.
    const a = units.find((u) => u.name === 'Ambulance 1')!, b = units.find((u) => u.name === 'Ambulance 3')!;
    const roads = (await s.t.app.inject({ url: '/api/v1/map/roads', headers: admin })).json() as { bounds: [number, number, number, number] };
    const box = (await page.getByTestId('map').boundingBox())!;
    const view = fit(roads.bounds, box.width, box.height);
    const click = async (lon: number, lat: number) => {
      const [x, y] = toScreen(view, lon, lat);
      await page.getByTestId('map').click({ position: { x, y } });
    };
    await page.keyboard.press('r');
    await click(a.lon, a.lat);
    await click(b.lon, b.lat);
    const result = page.getByTestId('route-result');
    await result.waitFor(POLL);
    const before = await result.getAttribute('data-duration');
    expect(Number(before)).toBeGreaterThan(0);
    const route = (await s.t.app.inject({ method: 'POST', url: '/api/v1/routes', headers: admin, payload: { from: { lat: a.lat, lon: a.lon }, to: { lat: b.lat, lon: b.lon } } })).json();
    const coords = route.geometry.coordinates as [number, number][];
    const [mx, my] = coords[Math.floor(coords.length / 2)]!;
    await page.keyboard.press('c');
    const d = 0.0006;
    for (const [lon, lat] of [[mx - d, my - d], [mx + d, my - d], [mx + d, my + d], [mx - d, my + d]] as const) await click(lon, lat);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await s.t.app.inject({ url: '/api/v1/closures', headers: admin })).json().items.length, POLL).toBe(1);
    await expect.poll(async () => `${await result.getAttribute('data-duration')} ${await result.getAttribute('data-reachable')}`, POLL).not.toBe(`${before} true`);
    await s.screenshot(page, 'ops-closure-reroute');

    // Keys: N steps through incidents, L switches the language.
    await page.keyboard.press('n');
    await page.locator('[data-testid=incident][aria-current=true]').waitFor(POLL);
    await page.keyboard.press('l');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir), POLL).toBe('rtl');
  }, BROWSER_TEST_TIMEOUT_MS);
});
