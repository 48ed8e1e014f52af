// `civdef --help` and usage errors must start without the server, the router, the warning engine and the
// evidence log: loading them takes seconds on a small machine. A wall-clock bound would be flaky on a loaded
// machine, so this checks which modules the built command loads: a module resolve hook, registered by
// --import, writes every URL it resolves to stderr.
import { spawn } from 'node:child_process';
import { describe, test } from 'vitest';
import { CIVDEF_MAIN } from '../test-support/cli-run.js';

const MARK = 'civdef-startup-test resolved ';
const HOOK = `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  writeSync(2, ${JSON.stringify(MARK)} + r.url + '\\n');
  return r;
}`;
const dataUrl = (js: string) => `data:text/javascript,${encodeURIComponent(js)}`;
const REGISTER = dataUrl(`import { register } from 'node:module'; register(${JSON.stringify(dataUrl(HOOK))});`);

/** What must not load: the server's runtime and actions, the three heavy packages, the HTTP and database stack. */
const HEAVY = [
  /\/apps\/server\/dist\/runtime\.js$/,
  /\/apps\/server\/dist\/cli\/server-exports\.js$/,
  /\/(packages|@civdef)\/(router|warning|evidence)\//,
  /\/node_modules\/(fastify|kysely|better-sqlite3|pg|pino|mqtt)\//,
];

/** Runs civdef with the hook; its exit code and the URLs of every module it loaded. */
function loadedBy(args: string[]): Promise<{ code: number | null; urls: string[] }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('CIVDEF_') && k !== 'DATABASE_URL') env[k] = v;
  const child = spawn(process.execPath, ['--import', REGISTER, CIVDEF_MAIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const urls = stderr.split('\n').filter((l) => l.startsWith(MARK)).map((l) => l.slice(MARK.length));
      resolve({ code, urls });
    });
  });
}

describe.concurrent('civdef starts without the server for help and usage errors', () => {
  test.for([
    [['--help'], 0],
    [['route', '--help'], 0],
    [['evidence', 'verify', '--help'], 0],
    [['replay', '--help'], 0],
    [['route', '--from', 'x', '--to', '1,2'], 2],
    [['route', '--from', '1,2'], 2],
    [['report', 'daily', '--date', 'yesterday'], 2],
    [['forecast', '--zones', 'z.geojson'], 2],
    [['no-such-command'], 2],
  ] as Array<[string[], number]>)('%j loads no heavy module', async ([args, code], { expect }) => {
    const r = await loadedBy(args);
    expect(r.code).toBe(code);
    // The hook saw the command itself, so an empty list cannot pass for a light start.
    expect(r.urls.some((u) => u.endsWith('/apps/server/dist/cli/main.js'))).toBe(true);
    expect(r.urls.some((u) => u.includes('/node_modules/commander/'))).toBe(true);
    expect(r.urls.filter((u) => HEAVY.some((h) => h.test(u)))).toEqual([]);
  });

  test('an action loads them, and the check sees it', async ({ expect }) => {
    // Verifying a bundle that is not there touches no database, but its action loads the server's modules.
    const r = await loadedBy(['evidence', 'verify', '/nonexistent/civdef-bundle']);
    expect(r.urls.filter((u) => HEAVY.some((h) => h.test(u))).length).toBeGreaterThan(0);
  });
});
