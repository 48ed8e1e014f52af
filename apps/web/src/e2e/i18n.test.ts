// Sign in to the operations room, switch to Arabic: the layout must mirror (direction, and where things
// stand on screen), the choice must survive a reload, and numbers must be written the Arabic way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, browserUnavailable, signIn, STACK_TIMEOUT_MS, startWebStack, type WebStack } from './support.js';

const skip = browserUnavailable();
const POLL = { timeout: 30_000, interval: 100 };
let s: WebStack;

describe.skipIf(skip)('sign-in and Arabic', () => {
  beforeAll(async () => {
    s = await startWebStack();
  }, STACK_TIMEOUT_MS);
  afterAll(async () => s?.close());

  it('signs in, mirrors the layout in Arabic, remembers it', async () => {
    const who = await s.user('dispatcher');
    const { page } = await s.page({ viewport: { width: 1200, height: 800 }, locale: 'en-GB' });
    await page.goto('/');
    await signIn(page, { name: who.name, password: 'wrong password here' });
    await expect.poll(() => page.getByTestId('login-error').textContent(), POLL).toMatch(/Sign-in failed/);
    await signIn(page, who);
    await page.getByTestId('whoami').waitFor();
    expect(await page.getByTestId('whoami').textContent()).toContain(who.name);
    await s.screenshot(page, 'ops-en');

    const layout = () =>
      page.evaluate(() => {
        const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
        return {
          dir: document.documentElement.dir,
          lang: document.documentElement.lang,
          direction: getComputedStyle(document.body).direction,
          title: box('.bar .title').left,
          langButton: box('.bar .lang').left,
          asideLeft: box('aside').left,
          asideRight: box('aside').right,
          width: document.documentElement.clientWidth,
        };
      });
    const en = await layout();
    expect(en).toMatchObject({ dir: 'ltr', lang: 'en', direction: 'ltr' });
    expect(en.title).toBeLessThan(en.langButton);
    expect(en.asideLeft).toBe(0);

    await page.getByTestId('lang').click();
    const ar = await layout();
    expect(ar).toMatchObject({ dir: 'rtl', lang: 'ar', direction: 'rtl' });
    expect(ar.title).toBeGreaterThan(ar.langButton); // the title now stands at the right, the switch at the left
    expect(ar.asideRight).toBe(ar.width); // the side panel moved to the right edge
    expect(await page.locator('.bar .title').textContent()).toBe('غرفة العمليات');
    await s.screenshot(page, 'ops-ar');

    await page.reload();
    await page.getByTestId('whoami').waitFor();
    expect((await layout()).dir).toBe('rtl');
    // Numbers in the reader's locale: Arabic-Indic digits.
    expect(await page.evaluate(() => new Intl.NumberFormat('ar-SY').format(12))).toBe('١٢');
  }, BROWSER_TEST_TIMEOUT_MS);
});
