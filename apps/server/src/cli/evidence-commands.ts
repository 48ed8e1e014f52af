// The evidence commands: export an incident's investigator bundle from the log, and verify a bundle
// offline. verify opens no database and no connection: it reads the bundle and the keys it is given.
import { hostname, userInfo } from 'node:os';
import { readFile } from 'node:fs/promises';
import { CivdefError, isUlid, ValidationError } from '@civdef/core';
import type { BundleReport, VerifierKey } from '@civdef/evidence';
import type { Command } from 'commander';
import { configFrom, withStorageOptions } from './options.js';
import { progressOn, type Progress } from './progress.js';
import { serverModules } from './server-modules.js';

type Out = (line: string) => void;

/** Media at least this large get a progress line on stderr while they are read. */
const LARGE_MEDIA = 8 * 1024 * 1024;

class KeyFileError extends CivdefError {
  readonly code = 'key-file';
}

async function parseKey(text: string, where: string): Promise<VerifierKey> {
  // A bad key is a usage error: load only the evidence package to read it, not the whole server.
  const { parseVerifierKey } = await import('@civdef/evidence');
  try {
    return parseVerifierKey(text.trim());
  } catch (err) {
    throw new ValidationError([{ path: where, message: `not a verifier key (name+id+key): ${(err as Error).message}` }], 'argument');
  }
}

/** Keys from --key or --key-file (one per line; blank lines and # comments skipped), or none. */
async function keysFrom(opts: { key?: string; keyFile?: string }): Promise<VerifierKey[] | undefined> {
  if (opts.key !== undefined && opts.keyFile !== undefined) {
    throw new ValidationError([{ path: '--key', message: 'give --key or --key-file, not both' }], 'argument');
  }
  if (opts.key !== undefined) return [await parseKey(opts.key, '--key')];
  if (opts.keyFile === undefined) return undefined;
  const text = await readFile(opts.keyFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new KeyFileError(`cannot read ${opts.keyFile} (${err.code ?? err.message})`);
  });
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) throw new ValidationError([{ path: '--key-file', message: `${opts.keyFile} holds no key` }], 'argument');
  const keys: VerifierKey[] = [];
  for (const [i, l] of lines.entries()) keys.push(await parseKey(l, `--key-file line ${i + 1}`));
  return keys;
}

/** The report as lines for a person: the checkpoint, one line per item, bundle problems, a summary. */
export function reportLines(report: BundleReport, ownKey: boolean): string[] {
  const lines: string[] = [];
  const cp = report.checkpoint;
  const bundleProblems = report.problems;
  if (cp && !bundleProblems.some((p) => p.code === 'checkpoint' || p.code === 'log-key')) {
    const signers = cp.signedBy.map((s, i) => (i === 0 ? `${s.name} (${ownKey ? "the bundle's own key" : 'the key you gave'})` : `witness ${s.name} (${s.trusted ? 'a key you gave' : 'a key listed only in the bundle'})`));
    lines.push(`ok      checkpoint.txt: ${cp.size} entries, root ${cp.root}, signed by ${signers.join(', ')}`);
  }
  for (const p of bundleProblems) lines.push(`FAILED  ${p.path ?? 'bundle'}: ${p.message}`);
  for (const item of report.items) {
    const what = `${item.path} (${item.kind}, log entry ${item.leafIndex})`;
    if (item.ok) lines.push(`ok      ${what}`);
    else for (const p of item.problems) lines.push(`FAILED  ${what}: ${p.message}`);
  }
  const failed = report.items.filter((i) => !i.ok).length;
  if (report.ok) {
    lines.push(`VERIFIED: all ${report.items.length} items are unaltered and in the log at checkpoint size ${cp?.size}${ownKey ? " (checked against the bundle's own key: see the warning)" : ''}`);
  } else {
    lines.push(`NOT VERIFIED: ${failed} of ${report.items.length} items failed, ${bundleProblems.length} problem(s) with the bundle as a whole`);
  }
  return lines;
}

function ownKeyWarning(key: string | undefined): string {
  return [
    '',
    '  WARNING: no --key given. This check trusts the log key that came inside the bundle (log-key.txt):',
    `    ${key ?? '(log-key.txt is missing or unreadable)'}`,
    '  A bundle that carries its own key proves only that it is self-consistent, not who made it.',
    '  Compare that key with the one the service published (its website, a court filing, a witness),',
    '  or run again with --key <published key>.',
    '',
    '',
  ].join('\n');
}

/** Adds `evidence export` and `evidence verify`. Precondition: program has exitOverride set. */
export function addEvidenceCommands(program: Command, out: Out): void {
  const evidence = program.command('evidence').description('Investigator bundles: export an incident from the evidence log, verify a bundle offline');

  withStorageOptions(
    evidence
      .command('export')
      .description("Write an incident's records and media, their proofs and the signed checkpoint as a bundle (a folder, or one .tar)")
      .argument('<out>', 'the folder to create, or a file ending in .tar')
      .requiredOption('--incident <id>', 'the incident id')
      .option('--by <name>', 'who is exporting, for the chain of custody (default: user@host)'),
  ).action(async (target: string, opts: { incident: string; by?: string; dataDir?: string }) => {
    if (!isUlid(opts.incident)) throw new ValidationError([{ path: '--incident', message: 'must be an incident id (a ULID)' }], 'argument');
    const { assertWritableTarget, openRuntime, exportIncident, writeBundle } = await serverModules();
    await assertWritableTarget(target);
    const runtime = await openRuntime(configFrom(opts, { logLevel: 'error' }));
    const bars = new Map<string, Progress>();
    try {
      const result = await exportIncident(runtime.ctx, opts.incident, {
        exportedBy: opts.by ?? `${userInfo().username}@${hostname()}`,
        onMediaProgress(path, done, total) {
          if (total < LARGE_MEDIA) return;
          if (!bars.has(path)) bars.set(path, progressOn(process.stderr, `read ${path}`));
          bars.get(path)!.update(done, total);
          if (done === total) bars.get(path)!.end(true);
        },
      });
      await writeBundle(result.files, target, runtime.ctx.now());
      out(`Wrote ${target}: ${result.records} records and ${result.media} media files, each with its proof to the checkpoint of ${result.treeSize} entries of ${result.origin}.`);
      if (result.unlogged) out(`${result.unlogged} older events were recorded before the evidence log began: named in README.txt, not included.`);
      out(`Verify it with: civdef evidence verify ${target} --key ${runtime.ctx.evidence.verifierKey}`);
    } finally {
      for (const bar of bars.values()) bar.end(false);
      await runtime.close();
    }
  });

  evidence
    .command('verify')
    .description('Check a bundle offline (no database, no network): every file, proof and signature')
    .argument('<bundle>', 'the bundle folder or .tar file')
    .option('--key <vkey>', "the log's published verifier key (name+id+key)")
    .option('--key-file <file>', 'a file of verifier keys, one per line: the log key, and any witness keys to trust')
    .addHelpText('after', '\nExit status: 0 when everything verifies, 1 when anything fails, 2 for bad usage.')
    .action(async (path: string, opts: { key?: string; keyFile?: string }) => {
      const given = await keysFrom(opts);
      const { readBundle, FormatError, LOG_KEY_PATH, parseVerifierKey, fromUtf8, verifyBundle, nodeSha256 } = await serverModules();
      let files: Map<string, Uint8Array>;
      try {
        files = await readBundle(path);
      } catch (err) {
        if (!(err instanceof FormatError)) throw err;
        out(`FAILED  ${path}: ${err.message}`);
        out('NOT VERIFIED: the bundle could not be read');
        process.exitCode = 1;
        return;
      }
      let keys = given;
      if (!keys) {
        const bundled = files.get(LOG_KEY_PATH);
        let text: string | undefined;
        try {
          text = bundled && parseVerifierKey(fromUtf8(bundled).trim()).text;
        } catch {
          text = undefined;
        }
        process.stderr.write(ownKeyWarning(text));
        keys = text ? [parseVerifierKey(text)] : [];
      }
      const report = verifyBundle(files, keys, { sha256: nodeSha256 });
      for (const line of reportLines(report, !given)) out(line);
      if (!report.ok) process.exitCode = 1;
    });
}
