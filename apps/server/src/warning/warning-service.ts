// The early-warning engine inside the server: one WarningEngine in memory, fed every new sighting in the
// request that stores it, every aerial incident as it is reported, and a tick on a timer. Its decisions become
// alert rows and alert.* events in the same transaction as their cause. Engine calls are serialised, so the
// events of one alert commit in the order the engine made them.
//
// The engine is rebuilt (zones and prior loaded, the sightings received in the last `replayMinutes` replayed,
// the stored alerts reconciled with it) on the first use, whenever zones or history are imported, and after
// any write that failed once the engine had taken its input: the database is the truth, the engine follows it.
import type { DomainEvent, Sighting, SightingCreate, ZoneCollection } from '@civdef/core';
import { buildPrior, WarningEngine, type AlertDecision, type ZoneSet } from '@civdef/warning';
import { SYSTEM_ACTOR, type Actor, type AppContext } from '../services/context.js';
import type { Created } from '../services/organisation.js';
import { inTransaction, type Tx } from '../services/transaction.js';
import { advisoryData } from './advisory-data.js';
import type { Decision } from './alert-data.js';
import { recordDecisions, type RecordOptions } from './alert-recorder.js';
import { isFresh, reconcile, replaySightings, type StoredAlert } from './engine-replay.js';
import { importsVersion } from './imports.js';
import { storeSighting } from './sightings.js';
import { isAerial, loadStrikes } from './strikes.js';
import { zoneCollection, type ZoneSource } from './zone-geojson.js';
import { loadZones } from './zone-source.js';
import { liveTracksGeoJson, type LiveTracks } from './live-tracks.js';

export interface WarningSettings {
  /** How many minutes of stored sightings a rebuild replays. */
  replayMinutes: number;
  /** How often the timer ticks the engine; default 15 s. */
  tickMs?: number;
}

interface Loaded {
  engine: WarningEngine;
  set: ZoneSet;
  source: ZoneSource;
  /** The newest import when it was built. */
  version: string;
}

const DEFAULT_TICK_MS = 15_000;

const decisionsOf = (ds: AlertDecision[]): Decision[] => ds.map(({ alertId: _engineId, ...d }) => d);

export class WarningService {
  private loaded: Loaded | undefined;
  /** True while the engine may hold input the database does not: it is rebuilt before its next use. */
  private dirty = false;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;
  readonly tickMs: number;

  /** Precondition: ctx holds storage, bus, roads and evidence. */
  constructor(
    private readonly ctx: AppContext,
    readonly settings: WarningSettings,
  ) {
    this.tickMs = settings.tickMs ?? DEFAULT_TICK_MS;
    // Only once loaded: a loading engine reads the incidents from the database itself.
    this.unsubscribe = ctx.bus.subscribe((e) => {
      if (e.type !== 'incident.reported' || !this.loaded) return;
      this.serial(() => this.strike(e)).catch((err: unknown) => ctx.log.error({ err, incident: e.subject_id }, 'feeding an incident to the warning engine failed'));
    });
  }

  /** Runs engine work one at a time, in call order; a failure does not stop the work after it. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Loads the engine (the first time) or rebuilds it if stale. Precondition: storage is migrated. */
  ready(): Promise<void> {
    return this.serial(async () => {
      await this.ensure();
    });
  }

  /** The zones in use as GeoJSON. Precondition: as ready. */
  async zones(): Promise<ZoneCollection> {
    const l = await this.serial(() => this.ensure());
    return zoneCollection(l.set, l.source);
  }

  /** The live tracks, their last trailMinutes of path and their forecast cones now, as GeoJSON; decides nothing. Precondition: as ready. */
  async liveTracks(trailMinutes?: number): Promise<LiveTracks> {
    const l = await this.serial(() => this.ensure());
    const now = this.ctx.now().getTime();
    return liveTracksGeoJson(l.engine.liveForecasts(now), l.set.projection, now, trailMinutes);
  }

  /**
   * Stores a valid sighting (a replay of one stored returns it) and feeds a new one to the engine; its alert
   * decisions are written in the same transaction. A sighting received more than STALE_SIGHTING_MS after it
   * was made is stored as evidence but cannot move a live track. Precondition: s passed the sighting schema.
   */
  report(actor: Actor, s: SightingCreate): Promise<Created<Sighting>> {
    return this.serial(async () => {
      const l = await this.ensure();
      const receivedAt = this.ctx.now().getTime();
      const result = await this.write(actor, async (tx) => {
        const stored = await storeSighting(tx, actor, s, new Date(receivedAt).toISOString());
        if (!stored.created || !isFresh(Date.parse(s.time), receivedAt)) return stored;
        this.dirty = true;
        await recordDecisions(tx, decisionsOf(l.engine.sighting(s, receivedAt).decisions), this.recordOptions(l.set));
        return stored;
      });
      return { record: result.record, created: result.created };
    });
  }

  /**
   * Moves the engine's time on: silent tracks end and their alerts are cancelled, live forecasts refresh. Rebuilds
   * first when zones or history were imported since. Precondition: nowMs is not before earlier calls' times.
   */
  tick(nowMs?: number): Promise<void> {
    return this.serial(async () => {
      let l = await this.ensure();
      if ((await importsVersion(this.ctx)) !== l.version) {
        await this.rebuild();
        l = this.loaded!;
      }
      this.dirty = true;
      const decisions = decisionsOf(l.engine.tick(nowMs ?? this.ctx.now().getTime()).decisions);
      if (decisions.length) await this.write(SYSTEM_ACTOR, (tx) => recordDecisions(tx, decisions, this.recordOptions(l.set)));
      this.dirty = false;
    });
  }

  /** Starts the tick timer (a serving process only). Precondition: none. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.ctx.log.error({ err }, 'warning engine tick failed; will retry'));
    }, this.tickMs);
    this.timer.unref();
    this.ready().catch((err: unknown) => this.ctx.log.error({ err }, 'the warning engine could not load; the next tick retries'));
  }

  /** Resolves once the engine work queued so far (a reported incident's advisory) is done. Precondition: none. */
  async idle(): Promise<void> {
    await this.queue;
  }

  /** Stops the timer and the incident feed, and waits for work in hand. Precondition: none. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe();
    await this.queue;
  }

  /** An aerial incident just reported: a double-tap advisory if an aircraft is near, and the prior learns it. */
  private async strike(e: DomainEvent): Promise<void> {
    const incident = e.data as { kind: string; lat: number; lon: number; occurred_at: string };
    const now = this.ctx.now().getTime();
    // An incident reported long after it happened says nothing of the aircraft in the sky now; the next rebuild's prior has it.
    if (!isAerial(incident.kind) || !isFresh(Date.parse(incident.occurred_at), now)) return;
    const l = await this.ensure();
    this.dirty = true;
    const out = l.engine.strike({ id: e.subject_id, lat: incident.lat, lon: incident.lon, time: now });
    if (out.decisions.length || out.advisories.length) {
      await this.write(SYSTEM_ACTOR, async (tx) => {
        await recordDecisions(tx, decisionsOf(out.decisions), this.recordOptions(l.set));
        for (const a of out.advisories) {
          await tx.emit({ type: 'advisory.double-tap', subjectType: 'incident', subjectId: e.subject_id, data: { ...advisoryData(a, e.subject_id) } });
        }
      });
    }
    this.dirty = false;
  }

  /** A transaction that clears `dirty` once it commits; a failure leaves it set, so the engine is rebuilt. */
  private async write<T>(actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await inTransaction(this.ctx, actor, work);
    this.dirty = false;
    return result;
  }

  private async ensure(): Promise<Loaded> {
    if (!this.loaded || this.dirty) await this.rebuild();
    return this.loaded!;
  }

  private recordOptions(set: ZoneSet): RecordOptions {
    // CAP forbids spaces, commas, < and & in a sender; the log's origin names this deployment.
    return { set, sender: this.ctx.evidence.origin.replace(/[\s,<&]/g, '-'), log: this.ctx.log };
  }

  private async rebuild(): Promise<void> {
    const db = this.ctx.storage.db;
    const now = this.ctx.now().getTime();
    const version = await importsVersion(this.ctx);
    const { set, source } = await loadZones(this.ctx);
    const engine = new WarningEngine(set, buildPrior(set, await loadStrikes(this.ctx, now), { now }));
    const rows = await db
      .selectFrom('sightings')
      .select(['data', 'received_at'])
      .where('received_at', '>=', new Date(now - this.settings.replayMinutes * 60_000).toISOString())
      .where('received_at', '<=', new Date(now).toISOString())
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    const last = replaySightings(engine, rows.map((r) => ({ sighting: JSON.parse(r.data) as SightingCreate, receivedAt: Date.parse(r.received_at) })), now, this.tickMs);
    const inForce = await db.selectFrom('alerts').select(['track_id', 'aircraft', 'zones']).where('state', '=', 'in-force').execute();
    const stored = inForce.map((a): StoredAlert => ({ track_id: a.track_id, aircraft: a.aircraft as StoredAlert['aircraft'], zoneIds: (JSON.parse(a.zones) as { id: string }[]).map((z) => z.id) }));
    const decisions = reconcile(last, stored, set, now);
    if (decisions.length) await inTransaction(this.ctx, SYSTEM_ACTOR, (tx) => recordDecisions(tx, decisions, this.recordOptions(set)));
    this.loaded = { engine, set, source, version };
    this.dirty = false;
    this.ctx.log.info({ zones: set.zones.length, source, replayed: rows.length, reconciled: decisions.length }, 'warning engine built');
  }
}
