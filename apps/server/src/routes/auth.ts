import { EVERYONE, RoleSchema } from '@civdef/core';
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { login, revokeSession } from '../services/accounts.js';

const Login = z.strictObject({ name: z.string().min(1).max(120), password: z.string().min(1).max(1024) });
const Me = z.object({ id: z.string(), name: z.string(), role: RoleSchema });
const Session = z.object({ token: z.string(), token_type: z.literal('Bearer'), expires_at: z.string(), user: Me });

export const authRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/login',
    tag: 'accounts',
    summary: 'Log in; returns a bearer token that expires',
    description: 'Rate-limited per name and address. The token is shown once; only its hash is stored.',
    roles: 'public',
    body: Login,
    response: Session,
    async handler({ body, request }, { ctx, config, loginLimiter }) {
      const key = `${request.ip}|${body.name}`;
      loginLimiter.hit(key, ctx.now().getTime());
      const s = await login(ctx, body.name, body.password, config.sessionTtlSeconds);
      loginLimiter.reset(key);
      return { body: { token: s.token, token_type: 'Bearer' as const, expires_at: s.expires_at, user: { id: s.user.id, name: s.user.name, role: s.user.role } } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/logout',
    tag: 'accounts',
    summary: 'Revoke the session of the token used',
    roles: EVERYONE,
    response: z.object({ revoked: z.literal(true) }),
    async handler({ user, actor }, { ctx }) {
      await revokeSession(ctx, actor, user!.sessionId);
      return { body: { revoked: true as const } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/auth/me',
    tag: 'accounts',
    summary: 'Who the token belongs to',
    roles: EVERYONE,
    response: Me,
    async handler({ user }) {
      return { body: { id: user!.id, name: user!.name, role: user!.role } };
    },
  }),
];
