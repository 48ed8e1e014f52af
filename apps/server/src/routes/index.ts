import type { AnyRoute } from '../http/route.js';
import { authRoutes } from './auth.js';
import { closureRoutes } from './closures.js';
import { eventRoutes } from './events.js';
import { healthRoutes } from './health.js';
import { incidentRoutes } from './incidents.js';
import { organisationRoutes } from './organisation.js';
import { roadRoutes } from './roads.js';
import { unitRoutes } from './units.js';
import { userRoutes } from './users.js';

/** Every API route. The OpenAPI document, the role matrix test and the fuzz test all walk this list. */
export const ROUTES: readonly AnyRoute[] = [
  ...healthRoutes,
  ...authRoutes,
  ...userRoutes,
  ...organisationRoutes,
  ...unitRoutes,
  ...incidentRoutes,
  ...eventRoutes,
  ...roadRoutes,
  ...closureRoutes,
];
