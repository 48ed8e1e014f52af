// Errors of the evidence core. Each carries the fields a caller needs to say exactly what failed; they
// extend CivdefError so the server maps them to a 4xx problem and the CLI to an exit code.
import { CivdefError } from '@civdef/core';
import { toHex } from './bytes.js';

/** Base of every error thrown by @civdef/evidence. */
export abstract class EvidenceError extends CivdefError {}

/** A proof or its arguments have the wrong shape: a size, an index, a length or a hash width. */
export class ProofShapeError extends EvidenceError {
  readonly code = 'evidence-proof-shape';
  constructor(
    message: string,
    readonly details: Record<string, number | string> = {},
  ) {
    super(message);
  }
}

/** A proof is well formed but does not lead to the root it was checked against. */
export class RootMismatchError extends EvidenceError {
  readonly code = 'evidence-root-mismatch';
  constructor(
    /** Which root failed: 'root' for inclusion, 'first' or 'second' for consistency. */
    readonly which: 'root' | 'first' | 'second',
    readonly expected: Uint8Array,
    readonly computed: Uint8Array,
  ) {
    super(`The proof leads to ${which === 'root' ? 'root' : `the ${which} root`} ${toHex(computed)}, not ${toHex(expected)}`);
  }
}

/** A value that RFC 8785 canonical JSON cannot represent. */
export class CanonicalJsonError extends EvidenceError {
  readonly code = 'evidence-canonical-json';
  constructor(
    /** JSON-pointer-like path of the offending value, '' for the top. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Cannot canonicalise ${path === '' ? 'the value' : `value at ${path}`}: ${reason}`);
  }
}

/** Text that is not a well-formed note, checkpoint, key or cosignature. */
export class FormatError extends EvidenceError {
  readonly code = 'evidence-format';
  constructor(
    /** What was being parsed: 'note', 'checkpoint', 'signing key', 'verifier key', 'tile path', 'tar', ... */
    readonly what: string,
    readonly reason: string,
  ) {
    super(`Malformed ${what}: ${reason}`);
  }
}

/** A note that no trusted key verifies, or that carries a bad signature from a trusted key. */
export class NoteVerificationError extends EvidenceError {
  readonly code = 'evidence-note-verification';
  constructor(
    readonly reason: 'no-trusted-signature' | 'bad-signature',
    /** Key names involved: the bad signer, or the trusted names that were looked for. */
    readonly keyNames: readonly string[],
  ) {
    super(
      reason === 'bad-signature'
        ? `The signature by ${keyNames.join(', ')} does not verify: the note was altered or signed with another key`
        : `No signature from a trusted key (${keyNames.join(', ') || 'none configured'})`,
    );
  }
}
