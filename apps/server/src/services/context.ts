import type { Logger } from 'pino';
import type { Storage } from '../db/connect.js';
import type { EventBus } from '../events/bus.js';
import type { RoadService } from '../roads/road-service.js';

/** What every service needs, injected once at start. */
export interface AppContext {
  storage: Storage;
  bus: EventBus;
  /** The clock; tests pass their own. */
  now: () => Date;
  log: Logger;
  /** The road network and its closures, loaded on first use. */
  roads: RoadService;
}

/** Who is acting: the user and the device the request came from. */
export interface Actor {
  userId: string;
  deviceId: string | null;
}

/** The system itself acting (seeding, expiry), for events not caused by a user. */
export const SYSTEM_ACTOR: Actor = { userId: 'system', deviceId: null };
