// DESIGN.md's budget: the field app interactive within 5 s of a first load on a slow 3G profile. Chromium
// throttles the network itself (DevTools protocol) with the values of Chrome DevTools' "Slow 3G" preset
// (its source: 2000 ms latency, 500 kbit/s x 0.8 each way), an empty cache and no service worker yet.
// Best of three fresh loads: the budget is the app's, not the load other tests put on a 2-core machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, browserUnavailable, STACK_TIMEOUT_MS, startWebStack, type WebStack } from './support.js';

const skip = browserUnavailable();
const BUDGET_MS = 5000;
let s: WebStack;

describe.skipIf(skip)('field app on a slow network', () => {
  beforeAll(async () => {
    s = await startWebStack();
  }, STACK_TIMEOUT_MS);
  afterAll(async () => s?.close());

  it('is interactive within 5 s of a first load, signed out and signed in', async () => {
    const who = await s.user('team-leader');
    const login = await (await fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) })).json();
    for (const signedIn of [false, true]) {
      const times: number[] = [];
      for (let run = 0; run < 3; run++) {
        const { context, page } = await s.page({ viewport: { width: 400, height: 800 } });
        if (signedIn) await context.addInitScript((session) => localStorage.setItem('civdef.session', JSON.stringify(session)), login);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 2000, downloadThroughput: (500 * 1000 * 0.8) / 8, uploadThroughput: (500 * 1000 * 0.8) / 8 });
        const t0 = Date.now();
        await page.goto('/field', { waitUntil: 'commit' });
        await page.getByTestId(signedIn ? 'strike' : 'login-submit').waitFor({ state: 'visible' });
        times.push(Date.now() - t0);
        await context.close();
      }
      const best = Math.min(...times);
      console.info(`field app first load on slow 3G (${signedIn ? 'signed in' : 'sign-in form'}): interactive after ${best} ms (best of ${times.join(', ')}), budget ${BUDGET_MS} ms`); // eslint-disable-line no-console
      expect(best).toBeLessThanOrEqual(BUDGET_MS);
    }
  }, BROWSER_TEST_TIMEOUT_MS);
});
