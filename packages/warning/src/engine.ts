// The warning engine: sightings and strike reports in, alert decisions and double-tap advisories out.
// Pure: every input carries its own time; nothing reads a clock.
import type { SightingCreate } from '@civdef/core';
import { AlertBook, type AlertDecision } from './alerts/alert-book.js';
import type { AlertPolicy } from './alerts/policy.js';
import { doubleTapAdvisory, type DoubleTapAdvisory, type DoubleTapOptions, type StrikeReport } from './forecast/double-tap.js';
import { forecastTrack, type ForecastOptions, type TrackForecast } from './forecast/forecast.js';
import { withStrike, type Prior } from './prior/prior.js';
import { observe } from './tracks/observation.js';
import type { Track } from './tracks/track.js';
import { Tracker } from './tracks/tracker.js';
import type { ZoneSet } from './zones/zone.js';

export interface EngineOptions {
  policy?: Partial<AlertPolicy>;
  forecast?: ForecastOptions;
  doubleTap?: DoubleTapOptions;
  /** Add reported strikes to the prior as they come; default true. */
  learn?: boolean;
}

export interface EngineOutput {
  decisions: AlertDecision[];
  advisories: DoubleTapAdvisory[];
  forecasts: TrackForecast[];
}

/** Tracks, forecasts and alerts for one city. Precondition: inputs arrive roughly in time order. */
export class WarningEngine {
  private readonly tracker: Tracker;
  private readonly alerts: AlertBook;
  private prior: Prior;
  private last = -Infinity;

  /** Precondition: prior was built on zones. */
  constructor(
    readonly zones: ZoneSet,
    prior: Prior,
    private readonly o: EngineOptions = {},
  ) {
    this.prior = prior;
    this.tracker = new Tracker({ cityRadius: zones.radius });
    this.alerts = new AlertBook(o.policy);
  }

  /** The prior in use (with the strikes learned so far). */
  currentPrior(): Prior {
    return this.prior;
  }

  /**
   * Takes one valid sighting, received at `receivedAt` (default: its own time); decisions are stamped with
   * the later of the two. Precondition: s passed SightingCreate; times arrive roughly in order.
   */
  sighting(s: SightingCreate, receivedAt?: number): EngineOutput {
    const o = observe(s, this.zones.projection);
    const now = Math.max(o.time, receivedAt ?? o.time, this.last);
    const { track, ended } = this.tracker.observe(o);
    const out = this.endTracks(ended, now);
    if (!track.ended) this.forecastAll(now, out, [track.id]);
    this.last = now;
    return out;
  }

  /** Takes a strike report: an advisory if an aircraft is near, and the prior learns it. */
  strike(r: StrikeReport): EngineOutput {
    const out = this.endTracks(this.tracker.expire(r.time), r.time);
    const advisory = doubleTapAdvisory(r, this.tracker.live(), this.zones.projection, this.o.doubleTap);
    if (advisory) {
      out.advisories.push(advisory);
      // The aircraft near a strike may come back to it: their forecasts weigh the site from now on.
      const site = { ...this.zones.projection.toXY(r.lat, r.lon), time: r.time };
      for (const id of advisory.trackIds) this.tracker.get(id)?.strikeSites.push(site);
    }
    if (this.o.learn !== false) this.prior = withStrike(this.zones, this.prior, r);
    this.forecastAll(r.time, out);
    this.last = Math.max(this.last, r.time);
    return out;
  }

  /** Moves time on: ends silent tracks and refreshes every live track's forecast. */
  tick(now: number): EngineOutput {
    const out = this.endTracks(this.tracker.expire(now), now);
    this.forecastAll(now, out);
    this.last = Math.max(this.last, now);
    return out;
  }

  /**
   * Every live track with its forecast at `now` (not before the last input), deciding nothing: what the
   * operations room draws. Precondition: none.
   */
  liveForecasts(now: number): { track: Track; forecast: TrackForecast }[] {
    const at = Math.max(now, this.last);
    return this.tracker.live().map((track) => ({ track, forecast: forecastTrack(track, at, this.zones, this.prior, this.o.forecast) }));
  }

  private endTracks(ended: Track[], time: number): EngineOutput {
    const out: EngineOutput = { decisions: [], advisories: [], forecasts: [] };
    for (const t of ended) out.decisions.push(...this.alerts.onEnded(t, time));
    return out;
  }

  private forecastAll(now: number, out: EngineOutput, only?: string[]): void {
    for (const t of this.tracker.live()) {
      if (only && !only.includes(t.id)) continue;
      const f = forecastTrack(t, now, this.zones, this.prior, this.o.forecast);
      out.forecasts.push(f);
      out.decisions.push(...this.alerts.onForecast(t, f));
    }
  }
}
