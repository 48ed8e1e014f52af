import { ADMIN, RoleSchema, Ulid } from '@civdef/core';
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { createUser, listUsers, revokeUserSessions } from '../services/accounts.js';

const User = z.object({ id: z.string(), name: z.string(), role: RoleSchema, created_at: z.string(), disabled_at: z.string().nullable() }).meta({ id: 'User' });
const UserCreate = z.strictObject({
  name: z.string().trim().regex(/^[\p{L}\p{N}._-]{2,60}$/u, 'must be 2-60 letters, digits, or . _ -'),
  role: RoleSchema,
  password: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
});

export const userRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/users',
    tag: 'accounts',
    summary: 'List accounts',
    roles: ADMIN,
    response: z.object({ items: z.array(User) }),
    async handler(_req, { ctx }) {
      return { body: { items: await listUsers(ctx) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/users',
    tag: 'accounts',
    summary: 'Create an account',
    description: 'Without a password, one is generated and returned once in `password`; it is never shown again.',
    roles: ADMIN,
    body: UserCreate,
    status: 201,
    secretInResponse: true,
    response: z.object({ user: User, password: z.string().optional() }),
    async handler({ body, actor }, { ctx }) {
      const { user, password } = await createUser(ctx, actor, body);
      return { body: { user, ...(body.password ? {} : { password }) } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/users/:id/revoke-sessions',
    tag: 'accounts',
    summary: "Revoke every open session of an account (a lost phone)",
    roles: ADMIN,
    params: z.strictObject({ id: Ulid }),
    response: z.object({ revoked: z.number().int() }),
    async handler({ params, actor }, { ctx }) {
      return { body: { revoked: await revokeUserSessions(ctx, actor, params.id) } };
    },
  }),
];
