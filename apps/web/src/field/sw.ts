// Service worker of the field app (scope /field): keeps the page and its hashed assets so it opens with no
// network. API calls are never cached or answered here: the field app's outbox owns them. The warning page
// has a worker and cache of its own (src/alerts/sw.ts).
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
const CACHE = 'civdef-field-v1';
const SHELLS = ['/field'];
const EXTRA = ['/manifest.webmanifest', '/icon.svg'];

/** Asset URLs a page refers to (scripts, module preloads, stylesheets). */
function assetsOf(html: string): string[] {
  return [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!))];
}

async function cacheShells(): Promise<void> {
  const cache = await caches.open(CACHE);
  const assets = new Set(EXTRA);
  for (const shell of SHELLS) {
    const res = await fetch(shell, { cache: 'no-store' });
    if (!res.ok) throw new Error(`${shell} answered ${res.status}`);
    for (const a of assetsOf(await res.clone().text())) assets.add(a);
    await cache.put(shell, res);
  }
  await cache.addAll([...assets]);
}

sw.addEventListener('install', (e) => e.waitUntil(cacheShells().then(() => sw.skipWaiting())));
sw.addEventListener('activate', (e) => e.waitUntil(sw.clients.claim()));

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== sw.location.origin || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate') {
    // Network first, so a new version shows when online; the kept shell when not.
    e.respondWith(
      fetch(req)
        .then(async (res) => {
          if (res.ok && SHELLS.includes(url.pathname)) await (await caches.open(CACHE)).put(url.pathname, res.clone());
          return res;
        })
        .catch(async () => (await caches.match(url.pathname)) ?? Response.error()),
    );
    return;
  }
  // Hashed assets never change: the cache first, else the network (and keep it).
  e.respondWith(
    caches.match(req).then(
      (hit) =>
        hit ??
        fetch(req).then(async (res) => {
          if (res.ok && url.pathname.startsWith('/assets/')) await (await caches.open(CACHE)).put(req, res.clone());
          return res;
        }),
    ),
  );
});
