// Service worker of the public warning page alone (/alerts-sw.js, scope /alerts): keeps the page, its hashed
// assets, its manifest and icon in a cache of its own, so the page opens with no network. The field app has
// its own worker, scope and cache (src/field/sw.ts); the operations room has none. API calls are never
// cached or answered here: the page keeps its zone list on the phone and reconnects to the stream by itself.
// Typed locally because the project's DOM lib has no service worker types. The two workers repeat their shell
// keeping on purpose: a module both imported would become a shared chunk loaded by `import`, which a classic
// service worker cannot do, and module workers are missing on the older phones this app is for.

interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(r: Promise<Response> | Response): void;
}
interface SwScope {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

const sw = self as unknown as SwScope;
// A new name per shape of what is kept; older caches of this worker are deleted on activation.
const CACHE = 'civdef-alerts-v1';
const OURS = /^civdef-alerts-/;
const SHELL = '/alerts';
const EXTRA = ['/alerts.webmanifest', '/icon.svg'];

/** Asset URLs a page refers to (scripts, module preloads, stylesheets). */
function assetsOf(html: string): string[] {
  return [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!))];
}

/** Keeps `page` (the shell, as just fetched) with the assets it names; assets of older builds are dropped. */
async function keepShell(page: Response): Promise<void> {
  const cache = await caches.open(CACHE);
  const assets = assetsOf(await page.clone().text());
  for (const url of [...EXTRA, ...assets]) if (!(await cache.match(url))) await cache.add(url);
  for (const req of await cache.keys()) {
    const path = new URL(req.url).pathname;
    if (path.startsWith('/assets/') && !assets.includes(path)) await cache.delete(req);
  }
  await cache.put(SHELL, page);
}

async function cacheShell(): Promise<void> {
  const res = await fetch(SHELL, { cache: 'no-store' });
  if (!res.ok) throw new Error(`${SHELL} answered ${res.status}`);
  await keepShell(res);
}

async function dropOldCaches(): Promise<void> {
  for (const name of await caches.keys()) if (OURS.test(name) && name !== CACHE) await caches.delete(name);
}

/** The kept copy of a request, looked up in this worker's cache only (never the field app's). */
async function kept(req: Request | string): Promise<Response | undefined> {
  return (await caches.open(CACHE)).match(req);
}

sw.addEventListener('install', (e) => e.waitUntil(cacheShell().then(() => sw.skipWaiting())));
sw.addEventListener('activate', (e) => e.waitUntil(dropOldCaches().then(() => sw.clients.claim())));

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== sw.location.origin || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate') {
    // Network first, so a new version shows when online (and its assets are kept); the kept page when not.
    e.respondWith(
      fetch(req)
        .then(async (res) => {
          // Kept in the background: a failure to keep must not fail the page.
          if (res.ok && url.pathname === SHELL) e.waitUntil(keepShell(res.clone()).catch(() => undefined));
          return res;
        })
        .catch(async () => (await kept(SHELL)) ?? Response.error()),
    );
    return;
  }
  // Hashed assets never change: the cache first, else the network (and keep it).
  e.respondWith(
    kept(req).then(
      (hit) =>
        hit ??
        fetch(req).then(async (res) => {
          if (res.ok && url.pathname.startsWith('/assets/')) await (await caches.open(CACHE)).put(req, res.clone());
          return res;
        }),
    ),
  );
});
