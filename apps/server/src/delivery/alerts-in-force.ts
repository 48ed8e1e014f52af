import { zonesNamed, type AlertEvent } from './alert-event.js';

// Which alerts are in force, rebuilt from alert.* events alone. An alert is in force from its issue until
// it is cancelled or the last of its zones' windows has closed (a server that lost the track never cancels).

interface Entry {
  /** The latest event of the alert: what a new subscriber is sent. */
  event: AlertEvent;
  zones: Set<string>;
  /** End of the latest window over its zones, ms since the epoch. */
  until: number;
}

/** What one zone's siren should do now. */
export interface ZoneState {
  zone: string;
  sounding: boolean;
  /** The alert that sounds it, or the last that did. */
  alert: string;
  /** While sounding: when its latest window closes (ISO). */
  until: string | null;
}

export class AlertsInForce {
  private readonly alerts = new Map<string, Entry>();
  private readonly byZone = new Map<string, Set<string>>();
  /** Every zone an applied event named, with the last alert that named it. */
  private readonly lastAlertOf = new Map<string, string>();

  /** Applies the next event (events arrive in seq order); returns every zone it touches, before and after. */
  apply(e: AlertEvent): string[] {
    const id = e.data.alert_id;
    const before = this.alerts.get(id);
    const touched = new Set([...zonesNamed(e), ...(before?.zones ?? [])]);
    if (before) this.unindex(id, before.zones);
    if (e.type === 'alert.cancelled' || e.data.zones.length === 0) {
      this.alerts.delete(id);
    } else {
      const zones = new Set(e.data.zones.map((z) => z.id));
      const until = Math.max(...e.data.zones.map((z) => Date.parse(z.latest)));
      this.alerts.set(id, { event: e, zones, until });
      for (const z of zones) {
        let set = this.byZone.get(z);
        if (!set) this.byZone.set(z, (set = new Set()));
        set.add(id);
      }
    }
    for (const z of touched) this.lastAlertOf.set(z, id);
    return [...touched];
  }

  /** The latest event of each alert in force at `nowMs` that names any of `zones`, in seq order. */
  inForce(zones: readonly string[], nowMs: number): AlertEvent[] {
    const found = new Map<string, AlertEvent>();
    for (const z of zones) {
      for (const id of this.byZone.get(z) ?? []) {
        const entry = this.alerts.get(id)!;
        if (entry.until >= nowMs) found.set(id, entry.event);
      }
    }
    return [...found.values()].sort((a, b) => a.seq - b.seq);
  }

  /** What `zone`'s siren should do at `nowMs`; null for a zone no event has named. */
  zoneState(zone: string, nowMs: number): ZoneState | null {
    const last = this.lastAlertOf.get(zone);
    if (last === undefined) return null;
    let best: { id: string; until: number } | undefined;
    for (const id of this.byZone.get(zone) ?? []) {
      const until = this.alerts.get(id)!.until;
      if (until >= nowMs && (!best || until > best.until)) best = { id, until };
    }
    if (!best) return { zone, sounding: false, alert: last, until: null };
    return { zone, sounding: true, alert: best.id, until: new Date(best.until).toISOString() };
  }

  /** Every zone any applied event has named. */
  knownZones(): string[] {
    return [...this.lastAlertOf.keys()];
  }

  /** The earliest window end after `nowMs` among alerts in force (when a siren must next stop), or null. */
  nextExpiry(nowMs: number): number | null {
    let next: number | null = null;
    for (const e of this.alerts.values()) if (e.until >= nowMs && (next === null || e.until < next)) next = e.until;
    return next;
  }

  /** Forgets alerts whose windows closed before `nowMs` (they are no longer in force); returns the zones they named. */
  prune(nowMs: number): string[] {
    const zones = new Set<string>();
    for (const [id, e] of this.alerts) {
      if (e.until >= nowMs) continue;
      this.unindex(id, e.zones);
      this.alerts.delete(id);
      for (const z of e.zones) zones.add(z);
    }
    return [...zones];
  }

  private unindex(id: string, zones: Iterable<string>): void {
    for (const z of zones) {
      const set = this.byZone.get(z);
      set?.delete(id);
      if (set?.size === 0) this.byZone.delete(z);
    }
  }
}
