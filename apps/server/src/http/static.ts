// Serves the built web app (apps/web/dist) at the same origin as the API: the operations room at /, the
// field app at /field, the public warning page at /alerts, their hashed assets under /assets/. Only these
// paths are served, so an unknown API path still gets its 404 problem.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const PAGES: Record<string, string> = { '/': 'index.html', '/field': 'field.html', '/alerts': 'alerts.html' };
// Fixed names at the root: a service worker's URL is what browsers install, the manifests are linked.
const ROOT_FILES = ['sw.js', 'alerts-sw.js', 'manifest.webmanifest', 'alerts.webmanifest', 'icon.svg'];
const ASSET_NAME = /^[\w.-]{1,200}$/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

// Our pages load nothing from elsewhere (no tile server, no CDN): say so, and the browser enforces it.
const PAGE_CSP =
  "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; style-src 'self'; script-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// Text is sent gzipped to browsers that take it: on a slow 3G phone, bytes are seconds. Each file is
// compressed once per version (path, size, mtime) and kept; the whole app is a few hundred KB.
const COMPRESSIBLE = /^(text\/|application\/(manifest\+)?json|image\/svg)/;
const gzipped = new Map<string, { key: string; body: Buffer }>();

async function gzipOf(path: string, key: string): Promise<Buffer> {
  const hit = gzipped.get(path);
  if (hit?.key === key) return hit.body;
  const body = gzipSync(await readFile(path), { level: 9 });
  gzipped.set(path, { key, body });
  return body;
}

/** The folder of the built web app: CIVDEF_WEB_DIR, else apps/web/dist beside this server. Precondition: none. */
export function webDistDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CIVDEF_WEB_DIR || fileURLToPath(new URL('../../../web/dist/', import.meta.url));
}

async function sendFile(reply: FastifyReply, path: string, cache: string, notBuilt: boolean, acceptsGzip = false): Promise<FastifyReply> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) {
    const status = notBuilt ? 503 : 404;
    const detail = notBuilt ? 'The web app is not built: run npm run build' : 'No such file';
    return reply.code(status).type('application/problem+json').send({ type: notBuilt ? 'urn:civdef:problem:web-not-built' : 'urn:civdef:problem:no-route', title: notBuilt ? 'Web app not built' : 'Not found', status, detail });
  }
  const type = TYPES[extname(path)] ?? 'application/octet-stream';
  void reply.header('content-type', type).header('cache-control', cache).header('x-content-type-options', 'nosniff');
  if (type.startsWith('text/html')) void reply.header('content-security-policy', PAGE_CSP).header('referrer-policy', 'no-referrer');
  if (COMPRESSIBLE.test(type)) {
    void reply.header('vary', 'accept-encoding');
    if (acceptsGzip) {
      const body = await gzipOf(path, `${info.size} ${info.mtimeMs}`);
      return reply.header('content-encoding', 'gzip').header('content-length', body.length).send(body);
    }
  }
  return reply.header('content-length', info.size).send(createReadStream(path));
}

/** Adds the web app's routes to app. Precondition: called before the app is ready. */
export function registerStatic(app: FastifyInstance, dir: string = webDistDir()): void {
  const gzip = (req: FastifyRequest) => /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  for (const [url, file] of Object.entries(PAGES)) {
    // Pages are revalidated every time, so a new build shows at once; assets are immutable by their hash.
    app.get(url, (req, reply) => sendFile(reply, join(dir, file), 'no-cache', true, gzip(req)));
  }
  for (const file of ROOT_FILES) app.get(`/${file}`, (req, reply) => sendFile(reply, join(dir, file), 'no-cache', true, gzip(req)));
  app.get<{ Params: { '*': string } }>('/assets/*', (req, reply) => {
    const name = req.params['*'];
    if (!ASSET_NAME.test(name) || name.startsWith('.')) return sendFile(reply, '', 'no-store', false);
    return sendFile(reply, join(dir, 'assets', name), 'public, max-age=31536000, immutable', false, gzip(req));
  });
}
