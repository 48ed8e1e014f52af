import type { AnyRoute } from '../http/route.js';
import { missingPersonRoutes } from './missing-persons.js';
import { peopleRoutes } from './people.js';
import { reportRoutes } from './reports.js';
import { supplyRoutes } from './supplies.js';
import { supplyRequestRoutes } from './supply-requests.js';
import { vehicleRoutes } from './vehicles.js';
import { victimRoutes } from './victims.js';
import { worksiteRoutes } from './worksites.js';

/** Field operations: worksites, victims and hospitals, missing persons, supplies and supply requests, vehicles, people, the daily report. */
export const fieldworkRoutes: readonly AnyRoute[] = [
  ...worksiteRoutes,
  ...victimRoutes,
  ...missingPersonRoutes,
  ...supplyRoutes,
  ...supplyRequestRoutes,
  ...vehicleRoutes,
  ...peopleRoutes,
  ...reportRoutes,
];
