// Browser tests' set-up: the web app built from source into a temp folder, the real server (real database,
// demo organisation on the demo city) listening on a free loopback port, and Debian's Chromium driven by
// playwright-core. Chromium missing: the test is skipped with the reason, or fails when CI=true.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '@civdef/core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { build } from 'vite';
import { seedDemo } from '../../../server/src/seed/demo.js';
import { createUser } from '../../../server/src/services/accounts.js';
import { SYSTEM_ACTOR } from '../../../server/src/services/context.js';
import { startTestApp, type TestApp } from '../../../server/src/test-support/harness.js';

/** A build, a server and a browser start slowly on a loaded 2-core machine; a browser test walks many steps. */
export const STACK_TIMEOUT_MS = 180_000;
export const BROWSER_TEST_TIMEOUT_MS = 240_000;

export const CHROMIUM = process.env.CIVDEF_CHROMIUM || '/usr/bin/chromium';
const WEB_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS = join(WEB_ROOT, 'e2e-artifacts');

/** Why browser tests cannot run here, or null. Throws under CI=true, where skipping would hide a missing install. */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const reason = `no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run does it)`;
  if (process.env.CI === 'true') throw new Error(reason);
  console.warn(`skipping browser tests: ${reason}`); // eslint-disable-line no-console
  return reason;
}

/** Builds apps/web into a fresh folder. Precondition: none. */
export async function buildWeb(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'civdef-web-dist-'));
  await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export interface WebStack {
  t: TestApp;
  url: string;
  browser: Browser;
  dist: string;
  /** A new user of role with a known password. */
  user(role: Role): Promise<{ name: string; password: string }>;
  /** A fresh browser context (own storage) with a page; closed with the stack. */
  page(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

let userCount = 0;

/** Builds the web app, starts the server (demo organisation seeded) and Chromium. Precondition: browserUnavailable() is null. */
export async function startWebStack(): Promise<WebStack> {
  const dist = await buildWeb();
  process.env.CIVDEF_WEB_DIR = dist;
  const t = await startTestApp();
  await seedDemo(t.runtime.ctx, SYSTEM_ACTOR);
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  // launch() gives every run a fresh, empty profile of its own (Playwright refuses --user-data-dir here).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    t,
    url: address,
    browser,
    dist,
    async user(role) {
      const name = `${role}-web-${++userCount}`;
      const password = 'correct horse battery staple';
      await createUser(t.runtime.ctx, SYSTEM_ACTOR, { name, role, password });
      return { name, password };
    },
    async page(options = {}) {
      const context = await browser.newContext({ baseURL: address, ...options });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (err) => console.error(`page error: ${err.message}`)); // eslint-disable-line no-console
      return { context, page };
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await t.close();
      delete process.env.CIVDEF_WEB_DIR;
      rmSync(dist, { recursive: true, force: true });
    },
  };
}

/** Signs in through the page's form. Precondition: the page shows the sign-in form. */
export async function signIn(page: Page, who: { name: string; password: string }): Promise<void> {
  await page.getByTestId('login-name').fill(who.name);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
}
