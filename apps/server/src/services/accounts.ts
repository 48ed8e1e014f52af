import { createHash, randomBytes } from 'node:crypto';
import { AuthenticationError, ConflictError, NotFoundError, newUlid, type Role } from '@civdef/core';
import { generatePassword, hashPassword, verifyPassword } from '../auth/password.js';
import { prepared } from '../db/prepared.js';
import type { Actor, AppContext } from './context.js';
import { retryOnUniqueViolation } from './replay.js';
import { inTransaction } from './transaction.js';

export interface User {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  disabled_at: string | null;
}

const USER_COLUMNS = ['id', 'name', 'role', 'created_at', 'disabled_at'] as const;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates an account; when no password is given, one is generated and returned (shown once, never stored). */
export async function createUser(
  ctx: AppContext,
  actor: Actor,
  input: { id?: string; name: string; role: Role; password?: string },
): Promise<{ user: User; password: string }> {
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  // Two creates of one name racing on PostgreSQL: the loser's second run finds the name taken (409, not 500).
  const user = await retryOnUniqueViolation(() => inTransaction(ctx, actor, async (tx) => {
    const taken = await tx.db.selectFrom('users').select('id').where('name', '=', input.name).executeTakeFirst();
    if (taken) throw new ConflictError(`A user named ${input.name} already exists`, { name: input.name });
    const row = { id: input.id ?? newUlid(), name: input.name, role: input.role, created_at: tx.at, disabled_at: null };
    await tx.db.insertInto('users').values({ ...row, password_hash: passwordHash }).execute();
    await tx.emit({ type: 'user.created', subjectType: 'user', subjectId: row.id, data: { name: row.name, role: row.role } });
    return row;
  }));
  return { user, password };
}

export async function listUsers(ctx: AppContext): Promise<User[]> {
  const rows = await ctx.storage.db.selectFrom('users').select(USER_COLUMNS).orderBy('name').execute();
  return rows as User[];
}

export async function countUsers(ctx: AppContext): Promise<number> {
  const { n } = await ctx.storage.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

// Verifying against this when the name is unknown keeps the timing of "no such user" and "wrong password" alike.
let decoyHash: Promise<string> | undefined;

export interface LoginResult {
  token: string;
  expires_at: string;
  user: User;
}

/** Checks a name and password and opens a session. Throws AuthenticationError with one message for both failures. */
export async function login(ctx: AppContext, name: string, password: string, ttlSeconds: number): Promise<LoginResult> {
  const row = await ctx.storage.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash));
  if (!row || !ok || row.disabled_at) throw new AuthenticationError('Wrong user name or password');
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(ctx.now().getTime() + ttlSeconds * 1000).toISOString();
  const user: User = { id: row.id, name: row.name, role: row.role as Role, created_at: row.created_at, disabled_at: null };
  await inTransaction(ctx, { userId: row.id, deviceId: null }, async (tx) => {
    const id = newUlid();
    await tx.db
      .insertInto('sessions')
      .values({ id, token_hash: hashToken(token), user_id: row.id, created_at: tx.at, expires_at: expires, revoked_at: null })
      .execute();
    await tx.emit({ type: 'session.opened', subjectType: 'user', subjectId: row.id, data: { session_id: id, expires_at: expires } });
  });
  return { token, expires_at: expires, user };
}

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
  sessionId: string;
}

/** The user behind a bearer token. Throws AuthenticationError for an unknown, revoked or expired token. */
// Every authenticated request runs it: prepared once.
const sessionByTokenHash = prepared((db, a: { tokenHash: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.expires_at', 'sessions.revoked_at', 'users.id', 'users.name', 'users.role', 'users.disabled_at'])
    .where('sessions.token_hash', '=', a.tokenHash),
);

export async function authenticate(ctx: AppContext, token: string): Promise<SessionUser> {
  const [row] = await sessionByTokenHash(ctx.storage.db, { tokenHash: hashToken(token) });
  if (!row) throw new AuthenticationError('Unknown session token; log in again');
  if (row.revoked_at) throw new AuthenticationError('This session was revoked; log in again');
  if (row.expires_at <= ctx.now().toISOString()) throw new AuthenticationError('This session has expired; log in again');
  if (row.disabled_at) throw new AuthenticationError('This account is disabled');
  return { id: row.id, name: row.name, role: row.role as Role, sessionId: row.session_id };
}

/** Revokes one session (logout). */
export async function revokeSession(ctx: AppContext, actor: Actor, sessionId: string): Promise<void> {
  await inTransaction(ctx, actor, async (tx) => {
    await tx.db.updateTable('sessions').set({ revoked_at: tx.at }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
    await tx.emit({ type: 'session.revoked', subjectType: 'session', subjectId: sessionId, data: {} });
  });
}

/** Revokes every open session of a user (a lost phone, a compromised account). Returns how many. */
export async function revokeUserSessions(ctx: AppContext, actor: Actor, userId: string): Promise<number> {
  return inTransaction(ctx, actor, async (tx) => {
    const user = await tx.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) throw new NotFoundError('user', userId);
    const res = await tx.db
      .updateTable('sessions')
      .set({ revoked_at: tx.at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const count = Number(res.numUpdatedRows);
    await tx.emit({ type: 'user.sessions-revoked', subjectType: 'user', subjectId: userId, data: { count } });
    return count;
  });
}
