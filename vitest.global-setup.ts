// Brings the TypeScript build (dist/) up to date once before any test: the CLI tests run the built civdef
// command, as a user does, and a stale build would test yesterday's code. tsc -b is incremental, so an
// up-to-date tree costs a second or two.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const root = fileURLToPath(new URL('.', import.meta.url));
  try {
    execFileSync(process.execPath, [tsc, '-b'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`the build (tsc -b) failed, so the CLI tests cannot run the built command:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
