// Writing alert decisions: the alert row with its current zones, the CAP 1.2 message exactly as published,
// and the alert.* event, all in the caller's transaction. An alert is found by its track: the engine keeps
// one alert in force per track, and so does the database (a partial unique index).
import { newUlid, type AlertZone } from '@civdef/core';
import { alertToCap, type ZoneSet } from '@civdef/warning';
import type { Logger } from 'pino';
import { prepared } from '../db/prepared.js';
import type { Tx } from '../services/transaction.js';
import { alertEventData, alertEventType, alertZones, type Decision } from './alert-data.js';

export interface RecordOptions {
  /** The zones the decisions index. */
  set: ZoneSet;
  /** CAP sender: no spaces, commas, < or &. */
  sender: string;
  log: Logger;
}

const SENDER_NAME = { ar: 'الدفاع المدني', en: 'Civil Defence' };

// Run for every alert decision, on a sighting's path to the public streams: prepared once.
const earlierMessages = prepared((db, a: { alertId: string }) =>
  db.selectFrom('alert_messages').select(['identifier', 'sent_at']).where('alert_id', '=', a.alertId).orderBy('seq'),
);
const alertInForce = prepared((db, a: { trackId: string; state: 'in-force' }) =>
  db.selectFrom('alerts').selectAll().where('track_id', '=', a.trackId).where('state', '=', a.state),
);

/** The CAP message of one decision, referring to the alert's earlier messages. */
async function capMessage(tx: Tx, alertId: string, seq: number, d: Decision, cleared: AlertZone[], o: RecordOptions): Promise<{ identifier: string; cap: string }> {
  const earlier = await earlierMessages(tx.db, { alertId });
  const identifier = `${alertId}.${seq}`;
  // A cancel names the zones it clears; those no longer in the zone set (zones imported since) have no polygon to give.
  const index = new Map(o.set.zones.map((z, i) => [z.id, i]));
  const clearedZones = cleared.flatMap((z) => {
    const i = index.get(z.id);
    return i === undefined ? [] : [{ zone: i, probability: z.probability, earliest: Date.parse(z.earliest), latest: Date.parse(z.latest) }];
  });
  const cap = alertToCap(
    { time: d.time, alertId, trackId: d.trackId, aircraft: d.aircraft, action: d.action, zones: d.zones },
    o.set,
    { sender: o.sender, senderName: SENDER_NAME, identifier, references: earlier.map((m) => ({ identifier: m.identifier, sent: Date.parse(m.sent_at) })) },
    clearedZones,
  );
  return { identifier, cap };
}

/** Records one decision; returns the alert's id, or null for a cancel of an alert not in force. Precondition: as recordDecisions. */
async function recordOne(tx: Tx, d: Decision, o: RecordOptions): Promise<string | null> {
  const [current] = await alertInForce(tx.db, { trackId: d.trackId, state: 'in-force' });
  const at = new Date(d.time).toISOString();
  const zones = alertZones(d, o.set);
  if (d.action === 'cancel' && !current) {
    o.log.warn({ track_id: d.trackId }, 'the engine cancelled an alert that is not in force; nothing to record');
    return null;
  }
  // An update with nothing in force (never expected) issues: the zones are at risk either way.
  const action = d.action === 'update' && !current ? 'issue' : d.action === 'issue' && current ? 'update' : d.action;
  const decision = { ...d, action };
  const alertId = current?.id ?? newUlid();
  const seq = (current?.messages ?? 0) + 1;
  const previous = current ? (JSON.parse(current.zones) as AlertZone[]) : [];
  const { identifier, cap } = await capMessage(tx, alertId, seq, decision, previous, o);
  if (!current) {
    await tx.db
      .insertInto('alerts')
      .values({ id: alertId, track_id: d.trackId, aircraft: d.aircraft, state: 'in-force', zones: JSON.stringify(zones), previous_zones: null, reason: null, issued_at: at, updated_at: at, cancelled_at: null, messages: seq })
      .execute();
  } else if (action === 'cancel') {
    await tx.db
      .updateTable('alerts')
      .set({ state: 'cancelled', zones: '[]', previous_zones: current.zones, reason: d.reason ?? null, updated_at: at, cancelled_at: at, messages: seq })
      .where('id', '=', alertId)
      .execute();
  } else {
    await tx.db.updateTable('alerts').set({ aircraft: d.aircraft, zones: JSON.stringify(zones), updated_at: at, messages: seq }).where('id', '=', alertId).execute();
  }
  await tx.db.insertInto('alert_messages').values({ alert_id: alertId, seq, action, identifier, sent_at: at, cap }).execute();
  const data = alertEventData(alertId, decision, zones, previous);
  await tx.emit({ type: alertEventType(action), subjectType: 'alert', subjectId: alertId, data: { ...data } });
  return alertId;
}

/**
 * Records decisions in order: issue inserts an alert, update and cancel change the one in force for the track.
 * Precondition: every decision's zones index o.set; called inside the transaction that caused them.
 */
export async function recordDecisions(tx: Tx, decisions: readonly Decision[], o: RecordOptions): Promise<string[]> {
  const ids: string[] = [];
  for (const d of decisions) {
    const id = await recordOne(tx, d, o);
    if (id) ids.push(id);
  }
  return ids;
}
