import type { ZoneState } from './alerts-in-force.js';

// What a siren reads from its retained topic. Sirens keep the last message of their topic (retained), so
// one that powers up mid-raid knows at once whether to sound and until when.

export interface SirenMessage {
  /** The alert that sounds the zone, or the last that did. */
  alert: string;
  action: 'sound' | 'stop';
  /** While sounding: when the latest warning window closes (ISO UTC), after which a siren may stop by itself. */
  until: string | null;
}

/** The message for a zone's state. */
export function sirenMessage(s: ZoneState): SirenMessage {
  return s.sounding ? { alert: s.alert, action: 'sound', until: s.until } : { alert: s.alert, action: 'stop', until: null };
}

/**
 * The topic of a zone's siren: `<prefix>/<zone id>`. MQTT gives '/' a meaning in topics and forbids '+' and
 * '#' in a published one, so those (and '%', to keep it reversible) are percent-encoded in the id.
 */
export function sirenTopic(prefix: string, zone: string): string {
  return `${prefix}/${zone.replace(/[%/+#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** The zone id of a siren topic under `prefix`, or null for another topic. */
export function zoneOfTopic(prefix: string, topic: string): string | null {
  if (!topic.startsWith(`${prefix}/`)) return null;
  const level = topic.slice(prefix.length + 1);
  if (level.includes('/')) return null;
  try {
    return decodeURIComponent(level);
  } catch {
    return null;
  }
}

/** A retained message read back from the broker, or null when it is not one of ours. */
export function parseSirenMessage(payload: Buffer): SirenMessage | null {
  try {
    const m = JSON.parse(payload.toString('utf8')) as Partial<SirenMessage>;
    if (typeof m.alert !== 'string' || (m.action !== 'sound' && m.action !== 'stop')) return null;
    return { alert: m.alert, action: m.action, until: typeof m.until === 'string' ? m.until : null };
  } catch {
    return null;
  }
}
