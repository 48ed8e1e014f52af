import { IsoTime, ZoneId, type DomainEvent } from '@civdef/core';
import { z } from 'zod';

// The contract between the warning service (which emits alert.* events) and delivery (which reads them).
// Only these fields leave the server: anything else a writer adds stays internal.

export const ALERT_EVENT_TYPES = ['alert.issued', 'alert.updated', 'alert.cancelled'] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

const AlertZone = z.object({
  id: ZoneId,
  name_en: z.string().max(200),
  name_ar: z.string().max(200),
  probability: z.number().min(0).max(1),
  earliest: IsoTime,
  latest: IsoTime,
});
export type AlertZone = z.infer<typeof AlertZone>;

const AlertData = z.object({
  alert_id: z.string().min(1).max(64),
  action: z.enum(['issue', 'update', 'cancel']),
  aircraft: z.enum(['helicopter', 'jet', 'drone', 'unknown']),
  track_id: z.string().max(64),
  issued_at: IsoTime,
  reason: z.string().max(500).optional(),
  zones: z.array(AlertZone).max(1000),
  previous_zones: z.array(AlertZone).max(1000).optional(),
});
export type AlertData = z.infer<typeof AlertData>;

/** One alert.* event as delivery sees it. */
export interface AlertEvent {
  seq: number;
  /** The event's own id (a ULID), unique across the log. */
  id: string;
  type: AlertEventType;
  at: string;
  data: AlertData;
}

export class AlertEventError extends Error {
  constructor(
    readonly seq: number,
    readonly reason: string,
  ) {
    super(`event ${seq} is not a valid alert event: ${reason}`);
  }
}

/** True for the event types delivery carries. */
export function isAlertEventType(type: string): type is AlertEventType {
  return (ALERT_EVENT_TYPES as readonly string[]).includes(type);
}

/** The alert event in `e`, or null when `e` is of another type. Throws AlertEventError when an alert event breaks the contract. */
export function readAlertEvent(e: DomainEvent): AlertEvent | null {
  if (!isAlertEventType(e.type)) return null;
  const parsed = AlertData.safeParse(e.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AlertEventError(e.seq, `${issue.path.join('.') || 'data'}: ${issue.message}`);
  }
  return { seq: e.seq, id: e.id, type: e.type, at: e.at, data: parsed.data };
}

/** Every zone the event names, warned now or before (a cancel names the zones it lifts in previous_zones). */
export function zonesNamed(e: AlertEvent): string[] {
  return [...new Set([...e.data.zones, ...(e.data.previous_zones ?? [])].map((z) => z.id))];
}

/** The public JSON of an alert event: the contract's fields, with the event's seq, type and time. */
export function publicAlert(e: AlertEvent): Record<string, unknown> {
  return { seq: e.seq, type: e.type, at: e.at, ...e.data };
}
