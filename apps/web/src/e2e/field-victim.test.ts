// "Victim found" in the field app: a team leader whose unit works an incident records victims with no
// network (one at a worksite, one at a worksite closed meanwhile, one at a worksite the phone opens first),
// reloads still offline, goes online: each victim is stored exactly once, and the one the server refuses is
// shown with the server's reason. An incident with no worksite gets one opened before its first victim.
import { newUlid } from '@civdef/core';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worksiteBody } from '../../../server/src/test-support/field-fixtures.js';
import { bearer } from '../../../server/src/test-support/harness.js';
import { BROWSER_TEST_TIMEOUT_MS, browserUnavailable, signIn, STACK_TIMEOUT_MS, startWebStack, type WebStack } from './support.js';

const skip = browserUnavailable();
const POLL = { timeout: 30_000, interval: 100 };
let s: WebStack;
let admin: Record<string, string>;

interface UnitRow {
  id: string;
  name: string;
  lat: number;
  lon: number;
  team_id: string;
}

const call = (method: 'GET' | 'POST', url: string, payload?: object) => s.t.app.inject({ method, url, headers: admin, ...(payload ? { payload } : {}) });

async function created(url: string, payload: object): Promise<{ id: string }> {
  const res = await call('POST', url, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** An incident near the unit with the unit dispatched to it. */
async function incidentFor(unit: UnitRow): Promise<string> {
  const id = newUlid();
  await created('/api/v1/incidents', { id, kind: 'building-collapse', lat: unit.lat + 0.001, lon: unit.lon + 0.001, occurred_at: new Date().toISOString(), severity: 4, source: 'team' });
  await created(`/api/v1/incidents/${id}/assignments`, { id: newUlid(), unit_id: unit.id });
  return id;
}

/** A team leader on /field with the unit chosen, once the app and the incident's worksites are kept for offline. */
async function fieldFor(unit: UnitRow, incidentId: string): Promise<{ page: Page; setOffline(o: boolean): Promise<void> }> {
  const who = await s.user('team-leader');
  const { context, page } = await s.page({
    viewport: { width: 400, height: 850 },
    permissions: ['geolocation'],
    geolocation: { latitude: unit.lat, longitude: unit.lon, accuracy: 8 },
  });
  await page.goto('/field');
  await signIn(page, who);
  await page.getByTestId('victim').waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await page.locator(`[data-testid=unit] option[value="${unit.id}"]`).waitFor({ state: 'attached' });
  await page.getByTestId('unit').selectOption(unit.id);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), `civdef.worksites.${incidentId}`), POLL).not.toBeNull();
  return { page, setOffline: (o) => context.setOffline(o) };
}

/** Fills the victim form and sends it. site: a worksite id, or 'new' to open one. */
async function recordVictim(page: Page, v: { condition: 'alive' | 'dead'; colour?: string; site: string; description: string; address?: string }): Promise<void> {
  await page.getByTestId('victim').click();
  await page.getByTestId(`victim-${v.condition}`).check();
  if (v.colour) await page.getByTestId(`victim-${v.colour}`).check();
  await page.getByTestId('victim-site').selectOption(v.site);
  if (v.address) await page.getByTestId('victim-address').fill(v.address);
  await page.getByTestId('victim-description').fill(v.description);
  await page.getByTestId('dialog-send').click();
}

const item = (page: Page, state: string) => page.locator(`[data-testid=outbox-item][data-state=${state}]`);
const idsOf = (page: Page) => page.getByTestId('outbox-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!).reverse()); // oldest first

describe.skipIf(skip)('field app: victim found', () => {
  let units: UnitRow[];
  beforeAll(async () => {
    s = await startWebStack();
    admin = bearer(await s.t.tokenFor('admin'));
    units = (await call('GET', '/api/v1/units')).json().items;
  }, STACK_TIMEOUT_MS);
  afterAll(async () => s?.close());

  it('keeps victims recorded offline through a reload, stores each once, and shows a refusal with its reason', async () => {
    const unit = units.find((u) => u.name === 'Rescue 1')!;
    const incidentId = await incidentFor(unit);
    const a1 = await created(`/api/v1/incidents/${incidentId}/worksites`, worksiteBody({ code: 'A-1', team_id: unit.team_id }));
    const a2 = await created(`/api/v1/incidents/${incidentId}/worksites`, worksiteBody({ code: 'A-2', team_id: unit.team_id }));
    const { page, setOffline } = await fieldFor(unit, incidentId);

    await setOffline(true);
    await recordVictim(page, { condition: 'alive', colour: 'red', site: a1.id, description: 'boy about ten, red football shirt' });
    await recordVictim(page, { condition: 'dead', site: a2.id, description: 'woman, green headscarf, silver ring' });
    await recordVictim(page, { condition: 'alive', colour: 'yellow', site: 'new', address: 'bakery on Baron street', description: 'old man, grey beard, brown coat' });
    await expect.poll(() => page.getByTestId('outbox-item').count(), POLL).toBe(4);
    expect(await item(page, 'pending').count()).toBe(4);
    const [atA1, atA2, opened, atA3] = (await idsOf(page)) as [string, string, string, string];
    expect(await page.locator(`[data-id="${opened}"]`).textContent()).toMatch(/Worksite A-3 opened/);
    expect(await page.locator(`[data-id="${atA1}"]`).textContent()).toMatch(/A-1: alive, red/);
    await s.screenshot(page, 'field-victim-offline');

    // While the phone is offline the operations room closes A-2.
    expect((await call('POST', `/api/v1/worksites/${a2.id}/close`, {})).statusCode).toBe(200);
    await page.reload();
    await page.getByTestId('victim').waitFor();
    await expect.poll(() => item(page, 'pending').count(), POLL).toBe(4);

    await setOffline(false);
    await expect.poll(() => item(page, 'accepted').count(), POLL).toBe(3);
    const refused = item(page, 'refused');
    expect(await refused.count()).toBe(1);
    expect(await refused.getAttribute('data-id')).toBe(atA2);
    expect(await refused.locator('.problem').textContent()).toMatch(/Worksite A-2 is closed/);
    await s.screenshot(page, 'field-victim-online');

    const victims = (await call('GET', `/api/v1/victims?incident_id=${incidentId}`)).json().items as { id: string; worksite_code: string; condition: string; start_colour: string; description: string }[];
    expect(victims.map((v) => v.id).sort()).toEqual([atA1, atA3].sort());
    expect(victims.find((v) => v.id === atA1)).toMatchObject({ worksite_code: 'A-1', condition: 'alive', start_colour: 'red', description: 'boy about ten, red football shirt' });
    expect(victims.find((v) => v.id === atA3)).toMatchObject({ worksite_code: 'A-3', condition: 'alive', start_colour: 'yellow' });
    const a3 = (await call('GET', `/api/v1/worksites/${opened}`)).json();
    expect(a3).toMatchObject({ code: 'A-3', incident_id: incidentId, address: 'bakery on Baron street', team_id: unit.team_id, victims: { alive: 1, dead: 0 } });
    // Exactly once: one recording event per victim and none for the refused one.
    const recorded = async (id: string) =>
      Number((await sql<{ n: number }>`select count(*) as n from events where type = 'victim.recorded' and subject_id = ${id}`.execute(s.t.runtime.ctx.storage.db)).rows[0]!.n);
    expect([await recorded(atA1), await recorded(atA3), await recorded(atA2)]).toEqual([1, 1, 0]);
  }, BROWSER_TEST_TIMEOUT_MS);

  it('opens the first worksite of an incident that has none, before its first victim', async () => {
    const unit = units.find((u) => u.name === 'Rescue 2')!;
    const incidentId = await incidentFor(unit);
    const { page } = await fieldFor(unit, incidentId);
    await page.getByTestId('lang').click(); // in Arabic: the form mirrors (the first choice on the right)
    await page.getByTestId('victim').click();
    expect(await page.getByTestId('victim-site').inputValue()).toBe('new');
    expect(await page.locator('[data-testid=victim-site] option:checked').textContent()).toMatch(/افتح موقع العمل A-1/);
    const left = (id: string) => page.getByTestId(id).evaluate((e) => e.closest('label')!.getBoundingClientRect().left);
    expect(await left('victim-alive')).toBeGreaterThan(await left('victim-dead'));
    await page.getByTestId('victim-dead').check();
    // The dead are START black: no other colour can be chosen.
    expect(await page.getByTestId('victim-red').isDisabled()).toBe(true);
    expect(await page.getByTestId('victim-black').isChecked()).toBe(true);
    await page.getByTestId('victim-description').fill('man, blue overalls, tattoo on left arm');
    await s.screenshot(page, 'field-victim-form-ar');
    await page.getByTestId('dialog-send').click();
    await expect.poll(() => item(page, 'accepted').count(), POLL).toBe(2);
    const sites = (await call('GET', `/api/v1/incidents/${incidentId}/worksites`)).json().items;
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatchObject({ code: 'A-1', team_id: unit.team_id, victims: { alive: 0, dead: 1 } });
  }, BROWSER_TEST_TIMEOUT_MS);
});
