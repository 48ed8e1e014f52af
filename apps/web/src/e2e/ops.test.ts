// The operations room in a real browser: the demo city drawn from our own roads, an incident reported
// elsewhere appearing live, its top recommendation assigned with one click, a closure drawn on the map
// changing a route, and the dispatcher's keys.
import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worksiteBody } from '../../../server/src/test-support/field-fixtures.js';
import { bearer } from '../../../server/src/test-support/harness.js';
import { northbound } from '../../../server/src/test-support/sightings.js';
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
    // (Polled: the stream is live before the roads have loaded and been drawn.)
    const drawn = () => page.getByTestId('map').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! > 40 || d[i + 1]! > 40 || d[i + 2]! > 40) n++;
      return n / (d.length / 4);
    });
    await expect.poll(drawn, POLL).toBeGreaterThan(0.02);
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

  it('shows aircraft with their forecast cones and warned windows, and an incident\'s worksites, live', async () => {
    const admin = bearer(await s.t.tokenFor('admin'));
    const who = await s.user('dispatcher');
    const { page } = await s.page({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await page.goto('/');
    await signIn(page, who);
    await page.locator('[data-testid=live][data-live=true]').waitFor();

    // A worksite triaged B at a fresh incident: it shows in the incident's panel (and on the map) without a reload.
    const incidentId = newUlid();
    const reported = await s.t.app.inject({
      method: 'POST', url: '/api/v1/incidents', headers: admin,
      payload: { id: incidentId, kind: 'building-collapse', lat: 36.2, lon: 37.15, occurred_at: new Date().toISOString(), severity: 3, source: 'spotter' },
    });
    expect(reported.statusCode, reported.body).toBe(201);
    await page.locator(`[data-testid=incident][data-id="${incidentId}"]`).click(POLL);
    const ws = await s.t.app.inject({ method: 'POST', url: `/api/v1/incidents/${incidentId}/worksites`, headers: admin, payload: worksiteBody({ code: 'A-1', triage_category: 'B' }) });
    expect(ws.statusCode, ws.body).toBe(201);
    await expect.poll(() => page.locator('[data-testid=worksites] li[data-code="A-1"]').getAttribute('data-triage').catch(() => null), POLL).toBe('B');

    // A helicopter reported flying north over the last four minutes (the server's clock follows the reports;
    // the engine's time never goes back, and it has already seen the real time): it and its warned zones show live.
    const at = Date.now() - 4 * 60_000 - 5_000;
    const ctx = s.t.runtime.ctx as unknown as { now: () => Date };
    const dispatcher = bearer(await s.t.tokenFor('dispatcher'));
    for (let m = 0; m <= 4; m++) {
      ctx.now = () => new Date(at + m * 60_000 + 5_000);
      const res = await s.t.app.inject({ method: 'POST', url: '/api/v1/sightings', headers: dispatcher, payload: northbound(m, at) });
      expect(res.statusCode, res.body).toBe(201);
    }
    const aircraft = page.locator('[data-testid=air] [data-testid=aircraft]').first();
    await expect.poll(() => aircraft.textContent().catch(() => ''), POLL).toMatch(/^Helicopter · heading \d+° · seen \d\d:\d\d/);
    const alerts = (await s.t.app.inject({ url: '/api/v1/alerts' })).json().items as unknown[];
    if (alerts.length) await expect.poll(() => aircraft.textContent(), POLL).toMatch(/Warned: .+ \d\d:\d\d–\d\d:\d\d/);
    // The cone is drawn: amber pixels ahead (north) of the aircraft on the canvas.
    const fc = (await s.t.app.inject({ url: '/api/v1/warning/tracks', headers: admin })).json() as { features: { geometry: { type: string; coordinates: number[] } }[] };
    const [lon, lat] = fc.features.find((f) => f.geometry.type === 'Point')!.geometry.coordinates as [number, number];
    const roads = (await s.t.app.inject({ url: '/api/v1/map/roads', headers: admin })).json() as { bounds: [number, number, number, number] };
    const box = (await page.getByTestId('map').boundingBox())!;
    const [x, y] = toScreen(fit(roads.bounds, box.width, box.height), lon, lat);
    const yellow = () => page.getByTestId('map').evaluate((c: HTMLCanvasElement, [px, py]) => {
      const k = c.width / c.clientWidth;
      const [r, g, b] = c.getContext('2d')!.getImageData(Math.round(px! * k), Math.round((py! - 3) * k), 1, 1).data;
      return r! > 200 && g! > 160 && b! < 120;
    }, [x, y]);
    await expect.poll(yellow, { ...POLL, message: 'the aircraft mark at its position' }).toBe(true);
    await s.screenshot(page, 'ops-aircraft-worksites');
    ctx.now = () => new Date();
  }, BROWSER_TEST_TIMEOUT_MS);

  it('closes a street by its name from the keyboard, and the route drawn changes', async () => {
    const admin = bearer(await s.t.tokenFor('admin'));
    const who = await s.user('dispatcher');
    const { page } = await s.page({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await page.goto('/');
    await signIn(page, who);
    await page.locator('[data-testid=live][data-live=true]').waitFor();

    // A route between two ambulances on the map, and the street it drives longest on.
    const units = (await s.t.app.inject({ url: '/api/v1/units', headers: admin })).json().items as { name: string; lat: number; lon: number }[];
    const a = units.find((u) => u.name === 'Ambulance 1')!, b = units.find((u) => u.name === 'Ambulance 3')!;
    const route = (await s.t.app.inject({ method: 'POST', url: '/api/v1/routes', headers: admin, payload: { from: { lat: a.lat, lon: a.lon }, to: { lat: b.lat, lon: b.lon } } })).json();
    const street = (route.streets as { name: string; distance_m: number }[]).filter((x) => x.name).sort((x, y) => y.distance_m - x.distance_m)[0]!.name;
    const roads = (await s.t.app.inject({ url: '/api/v1/map/roads', headers: admin })).json() as { bounds: [number, number, number, number] };
    const box = (await page.getByTestId('map').boundingBox())!;
    const view = fit(roads.bounds, box.width, box.height);
    await page.keyboard.press('r');
    for (const u of [a, b]) {
      const [x, y] = toScreen(view, u.lon, u.lat);
      await page.getByTestId('map').click({ position: { x, y } });
    }
    const result = page.getByTestId('route-result');
    await result.waitFor(POLL);
    const before = await result.getAttribute('data-duration');

    // S puts the cursor in the street field; Tab walks the reason and duration to the button; Enter sends it.
    await page.getByTestId('map').focus();
    await page.keyboard.press('s');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('street-name');
    await page.keyboard.type(street.toUpperCase()); // any case
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // reason: crater
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('street-submit');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('street-result').textContent(), POLL).toMatch(/closed \(\d+ road edges\)/);
    const closures = (await s.t.app.inject({ url: '/api/v1/closures', headers: admin })).json().items as { target: { street?: string }; reason: string }[];
    expect(closures.find((c) => c.target.street?.toLowerCase() === street.toLowerCase())?.reason).toBe('crater');
    await page.locator('[data-testid=closures] li[data-street]').filter({ hasText: street.toUpperCase() }).waitFor(POLL);
    // The street is drawn closed on the map (orange along its longest segment's middle).
    const closureId = (await s.t.app.inject({ url: '/api/v1/closures', headers: admin })).json().items.find((c: { target: { street?: string } }) => c.target.street)!.id as string;
    const lines = (await s.t.app.inject({ url: '/api/v1/map/closures', headers: admin })).json() as { scale: number; items: { id: string; segments: number[] }[] };
    const seg = lines.items.find((i) => i.id === closureId)!.segments;
    let mid: [number, number] = [0, 0], longest = -1;
    for (let i = 0; i < seg.length; i += 4) {
      const len = Math.hypot(seg[i + 2]! - seg[i]!, seg[i + 3]! - seg[i + 1]!);
      if (len > longest) [longest, mid] = [len, [(seg[i]! + seg[i + 2]!) / 2 / lines.scale, (seg[i + 1]! + seg[i + 3]!) / 2 / lines.scale]];
    }
    const [mx, my] = toScreen(view, ...mid);
    const orange = () => page.getByTestId('map').evaluate((c: HTMLCanvasElement, [px, py]) => {
      const k = c.width / c.clientWidth;
      const [r, g, b] = c.getContext('2d')!.getImageData(Math.round(px! * k), Math.round(py! * k), 1, 1).data;
      return r! > 200 && g! > 50 && g! < 140 && b! < 80;
    }, [mx, my]);
    await expect.poll(orange, POLL).toBe(true);
    await expect.poll(async () => `${await result.getAttribute('data-duration')} ${await result.getAttribute('data-reachable')}`, POLL).not.toBe(`${before} true`);
    await s.screenshot(page, 'ops-street-closure');

    // A street that is not on the map: the server's reason is shown and nothing is closed.
    const count = closures.length;
    await page.getByTestId('street-name').fill('No Such Street 999');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('street-result').textContent(), POLL).toMatch(/^✕ /);
    expect((await s.t.app.inject({ url: '/api/v1/closures', headers: admin })).json().items).toHaveLength(count);
  }, BROWSER_TEST_TIMEOUT_MS);
});
