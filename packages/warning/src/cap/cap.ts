// An alert decision as a CAP 1.2 message (OASIS Common Alerting Protocol Version 1.2, 1 July 2010): one alert
// with an Arabic and an English info block, one area per zone with its polygons. Element order follows the
// spec's schema (sequence): alert, then info, then area.
import type { AircraftType } from '@civdef/core';
import type { AlertDecision } from '../alerts/alert-book.js';
import type { ZoneSet } from '../zones/zone.js';
import { leaf, writeXml, type XmlNode } from './xml.js';

/** The XML namespace of CAP 1.2. */
export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export interface CapOptions {
  /** Who sends it: CAP forbids spaces, commas, < and &. */
  sender: string;
  senderName?: { ar: string; en: string };
  /** Default `${alertId}.${time}`; the same restrictions as sender. */
  identifier?: string;
  /** Earlier messages of this alert (required by CAP for Update and Cancel): their identifier and sent time. */
  references?: { identifier: string; sent: number }[];
  /** Default Actual. */
  status?: 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';
  /** How long after the latest arrival window an alert expires; default 10 minutes. */
  expiresAfterMs?: number;
  web?: string;
}

/**
 * CAP 1.2 date-time: seconds, explicit offset, UTC written "-00:00" ("Z" is not allowed by the spec, 3.3.2).
 * Precondition: a finite epoch ms.
 */
export function capTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}-00:00`;
}

const CAP_ID = /^[^\s,<&]+$/;
const MSG_TYPE = { issue: 'Alert', update: 'Update', cancel: 'Cancel' } as const;
const AIRCRAFT_NAMES: Record<AircraftType, { ar: string; en: string }> = {
  helicopter: { ar: 'مروحية', en: 'helicopter' },
  jet: { ar: 'طائرة حربية', en: 'jet' },
  drone: { ar: 'طائرة مسيّرة', en: 'drone' },
  unknown: { ar: 'طائرة', en: 'aircraft' },
};

const TEXT = {
  ar: {
    event: 'تحذير من غارة جوية',
    headline: (a: string) => `${a} قادمة: احتموا الآن`,
    allClear: 'انتهى الخطر في هذه المناطق',
    instruction: 'انزلوا إلى القبو أو إلى غرفة داخلية بعيدة عن النوافذ الآن، وابقوا هناك حتى إعلان انتهاء الخطر.',
    clearInstruction: 'انتهى التحذير. انتبهوا: قد تعود الطائرة، فلا تتجمعوا في مكان الضربة.',
    zones: 'المناطق المهددة',
    chance: 'احتمال',
    between: 'بين',
    and: 'و',
  },
  en: {
    event: 'Air strike warning',
    headline: (a: string) => `Incoming ${a}: take shelter now`,
    allClear: 'All clear in these zones',
    instruction: 'Go down to a basement or an inner room away from windows now, and stay there until the all clear.',
    clearInstruction: 'The warning is over. Beware: the aircraft may return; do not gather at a strike site.',
    zones: 'Zones at risk',
    chance: 'chance',
    between: 'between',
    and: 'and',
  },
};

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

// A zone's rings never change once loaded, and every alert message names its zones twice (Arabic and English):
// each ring is written out once. A WeakMap, so a zone set replaced by an import takes its text with it.
const polygonText = new WeakMap<[number, number][], string>();

/** A CAP polygon: "lat,lon" pairs, space separated, closed (first pair repeated last). Precondition: ring is not mutated afterwards. */
function capPolygon(ring: [number, number][]): string {
  let text = polygonText.get(ring);
  if (text === undefined) {
    const pts = ring.map(([lon, lat]) => `${lat.toFixed(5)},${lon.toFixed(5)}`);
    if (pts[0] !== pts[pts.length - 1]) pts.push(pts[0]!);
    text = pts.join(' ');
    polygonText.set(ring, text);
  }
  return text;
}

function info(lang: 'ar' | 'en', d: AlertDecision, set: ZoneSet, o: CapOptions, times: { sent: number; onset: number; expires: number }): XmlNode {
  const t = TEXT[lang];
  const cancel = d.action === 'cancel';
  const top = Math.max(0, ...d.zones.map((z) => z.probability));
  const zoneName = (i: number) => {
    const z = set.zones[i]!;
    return (lang === 'ar' ? z.nameAr : z.nameEn) ?? z.name;
  };
  const description = cancel
    ? t.allClear
    : `${t.zones}: ${d.zones.map((z) => `${zoneName(z.zone)} (${t.chance} ${Math.round(z.probability * 100)}%, ${t.between} ${hhmm(z.earliest)} ${t.and} ${hhmm(z.latest)} UTC)`).join('; ')}`;
  return {
    name: 'info',
    children: [
      leaf('language', lang),
      leaf('category', 'Security'),
      leaf('event', t.event),
      leaf('responseType', cancel ? 'AllClear' : 'Shelter'),
      leaf('urgency', cancel ? 'Past' : 'Immediate'),
      leaf('severity', cancel ? 'Minor' : 'Extreme'),
      leaf('certainty', cancel ? 'Observed' : top >= 0.5 ? 'Likely' : 'Possible'),
      leaf('effective', capTime(times.sent)),
      cancel ? undefined : leaf('onset', capTime(times.onset)),
      leaf('expires', capTime(times.expires)),
      leaf('senderName', o.senderName?.[lang]),
      leaf('headline', cancel ? t.allClear : t.headline(AIRCRAFT_NAMES[d.aircraft][lang])),
      leaf('description', description),
      leaf('instruction', cancel ? t.clearInstruction : t.instruction),
      leaf('web', o.web),
      { name: 'parameter', children: [leaf('valueName', 'aircraft'), leaf('value', d.aircraft)] },
      ...d.zones.map((z): XmlNode => {
        const zone = set.zones[z.zone]!;
        return {
          name: 'area',
          children: [
            leaf('areaDesc', zoneName(z.zone)),
            // CAP polygons have no holes: each polygon's outer ring.
            ...zone.rings.map((polygon) => leaf('polygon', capPolygon(polygon[0]!))),
            { name: 'geocode', children: [leaf('valueName', 'civdef-zone'), leaf('value', zone.id)] },
          ],
        };
      }),
    ],
  };
}

/**
 * The CAP 1.2 XML of one decision. A cancel names no zones of its own, so pass the zones it clears in
 * `cleared` (the last zones warned) to give relays the areas. Precondition: sender and identifier have no
 * spaces, commas, < or &; zones index `set`.
 */
export function alertToCap(decision: AlertDecision, set: ZoneSet, o: CapOptions, cleared: AlertDecision['zones'] = []): string {
  const identifier = o.identifier ?? `${decision.alertId}.${decision.time}`;
  for (const [field, value] of [['sender', o.sender], ['identifier', identifier], ...(o.references ?? []).map((r) => ['references', r.identifier])] as const) {
    if (!CAP_ID.test(value)) throw new RangeError(`CAP ${field} must have no spaces, commas, < or &: ${JSON.stringify(value)}`);
  }
  const d = decision.action === 'cancel' ? { ...decision, zones: cleared } : decision;
  const sent = decision.time;
  // Onset: the earliest the aircraft may be over any of the zones.
  const onset = Math.max(sent, Math.min(...d.zones.map((z) => z.earliest)));
  const expires = decision.action === 'cancel' ? sent : Math.max(sent, ...d.zones.map((z) => z.latest)) + (o.expiresAfterMs ?? 600_000);
  const times = { sent, onset: Number.isFinite(onset) ? onset : sent, expires };
  const references = o.references?.length ? o.references.map((r) => `${o.sender},${r.identifier},${capTime(r.sent)}`).join(' ') : undefined;
  const alert: XmlNode = {
    name: 'alert',
    children: [
      leaf('identifier', identifier),
      leaf('sender', o.sender),
      leaf('sent', capTime(sent)),
      leaf('status', o.status ?? 'Actual'),
      leaf('msgType', MSG_TYPE[decision.action]),
      leaf('scope', 'Public'),
      leaf('references', references),
      info('ar', d, set, o, times),
      info('en', d, set, o, times),
    ],
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${writeXml(alert).replace('<alert>', `<alert xmlns="${CAP_NAMESPACE}">`)}\n`;
}
