import type { Role } from './roles.js';

/** Who reads field records (worksites, victims without personal data, supplies, reports): everyone but spotters. */
export const FIELD_READERS: readonly Role[] = ['admin', 'dispatcher', 'team-leader', 'documenter', 'viewer'];
/**
 * Who sees a person's identity, photo and family contact (victims, missing persons): those who hand a victim
 * to a hospital or tell a family. The event log never holds these fields.
 */
export const PERSONAL_DATA_READERS: readonly Role[] = ['admin', 'dispatcher', 'team-leader'];
