import type { Logger } from 'pino';
import type { Storage } from '../db/connect.js';
import type { EventBus } from '../events/bus.js';
import type { EvidenceLog } from '../evidence/evidence-log.js';
import type { MediaFiles } from '../media/media-files.js';
import type { RoadService } from '../roads/road-service.js';
import type { DispatchRuntime } from './dispatch-runtime.js';
import type { WarningService } from '../warning/warning-service.js';

/** What every service needs, injected once at start. */
export interface AppContext {
  storage: Storage;
  bus: EventBus;
  /** The clock; tests pass their own. */
  now: () => Date;
  log: Logger;
  /** The road network and its closures, loaded on first use. */
  roads: RoadService;
  /** The tamper-evident log every event is a leaf of. */
  evidence: EvidenceLog;
  /** Photos, video and audio on disk, by SHA-256. */
  media: MediaFiles;
  /** The early-warning engine: sightings in, alerts out. */
  warning: WarningService;
  /** Dispatch settings, hazard sources and the follow-up worker (alerts, auto-dispatch). */
  dispatch: DispatchRuntime;
}

/** Who is acting: the user and the device the request came from. */
export interface Actor {
  userId: string;
  deviceId: string | null;
}

/** The system itself acting (seeding, expiry), for events not caused by a user. */
export const SYSTEM_ACTOR: Actor = { userId: 'system', deviceId: null };
