import { NotFoundError } from '@civdef/core';
import { addCosignature, parseNote, verifyCosignature } from '@civdef/evidence';
import type { StoredCheckpoint } from '../evidence/evidence-log.js';
import type { Actor, AppContext } from './context.js';
import { inTransaction } from './transaction.js';

/**
 * Accepts a witness's cosignature line for the checkpoint at `size`: stores it, merges it into that
 * checkpoint's note and records the event. Throws NotFoundError for an unknown size and
 * NoteVerificationError for a line no configured witness key verifies; nothing is written then.
 */
export async function acceptCosignature(ctx: AppContext, actor: Actor, size: number, line: string): Promise<StoredCheckpoint> {
  const log = ctx.evidence;
  const cp = await log.checkpointAt(size);
  if (!cp) throw new NotFoundError('checkpoint', String(size));
  const verified = verifyCosignature(parseNote(cp.note).text, line, log.witnessKeys);
  const cosignature = `${line.replace(/\n$/, '')}\n`;
  await inTransaction(ctx, actor, async (tx) => {
    // Re-read in the transaction: another cosignature may have been merged since.
    const current = await tx.db.selectFrom('evidence_checkpoints').select('note').where('size', '=', size).executeTakeFirstOrThrow();
    const note = addCosignature(current.note, cosignature, log.witnessKeys);
    await tx.db.updateTable('evidence_checkpoints').set({ note }).where('size', '=', size).execute();
    await tx.db.deleteFrom('evidence_cosignatures').where('checkpoint_size', '=', size).where('witness', '=', verified.name).execute();
    await tx.db.insertInto('evidence_cosignatures').values({ checkpoint_size: size, witness: verified.name, line: cosignature, received_at: tx.at }).execute();
    await tx.emit({ type: 'evidence.cosigned', subjectType: 'checkpoint', subjectId: String(size), data: { witness: verified.name, timestamp: verified.timestamp ?? null } });
  });
  return (await log.checkpointAt(size))!;
}
