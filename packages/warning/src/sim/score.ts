// How well the warnings did: a strike is a hit when its zone was under warning at the moment of impact, and
// its lead time runs from when that unbroken warning began. Decisions are taken as published, in order.
import type { AlertDecision } from '../alerts/alert-book.js';
import type { ZoneSet } from '../zones/zone.js';
import type { SimStrike } from './sorties.js';

export interface Interval {
  zone: number;
  alertId: string;
  from: number;
  to: number;
}

/** Each (alert, zone) warning as a time interval, from the decisions in time order. Precondition: decisions sorted by time. */
export function warningIntervals(decisions: AlertDecision[], end: number): Interval[] {
  const open = new Map<string, Map<number, number>>();
  const out: Interval[] = [];
  for (const d of decisions) {
    const zones = open.get(d.alertId) ?? new Map<number, number>();
    const now = new Set(d.zones.map((z) => z.zone));
    for (const [zone, from] of zones) {
      if (!now.has(zone)) {
        out.push({ zone, alertId: d.alertId, from, to: d.time });
        zones.delete(zone);
      }
    }
    for (const z of now) if (!zones.has(z)) zones.set(z, d.time);
    if (d.action === 'cancel') open.delete(d.alertId);
    else open.set(d.alertId, zones);
  }
  for (const [alertId, zones] of open) for (const [zone, from] of zones) out.push({ zone, alertId, from, to: end });
  return out;
}

/** The lead time (ms) of a strike: from the start of the unbroken warning of its zone covering the impact; undefined if unwarned. */
export function leadTime(strike: SimStrike, intervals: Interval[]): number | undefined {
  // Merge this zone's intervals (several alerts may warn one zone) and find the stretch holding the impact.
  const mine = intervals.filter((i) => i.zone === strike.zone).sort((a, b) => a.from - b.from);
  let from: number | undefined;
  let to = -Infinity;
  for (const i of mine) {
    if (i.from > to) {
      if (from !== undefined && from < strike.time && strike.time <= to) break;
      from = i.from;
    }
    to = Math.max(to, i.to);
  }
  return from !== undefined && from < strike.time && strike.time <= to ? strike.time - from : undefined;
}

/** The median, NaN for no values. */
export const median = (xs: number[]): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface Score {
  strikes: number;
  hits: number;
  hitRate: number;
  /** Median lead of the hits, minutes. */
  medianLeadMin: number;
  /** Strikes whose aircraft a spotter saw at least 5 minutes before impact. */
  visible5: number;
  /** Median lead over those strikes (a miss counts 0), minutes, and the share of them warned >= 5 minutes ahead. */
  visible5MedianLeadMin: number;
  visible5ShareLead5: number;
  alerts: number;
  /** Mean zones named per alert message (issue or update). */
  zonesPerMessage: number;
  /** Mean distinct zones an alert named over its life. */
  zonesPerAlert: number;
  /** Mean area (km²) per alert of zones it warned that took no strike while warned. */
  falseAlarmKm2PerAlert: number;
  /** Share of warned zone-intervals in which no strike fell. */
  falseAlarmShare: number;
}

/** Scores the decisions against the strikes. Precondition: decisions sorted by time; firstSeen maps sortie -> first sighting time. */
export function score(set: ZoneSet, strikes: SimStrike[], decisions: AlertDecision[], firstSeen: Map<number, number>, end: number): Score {
  const intervals = warningIntervals(decisions, end);
  const leads = strikes.map((s) => leadTime(s, intervals));
  const hitLeads = leads.filter((l): l is number => l !== undefined);
  const visible = strikes.map((s, i) => ({ s, lead: leads[i] ?? 0 })).filter(({ s }) => (firstSeen.get(s.sortie) ?? Infinity) <= s.time - 5 * 60_000);
  const messages = decisions.filter((d) => d.action !== 'cancel');
  const alertIds = new Set(decisions.map((d) => d.alertId));
  const named = new Map<string, Set<number>>();
  for (const d of messages) for (const z of d.zones) (named.get(d.alertId) ?? named.set(d.alertId, new Set()).get(d.alertId)!).add(z.zone);
  const falseIntervals = intervals.filter((i) => !strikes.some((s) => s.zone === i.zone && s.time > i.from && s.time <= i.to));
  const falseArea = new Map<string, Set<number>>();
  for (const i of falseIntervals) (falseArea.get(i.alertId) ?? falseArea.set(i.alertId, new Set()).get(i.alertId)!).add(i.zone);
  const km2 = [...falseArea.values()].reduce((s, zs) => s + [...zs].reduce((a, z) => a + set.zones[z]!.areaM2 / 1e6, 0), 0);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : NaN);
  return {
    strikes: strikes.length,
    hits: hitLeads.length,
    hitRate: strikes.length ? hitLeads.length / strikes.length : NaN,
    medianLeadMin: median(hitLeads) / 60_000,
    visible5: visible.length,
    visible5MedianLeadMin: median(visible.map((v) => v.lead)) / 60_000,
    visible5ShareLead5: visible.length ? visible.filter((v) => v.lead >= 5 * 60_000).length / visible.length : NaN,
    alerts: alertIds.size,
    zonesPerMessage: mean(messages.map((d) => d.zones.length)),
    zonesPerAlert: mean([...named.values()].map((s) => s.size)),
    falseAlarmKm2PerAlert: alertIds.size ? km2 / alertIds.size : 0,
    falseAlarmShare: intervals.length ? falseIntervals.length / intervals.length : NaN,
  };
}
