// The field app offline: five actions made with no network, the page reloaded while still offline (the
// service worker serves it, the outbox in IndexedDB still holds them), then back online: all five reach
// the server exactly once, in order, and show as accepted. A refusal is shown, not swallowed.
import { newUlid } from '@civdef/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../server/src/test-support/harness.js';
import { BROWSER_TEST_TIMEOUT_MS, browserUnavailable, signIn, STACK_TIMEOUT_MS, startWebStack, type WebStack } from './support.js';

const skip = browserUnavailable();
const POLL = { timeout: 30_000, interval: 100 };
let s: WebStack;

describe.skipIf(skip)('field app offline', () => {
  beforeAll(async () => {
    s = await startWebStack();
  }, STACK_TIMEOUT_MS);
  afterAll(async () => s?.close());

  it('keeps five offline actions through a reload and delivers each exactly once', async () => {
    const admin = await s.t.tokenFor('admin');
    const units = (await s.t.app.inject({ url: '/api/v1/units', headers: bearer(admin) })).json().items as { id: string; name: string; lat: number; lon: number }[];
    const unit = units.find((u) => u.name === 'Ambulance 1')!;
    const who = await s.user('team-leader');
    const { context, page } = await s.page({
      viewport: { width: 400, height: 800 },
      permissions: ['geolocation'],
      geolocation: { latitude: unit.lat, longitude: unit.lon, accuracy: 8 },
    });
    await page.goto('/field');
    await signIn(page, who);
    await page.getByTestId('strike').waitFor();
    // The service worker holds the app shell once it controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await page.locator(`[data-testid=unit] option[value="${unit.id}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('unit').selectOption(unit.id);
    await expect.poll(() => page.getByTestId('position').textContent(), POLL).toMatch(/±/);

    await context.setOffline(true);
    await page.getByTestId('strike').click();
    await page.getByTestId('blocked').click();
    await page.getByTestId('status-out-of-service').click();
    await page.getByTestId('status-available').click();
    await page.getByTestId('photo-input').setInputFiles({ name: 'rubble.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not really a jpeg, but bytes all the same') });
    const items = page.getByTestId('outbox-item');
    await expect.poll(() => items.count(), POLL).toBe(5);
    expect(await page.locator('[data-testid=outbox-item][data-state=pending]').count()).toBe(5);
    expect(await page.getByTestId('net').textContent()).toMatch(/Offline/);
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!).reverse()); // oldest first
    await s.screenshot(page, 'field-offline-pending');

    // Nothing reached the server while offline.
    const eventsFor = async (id: string) =>
      Number((await sql<{ n: number }>`select count(*) as n from events where subject_id = ${id} or cast(data as text) like ${'%' + id + '%'}`.execute(s.t.runtime.ctx.storage.db)).rows[0]!.n);
    for (const id of ids) expect(await eventsFor(id), id).toBe(0);

    await page.reload();
    await page.getByTestId('strike').waitFor();
    await expect.poll(() => page.getByTestId('outbox-item').count(), POLL).toBe(5);
    expect(await page.locator('[data-testid=outbox-item][data-state=pending]').count()).toBe(5);

    await context.setOffline(false);
    await expect.poll(() => page.locator('[data-testid=outbox-item][data-state=accepted]').count(), POLL).toBe(5);
    await s.screenshot(page, 'field-online-accepted');

    const [strike, closure, out, back, photo] = ids as [string, string, string, string, string];
    const get = (url: string) => s.t.app.inject({ url, headers: bearer(admin) });
    const incident = (await get(`/api/v1/incidents/${strike}`)).json();
    expect(incident).toMatchObject({ id: strike, kind: 'airstrike', reporter: who.name });
    expect(Math.abs(incident.lat - unit.lat)).toBeLessThan(1e-6);
    expect((await get('/api/v1/closures')).json().items.filter((c: { id: string }) => c.id === closure)).toHaveLength(1);
    const timeline = (await get(`/api/v1/units/${unit.id}/timeline`)).json().items as { id: string; to_status: string }[];
    expect(timeline.filter((c) => c.id === out || c.id === back).map((c) => c.to_status)).toEqual(['out-of-service', 'available']);
    const media = (await get(`/api/v1/media/${photo}`)).json();
    expect(media).toMatchObject({ id: photo, filename: 'rubble.jpg', content_type: 'image/jpeg', bytes: 41 });
    // Exactly once: one creating event per action.
    expect(await eventsFor(strike)).toBe(1);
    expect(await eventsFor(closure)).toBe(1);
  }, BROWSER_TEST_TIMEOUT_MS);

  it('shows a refusal to the person instead of dropping it', async () => {
    const who = await s.user('spotter'); // a spotter may report strikes but not close roads
    const { page } = await s.page({ permissions: ['geolocation'], geolocation: { latitude: 36.2, longitude: 37.15 } });
    await page.goto('/field');
    await signIn(page, who);
    await expect.poll(() => page.getByTestId('position').textContent(), POLL).toMatch(/±/);
    await page.getByTestId('blocked').click();
    const refused = page.locator('[data-testid=outbox-item][data-state=refused]');
    await refused.waitFor();
    expect(await refused.locator('.problem').textContent()).toMatch(/spotter/);
    const id = await refused.getAttribute('data-id');
    expect(id && newUlid().length === id.length).toBe(true);
    await s.screenshot(page, 'field-refused');
  }, BROWSER_TEST_TIMEOUT_MS);
});
