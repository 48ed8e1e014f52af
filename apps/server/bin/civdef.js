#!/usr/bin/env node
// The civdef command. It runs the compiled server; `npm ci` builds it (root `prepare`), `npm run build` rebuilds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('civdef: not built yet; run `npm run build` in the project folder first\n');
  process.exit(1);
}
await import(main);
