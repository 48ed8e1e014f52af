import { CivdefError } from '@civdef/core';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDataDir } from '../fs/data-dir.js';
import { generateSigningKey, parseSignerKey, type SignerKey } from '@civdef/evidence';

export const SIGNING_KEY_FILE = 'evidence-signing.key';
export const VERIFIER_KEY_FILE = 'evidence-verifier.pub';

export interface SigningKeyFiles {
  /** The C2SP note signer (from `PRIVATE+KEY+origin+id+key`): never logged, never served. */
  signer: SignerKey;
  /** The public verifier key (`origin+id+key`) investigators check checkpoints with. */
  verifierKey: string;
  /** The log's origin line, which is also the key's name. */
  origin: string;
  /** True when this call made the key. */
  created: boolean;
}

/** The log's configured origin differs from the name its key was made with. */
export class OriginMismatchError extends CivdefError {
  readonly code = 'origin-mismatch';
  constructor(readonly configured: string, readonly keyName: string) {
    super(`CIVDEF_EVIDENCE_ORIGIN is "${configured}" but the log's signing key was made for "${keyName}"; a log keeps its origin for life`);
  }
}

/**
 * Reads the evidence signing key from the data folder, making it (owner-only) on first use.
 * Precondition: dataDir is writable on first use.
 */
export function loadOrCreateSigningKey(dataDir: string, configuredOrigin: string | undefined): SigningKeyFiles {
  const keyPath = join(dataDir, SIGNING_KEY_FILE);
  let signingKey: string;
  let created = false;
  try {
    signingKey = readFileSync(keyPath, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const origin = configuredOrigin ?? `civdef.local/log-${randomBytes(6).toString('hex')}`;
    const made = generateSigningKey(origin);
    makeDataDir(dataDir);
    // 'wx': two processes starting at once must not each make a key; the loser reads the winner's.
    try {
      writeFileSync(keyPath, `${made.signingKey}\n`, { mode: 0o600, flag: 'wx' });
      writeFileSync(join(dataDir, VERIFIER_KEY_FILE), `${made.verifierKey}\n`, { mode: 0o644 });
      created = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    signingKey = readFileSync(keyPath, 'utf8').trim();
  }
  const signer = parseSignerKey(signingKey);
  if (configuredOrigin !== undefined && configuredOrigin !== signer.name) throw new OriginMismatchError(configuredOrigin, signer.name);
  return { signer, verifierKey: signer.verifierKey, origin: signer.name, created };
}
