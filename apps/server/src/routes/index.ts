import type { AnyRoute } from '../http/route.js';
import { alertStreamRoutes } from './alert-stream.js';
import { authRoutes } from './auth.js';
import { closureRoutes } from './closures.js';
import { dispatchRoutes } from './dispatch.js';
import { eventRoutes } from './events.js';
import { evidenceRoutes } from './evidence.js';
import { fieldworkRoutes } from './fieldwork.js';
import { healthRoutes } from './health.js';
import { mapRoutes } from './map.js';
import { mediaRoutes } from './media.js';
import { incidentRoutes } from './incidents.js';
import { organisationRoutes } from './organisation.js';
import { roadRoutes } from './roads.js';
import { unitRoutes } from './units.js';
import { userRoutes } from './users.js';
import { webhookRoutes } from './webhooks.js';
import { warningRoutes } from './warning.js';

/** Every API route. The OpenAPI document, the role matrix test and the fuzz test all walk this list. */
export const ROUTES: readonly AnyRoute[] = [
  ...healthRoutes,
  ...authRoutes,
  ...userRoutes,
  ...organisationRoutes,
  ...unitRoutes,
  ...incidentRoutes,
  ...dispatchRoutes,
  ...eventRoutes,
  ...roadRoutes,
  ...mapRoutes,
  ...closureRoutes,
  ...evidenceRoutes,
  ...mediaRoutes,
  ...alertStreamRoutes,
  ...webhookRoutes,
  ...warningRoutes,
  ...fieldworkRoutes,
];
