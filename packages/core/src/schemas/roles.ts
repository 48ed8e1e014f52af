import { z } from 'zod';

export const ROLES = ['admin', 'dispatcher', 'team-leader', 'spotter', 'documenter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/** Role groups that routes name, so a change of policy is made in one place. */
export const EVERYONE: readonly Role[] = ROLES;
export const OPERATIONS: readonly Role[] = ['admin', 'dispatcher', 'team-leader'];
export const COMMAND: readonly Role[] = ['admin', 'dispatcher'];
export const ADMIN: readonly Role[] = ['admin'];
export const REPORTERS: readonly Role[] = ['admin', 'dispatcher', 'team-leader', 'spotter'];
