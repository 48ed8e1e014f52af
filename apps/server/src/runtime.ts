import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createRateLimiter } from './auth/rate-limit.js';
import type { Config } from './config.js';
import { openStorage, type Storage } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { AlertDelivery } from './delivery/delivery.js';
import { DEFAULT_DELIVERY } from './delivery/settings.js';
import { createLocalBus } from './events/bus.js';
import { EvidenceLog } from './evidence/evidence-log.js';
import { startEvidencePublisher, type EvidencePublisher } from './evidence/publisher.js';
import { loadOrCreateSigningKey } from './evidence/signing-key.js';
import { buildApp } from './http/app.js';
import type { ServerDeps } from './http/deps.js';
import { createLogger } from './log.js';
import { MediaFiles } from './media/media-files.js';
import { RoadService } from './roads/road-service.js';
import type { AppContext } from './services/context.js';
import { openDispatch } from './services/dispatch-runtime.js';
import { WarningService } from './warning/warning-service.js';

export interface Runtime {
  ctx: AppContext;
  deps: ServerDeps;
  /** Starts the background work of a serving process (evidence integration and checkpoints). */
  startBackground(): void;
  close(): Promise<void>;
}

/** Opens and migrates storage and wires the services. The composition root. */
export async function openRuntime(config: Config, storage?: Storage): Promise<Runtime> {
  const log = createLogger(config.logLevel);
  const store =
    storage ??
    openStorage({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onBackgroundError: (err) => log.warn({ err }, 'database connection dropped; the pool will reconnect'),
    });
  await migrateToLatest(store);
  const bus = createLocalBus((err) => log.error({ err }, 'event listener failed'));
  const ctx = { storage: store, bus, now: () => new Date(), log } as AppContext;
  // The road service writes closure expiries through the very context that holds it.
  ctx.roads = new RoadService(ctx, { dataDir: config.dataDir, demoCityNodes: config.demoCityNodes, maxSnapM: config.maxSnapM });
  const { signer } = loadOrCreateSigningKey(config.dataDir, config.evidenceOrigin);
  const checkpoints = { everySeconds: config.checkpointSeconds, everyLeaves: config.checkpointLeaves, witnessKeys: config.witnessKeys };
  ctx.evidence = new EvidenceLog(store, signer, checkpoints, ctx.now);
  ctx.media = new MediaFiles(join(config.dataDir, 'media'));
  ctx.dispatch = openDispatch(ctx, config.dispatch);
  ctx.warning = new WarningService(ctx, { replayMinutes: config.warningReplayMinutes });
  const delivery = await AlertDelivery.open(ctx, { ...DEFAULT_DELIVERY, ...config.delivery, listenUrl: `http://${config.host}:${config.port}` });
  let publisher: EvidencePublisher | undefined;
  const deps: ServerDeps = {
    ctx,
    config: {
      host: config.host,
      port: config.port,
      sessionTtlSeconds: config.sessionTtlSeconds,
      loginAttemptsPerMinute: config.loginAttemptsPerMinute,
      logLevel: config.logLevel,
    },
    loginLimiter: createRateLimiter(config.loginAttemptsPerMinute, 60_000),
    delivery,
    sightingLimiter: createRateLimiter(config.sightingsPerMinute, 60_000),
  };
  return {
    ctx,
    deps,
    startBackground() {
      publisher ??= startEvidencePublisher(ctx.evidence, bus, config.checkpointSeconds, log);
      delivery.startBackground();
      ctx.warning.start();
    },
    close: async () => {
      await delivery.close();
      await ctx.dispatch.watcher.stop();
      ctx.roads.close();
      await ctx.warning.stop();
      await publisher?.stop();
      await store.close();
    },
  };
}

/** Loads the road network, builds the app and listens; returns the app and the address it listens on. */
export async function listen(runtime: Runtime): Promise<{ app: FastifyInstance; url: string }> {
  // Before the port opens: a damaged graph file stops the start with its reason, not the first dispatch.
  await runtime.ctx.roads.ready();
  const app = await buildApp(runtime.deps);
  runtime.startBackground();
  const url = await app.listen({ host: runtime.deps.config.host, port: runtime.deps.config.port });
  return { app, url };
}
