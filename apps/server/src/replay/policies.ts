// The names of the replay's dispatch policies, apart from their code: the CLI offers them as choices
// without loading dispatch and the services.

export const POLICIES = ['road-time', 'nearest-straight-line'] as const;
export type Policy = (typeof POLICIES)[number];
