// The operations room in a real browser: the demo city drawn from our own roads, an incident reported
// elsewhere appearing live, its top recommendation assigned with one click, a closure drawn on the map
// changing a route, and the dispatcher's keys.
import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worksiteBody } from '../../../server/src/test-support/field-fixtures.js';
import { bearer } from '../../../server/src/test-support/harness.js';
import { northbound } from '../../../server/src/test-support/sightings.js';
import { fit, toScreen } from '../ops/view.js';
import type { Page } from 'playwright-core';
import { BROWSER_TEST_TIMEOUT_MS, browserUnavailable, signIn, STACK_TIMEOUT_MS, startWebStack, type WebStack } from './support.js';

const skip = browserUnavailable();
const POLL = { timeout: 30_000, interval: 100 };
let s: WebStack;

type Headers = Record<string, string>;

/** A fresh dispatcher signed in to the operations room, its event stream live. */
async function openRoomAsDispatcher(): Promise<Page> {
  const who = await s.user('dispatcher');
  const { page } = await s.page({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  await page.goto('/');
  await signIn(page, who);
  await page.locator('[data-testid=live][data-live=true]').waitFor();
  return page;
}
type Place = { lat: number; lon: number };

/** How the room fits the city's road bounds to the map's box, and a function clicking the map at a place. */
async function mapClicker(page: Page, headers: Headers) {
  const roads = (await s.t.app.inject({ url: '/api/v1/map/roads', headers })).json() as { bounds: [number, number, number, number] };
  const box = (await page.getByTestId('map').boundingBox())!;
  const view = fit(roads.bounds, box.width, box.height);
  const click = async (lon: number, lat: number) => {
    const [x, y] = toScreen(view, lon, lat);
    await page.getByTestId('map').click({ position: { x, y } });
  };
  return { view, click };
}

/** Asks the room for a route from a to b (R, then both on the map); returns its result element and first duration. */
async function routeOnMap(page: Page, headers: Headers, a: Place, b: Place) {
  const { view, click } = await mapClicker(page, headers);
  await page.keyboard.press('r');
  await click(a.lon, a.lat);
  await click(b.lon, b.lat);
  const result = page.getByTestId('route-result');
  await result.waitFor(POLL);
  const before = await result.getAttribute('data-duration');
  expect(Number(before)).toBeGreaterThan(0);
  return { result, before, click, view };
}

/** Draws a closure square across the middle of the API's route from a to b (C, four corners, Enter); returns its centre and half-side in degrees. */
async function closeAcrossRoute(page: Page, headers: Headers, click: (lon: number, lat: number) => Promise<void>, a: Place, b: Place) {
  const route = (await s.t.app.inject({ method: 'POST', url: '/api/v1/routes', headers, payload: { from: { lat: a.lat, lon: a.lon }, to: { lat: b.lat, lon: b.lon } } })).json();
  const coords = route.geometry.coordinates as [number, number][];
  const [mx, my] = coords[Math.floor(coords.length / 2)]!;
  await page.keyboard.press('c');
  const d = 0.0006;
  for (const [lon, lat] of [[mx - d, my - d], [mx + d, my - d], [mx + d, my + d], [mx - d, my + d]] as const) await click(lon, lat);
  await page.keyboard.press('Enter');
  return { mx, my, d };
}

describe.skipIf(skip)('operations room', () => {
  beforeAll(async () => {
    s = await startWebStack();
  }, STACK_TIMEOUT_MS);
  afterAll(async () => s?.close());

  it('shows the city live, assigns the top recommendation, and re-routes around a drawn closure', async () => {
    const admin = bearer(await s.t.tokenFor('admin'));
    const page = await openRoomAsDispatcher();

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
    const { result, before, click } = await routeOnMap(page, admin, a, b);
    await closeAcrossRoute(page, admin, click, a, b);
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
    const page = await openRoomAsDispatcher();

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
    // Its path is drawn behind it: a dot at the oldest estimate on the map (it flew in from beyond the city), south of where it is now.
    const path = (fc.features as unknown as { properties: { kind: string }; geometry: { coordinates: [number, number][] } }[]).find((f) => f.properties.kind === 'trail')!.geometry.coordinates;
    expect(path.length).toBeGreaterThanOrEqual(5);
    const onMap = path.slice(0, -1).map((p) => toScreen(fit(roads.bounds, box.width, box.height), ...p)).filter(([, py]) => py > 10 && py < box.height - 10);
    const [tx, ty] = onMap[0]!;
    expect(ty - y).toBeGreaterThan(20);
    const trailDot = () => page.getByTestId('map').evaluate((c: HTMLCanvasElement, [px, py]) => {
      const k = c.width / c.clientWidth;
      const [r, g, b] = c.getContext('2d')!.getImageData(Math.round(px! * k), Math.round(py! * k), 1, 1).data;
      return r! > 120 && g! > 100 && r! - b! > 70;
    }, [tx, ty]);
    await expect.poll(trailDot, { ...POLL, message: 'the first point of the aircraft\'s path' }).toBe(true);
    await s.screenshot(page, 'ops-aircraft-worksites');
    ctx.now = () => new Date();
  }, BROWSER_TEST_TIMEOUT_MS);

  it('closes a street by its name from the keyboard, and the route drawn changes', async () => {
    const admin = bearer(await s.t.tokenFor('admin'));
    const page = await openRoomAsDispatcher();

    // A route between two ambulances on the map, and the street it drives longest on.
    const units = (await s.t.app.inject({ url: '/api/v1/units', headers: admin })).json().items as { name: string; lat: number; lon: number }[];
    const a = units.find((u) => u.name === 'Ambulance 1')!, b = units.find((u) => u.name === 'Ambulance 3')!;
    const route = (await s.t.app.inject({ method: 'POST', url: '/api/v1/routes', headers: admin, payload: { from: { lat: a.lat, lon: a.lon }, to: { lat: b.lat, lon: b.lon } } })).json();
    const street = (route.streets as { name: string; distance_m: number }[]).filter((x) => x.name).sort((x, y) => y.distance_m - x.distance_m)[0]!.name;
    const { result, before, view } = await routeOnMap(page, admin, a, b);

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

  it('lifts a closure picked on the map from the keyboard, and the route comes back', async () => {
    const admin = bearer(await s.t.tokenFor('admin'));
    const page = await openRoomAsDispatcher();

    // A route between two centres' ambulances (other tests' closures may stand: this one is measured against them).
    const units = (await s.t.app.inject({ url: '/api/v1/units', headers: admin })).json().items as { name: string; lat: number; lon: number }[];
    const a = units.find((u) => u.name === 'Ambulance 2')!, b = units.find((u) => u.name === 'Ambulance 1')!;
    const { result, before, click } = await routeOnMap(page, admin, a, b);

    // Close a square across the route's middle: the route changes.
    const open = async () => (await s.t.app.inject({ url: '/api/v1/closures', headers: admin })).json().items as { id: string }[];
    const count = (await open()).length;
    const { mx, my, d } = await closeAcrossRoute(page, admin, click, a, b);
    await expect.poll(async () => (await open()).length, POLL).toBe(count + 1);
    const closureId = (await open())[0]!.id;
    await expect.poll(async () => `${await result.getAttribute('data-duration')} ${await result.getAttribute('data-reachable')}`, POLL).not.toBe(`${before} true`);

    // Click inside it on the map: it is selected in the list. X once asks, X again lifts it.
    await click(mx + d / 2, my - d / 2);
    await page.locator(`[data-testid=closure][data-id="${closureId}"][aria-current=true]`).waitFor(POLL);
    await s.screenshot(page, 'ops-closure-selected');
    await page.keyboard.press('x');
    await page.getByTestId('lift-armed').waitFor(POLL);
    expect((await open()).map((c) => c.id)).toContain(closureId);
    await page.keyboard.press('x');
    await expect.poll(async () => (await open()).map((c) => c.id), POLL).not.toContain(closureId);
    const lifted = (await s.t.app.inject({ url: '/api/v1/closures?all=1', headers: admin })).json().items.find((c: { id: string }) => c.id === closureId);
    expect(lifted.lifted_at).not.toBeNull();
    // The list drops it and the route drawn comes back, both from the event stream.
    await page.locator(`[data-testid=closure][data-id="${closureId}"]`).waitFor({ state: 'detached', timeout: POLL.timeout });
    await expect.poll(async () => `${await result.getAttribute('data-duration')} ${await result.getAttribute('data-reachable')}`, POLL).toBe(`${before} true`);
    await expect.poll(() => page.getByTestId('notice').textContent(), POLL).toBe('Lifted: Area');

    // A closure made elsewhere is lifted with its button in the list; a viewer has no such button.
    const other = newUlid();
    const made = await s.t.app.inject({ method: 'POST', url: '/api/v1/closures', headers: admin, payload: { id: other, kind: 'closure', reason: 'fire', target: { circle: { lat: my, lon: mx, radius_m: 60 } } } });
    expect(made.statusCode, made.body).toBe(201);
    await expect.poll(async () => `${await result.getAttribute('data-duration')} ${await result.getAttribute('data-reachable')}`, POLL).not.toBe(`${before} true`);
    const viewer = await s.user('viewer');
    const { page: seen } = await s.page({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await seen.goto('/');
    await signIn(seen, viewer);
    await seen.locator(`[data-testid=closure][data-id="${other}"]`).waitFor(POLL);
    expect(await seen.getByTestId('closure-lift').count()).toBe(0);
    await page.locator(`[data-testid=closure-lift][data-id="${other}"]`).click(POLL);
    await expect.poll(async () => `${await result.getAttribute('data-duration')} ${await result.getAttribute('data-reachable')}`, POLL).toBe(`${before} true`);
    await seen.locator(`[data-testid=closure][data-id="${other}"]`).waitFor({ state: 'detached', timeout: POLL.timeout });
  }, BROWSER_TEST_TIMEOUT_MS);

  it('shows an incident\'s victims and the open supply requests live, and fulfils and refuses requests', async () => {
    const admin = bearer(await s.t.tokenFor('admin'));
    const post = async (url: string, payload: unknown, status = 201) => {
      const res = await s.t.app.inject({ method: 'POST', url, headers: admin, payload: payload as Record<string, unknown> });
      expect(res.statusCode, res.body).toBe(status);
      return res.json();
    };
    const page = await openRoomAsDispatcher();

    // A collapse with a worksite; select it, then victims are found there: they show without a reload, red first.
    const incidentId = newUlid();
    await post('/api/v1/incidents', { id: incidentId, kind: 'building-collapse', lat: 36.205, lon: 37.14, occurred_at: new Date().toISOString(), severity: 4, source: 'spotter' });
    const ws = await post(`/api/v1/incidents/${incidentId}/worksites`, worksiteBody({ code: 'V-1', lat: 36.205, lon: 37.1405 }));
    await page.locator(`[data-testid=incident][data-id="${incidentId}"]`).click(POLL);
    await page.getByTestId('incident-panel').filter({ hasText: 'No victims recorded' }).waitFor(POLL);
    const found = new Date(Date.now() - 600_000).toISOString();
    const green = newUlid(), red = newUlid();
    await post(`/api/v1/worksites/${ws.id}/victims`, { id: green, condition: 'alive', start_colour: 'green', found_at: found, description: 'grey scarf, walking' });
    await post(`/api/v1/worksites/${ws.id}/victims`, { id: red, condition: 'alive', start_colour: 'red', found_at: found, name: 'Sami Haddad' });
    const victims = page.locator('[data-testid=victims] [data-testid=victim]');
    await expect.poll(() => victims.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-id')} ${e.getAttribute('data-stage')}`)), POLL).toEqual([`${red} found`, `${green} found`]);
    expect(await victims.first().textContent()).toMatch(/^ V-1 · red \(immediate\) · alive · not yet out · found \d\d:\d\d$/);
    // The minimum only: no name or description in the room, whatever the role may read.
    expect(await page.getByTestId('incident-panel').textContent()).not.toMatch(/Sami|scarf/);
    const extricated = await s.t.app.inject({ method: 'PATCH', url: `/api/v1/victims/${red}`, headers: admin, payload: { extricated_at: new Date().toISOString() } });
    expect(extricated.statusCode, extricated.body).toBe(200);
    await page.locator(`[data-testid=victim][data-id="${red}"][data-stage=extricated]`).waitFor(POLL);

    // Two supply requests from the field, one counted from a unit at its centre, both at a place: listed live and drawn.
    const units = (await s.t.app.inject({ url: '/api/v1/units', headers: admin })).json().items as { id: string; name: string }[];
    const unit = units.find((u) => u.name === 'Fire 2')!;
    const counted = await post('/api/v1/supply-requests', { id: newUlid(), note: 'stretchers for V-1', unit_id: unit.id, incident_id: incidentId, lat: 36.2045, lon: 37.1395, items: [{ item: 'body-bag', quantity: 2 }] });
    await post('/api/v1/supplies/receipts', { id: newUlid(), centre_id: counted.centre_id, item: 'body-bag', quantity: 5 });
    const loose = await post('/api/v1/supply-requests', { id: newUlid(), note: 'more water', lat: 36.21, lon: 37.16 });
    const row = (id: string) => page.locator(`[data-testid=request][data-id="${id}"]`);
    await row(counted.id).filter({ hasText: 'Fire 2' }).waitFor(POLL);
    await row(loose.id).waitFor(POLL);
    expect(await row(counted.id).textContent()).toContain('2 × body-bag');
    const roads = (await s.t.app.inject({ url: '/api/v1/map/roads', headers: admin })).json() as { bounds: [number, number, number, number] };
    const box = (await page.getByTestId('map').boundingBox())!;
    const [x, y] = toScreen(fit(roads.bounds, box.width, box.height), 37.16, 36.21);
    const cyan = () => page.getByTestId('map').evaluate((c: HTMLCanvasElement, [px, py]) => {
      const k = c.width / c.clientWidth;
      const [r, g, b] = c.getContext('2d')!.getImageData(Math.round((px! - 3) * k), Math.round((py! - 3) * k), 1, 1).data;
      return r! < 80 && g! > 150 && b! > 170;
    }, [x, y]);
    await expect.poll(cyan, { ...POLL, message: 'the request\'s mark at its place' }).toBe(true);
    await s.screenshot(page, 'ops-victims-requests');

    // Fulfil the counted one (from its unit's centre's stock), refuse the other with a reason: both leave the list.
    await page.locator(`[data-testid=request-fulfil][data-id="${counted.id}"]`).click();
    await row(counted.id).waitFor({ state: 'detached', timeout: POLL.timeout });
    const done = (await s.t.app.inject({ url: `/api/v1/supply-requests/${counted.id}`, headers: admin })).json();
    expect([done.status, done.fulfilled_from_centre_id]).toEqual(['fulfilled', counted.centre_id]);
    await page.locator(`[data-testid=request-refuse][data-id="${loose.id}"]`).click();
    await page.getByTestId('refuse-submit').click();
    await expect.poll(() => page.getByTestId('refuse-result').textContent(), POLL).toBe('Say why');
    await page.getByTestId('refuse-reason').fill('no water left in the city');
    await page.keyboard.press('Enter');
    await row(loose.id).waitFor({ state: 'detached', timeout: POLL.timeout });
    await page.getByTestId('refuse-form').waitFor({ state: 'hidden', timeout: POLL.timeout });
    const refused = (await s.t.app.inject({ url: `/api/v1/supply-requests/${loose.id}`, headers: admin })).json();
    expect([refused.status, refused.decision_note]).toEqual(['refused', 'no water left in the city']);

    // A team leader reads the requests but may not decide them; a viewer does not see them.
    const third = await post('/api/v1/supply-requests', { id: newUlid(), note: 'fuel for Fire 2' });
    const leader = await s.page({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await leader.page.goto('/');
    await signIn(leader.page, await s.user('team-leader'));
    await leader.page.locator(`[data-testid=request][data-id="${third.id}"]`).waitFor(POLL);
    expect(await leader.page.getByTestId('request-fulfil').count()).toBe(0);
    // In Arabic, mirrored: the requests and victims in Arabic, the panel on the right.
    await page.locator(`[data-testid=request][data-id="${third.id}"]`).waitFor(POLL);
    await page.getByTestId('map').focus();
    await page.keyboard.press('l');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir), POLL).toBe('rtl');
    await expect.poll(() => page.getByTestId('panel').textContent(), POLL).toContain('طلبات الإمداد (١)');
    expect(await page.locator(`[data-testid=request-refuse][data-id="${third.id}"]`).textContent()).toBe('رفض');
    expect(await page.locator(`[data-testid=victim][data-id="${red}"]`).textContent()).toContain('أحمر (فوري)');
    const panelBox = (await page.getByTestId('panel').boundingBox())!;
    expect(panelBox.x).toBeGreaterThan(1280 / 2);
    await s.screenshot(page, 'ops-victims-requests-ar');
    const viewer = await s.page({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await viewer.page.goto('/');
    await signIn(viewer.page, await s.user('viewer'));
    await viewer.page.locator(`[data-testid=incident][data-id="${incidentId}"]`).waitFor(POLL);
    expect(await viewer.page.getByTestId('requests').count()).toBe(0);
  }, BROWSER_TEST_TIMEOUT_MS);
});
