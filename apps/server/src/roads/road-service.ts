// The road network as a service of the server: loaded once (on the first use, which `listen` makes the
// start-up), with the closures in the database replayed onto it, and a timer that records each closure's
// expiry as it falls due. Commands that never route (user add, migrate) never pay for loading it. A graph
// file replaced beside it (civdef import-osm) is loaded in place, with the closures applied again.
import type { AppContext } from '../services/context.js';
import { expireDueClosures, replayClosures } from '../services/closures.js';
import type { Profile } from '@civdef/router';
import { watchGraphs, type GraphWatcher } from './graph-watcher.js';
import { loadProfileGraph, loadRoadNetwork, type RoadSettings } from './load.js';
import { graphPath } from './paths.js';
import type { RoadNetwork } from './network.js';

/** The longest the expiry timer sleeps, so a changed wall clock delays an expiry by at most this. */
const MAX_SLEEP_MS = 60_000;
/** After a failed sweep (the database away), wait this long rather than spin. */
const RETRY_MS = 5_000;

export class RoadService {
  private loading: Promise<RoadNetwork> | undefined;
  private network: RoadNetwork | undefined;
  private timer: NodeJS.Timeout | undefined;
  private watcher: GraphWatcher | undefined;
  private stopped = false;

  /** Precondition: ctx is the context that holds this service (expiries are written through it). */
  constructor(
    private readonly ctx: AppContext,
    readonly settings: RoadSettings,
  ) {}

  /** The loaded network; loads it and replays the closures on the first call. Precondition: storage is migrated. */
  ready(): Promise<RoadNetwork> {
    this.loading ??= this.load().catch((err: unknown) => {
      // A later call tries again: the cause (a damaged file, the database away) may be fixed by then.
      this.loading = undefined;
      throw err;
    });
    return this.loading;
  }

  private async load(): Promise<RoadNetwork> {
    const net = await loadRoadNetwork(this.settings, this.ctx.log);
    const replayed = await replayClosures(this.ctx, net);
    if (replayed) this.ctx.log.info({ closures: replayed }, 'closures replayed onto the road network');
    this.network = net;
    this.reschedule();
    if (!this.stopped) {
      this.watcher = watchGraphs(this.settings.dataDir, (p) => void this.reload(p), (err) => this.ctx.log.warn({ err }, 'cannot watch the road graph files'));
    }
    return net;
  }

  /** Loads a profile's graph file again after it changed; a file that fails to load leaves the current graph. */
  private async reload(profile: Profile): Promise<void> {
    const net = this.network;
    if (!net || this.stopped) return;
    try {
      const g = await loadProfileGraph(graphPath(this.settings.dataDir, profile), this.settings.maxSnapM);
      if (g.profile !== profile || (net.profiles.includes(profile) && net.use(profile, Date.now()).graphId === g.graphId)) return;
      net.replace(g);
      this.ctx.log.info({ profile, nodes: g.graph.nodeCount, edges: g.graph.edgeCount, source: g.info.source }, 'road graph replaced');
    } catch (err) {
      this.ctx.log.warn({ err, profile }, 'a changed road graph file could not be loaded; keeping the current graph');
    }
  }

  /** Sets the expiry timer for the earliest closure end; call after any closure change. Precondition: none. */
  reschedule(delayMs?: number): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped || !this.network) return;
    const next = this.network.nextExpiryMs();
    if (next === Infinity && delayMs === undefined) return;
    const wait = delayMs ?? Math.min(MAX_SLEEP_MS, Math.max(0, next - this.ctx.now().getTime()));
    this.timer = setTimeout(() => void this.sweep(), wait);
    // Never the reason a process stays up: the server's socket is.
    this.timer.unref();
  }

  private async sweep(): Promise<void> {
    const net = this.network;
    if (!net || this.stopped) return;
    try {
      const ids = await expireDueClosures(this.ctx, net);
      if (ids.length) this.ctx.log.info({ closures: ids }, 'closures expired');
      this.reschedule();
    } catch (err) {
      if (this.stopped) return;
      this.ctx.log.error({ err }, 'recording closure expiries failed; retrying');
      this.reschedule(RETRY_MS);
    }
  }

  /** Stops the expiry timer and the file watcher. Precondition: none. */
  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}
