import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Three pages from one build, served by the API server at the same origin (apps/server/src/http/static.ts).
// Each service worker is its own entry with a fixed name (its URL is what the browser installs): sw.js for
// the field app, alerts-sw.js for the warning page, each with its own scope and cache.
export default defineConfig({
  root: here('.'),
  base: '/',
  resolve: { alias: { '@civdef/core': here('../../packages/core/src/index.ts') } },
  build: {
    outDir: process.env.CIVDEF_WEB_OUT_DIR || here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        ops: here('index.html'),
        field: here('field.html'),
        alerts: here('alerts.html'),
        sw: here('src/field/sw.ts'),
        'alerts-sw': here('src/alerts/sw.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' || chunk.name === 'alerts-sw' ? `${chunk.name}.js` : 'assets/[name]-[hash].js'),
      },
    },
  },
});
