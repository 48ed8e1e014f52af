import { describe, expect, it } from 'vitest';
import type { AlertDecision } from '../alerts/alert-book.js';
import { parseXml, type XmlElement } from '../test-support/xml-tree.js';
import { parseZones } from '../zones/geojson.js';
import { alertToCap, CAP_NAMESPACE, capTime } from './cap.js';

// The element sequences of the CAP 1.2 schema (OASIS CAP-v1.2, section 3.2 and the schema's xs:sequence);
// `required` are those with minOccurs 1.
const SPEC = {
  alert: {
    order: ['identifier', 'sender', 'sent', 'status', 'msgType', 'source', 'scope', 'restriction', 'addresses', 'code', 'note', 'references', 'incidents', 'info'],
    required: ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope'],
  },
  info: {
    order: ['language', 'category', 'event', 'responseType', 'urgency', 'severity', 'certainty', 'audience', 'eventCode', 'effective', 'onset', 'expires', 'senderName', 'headline', 'description', 'instruction', 'web', 'contact', 'parameter', 'resource', 'area'],
    required: ['category', 'event', 'urgency', 'severity', 'certainty'],
  },
  area: { order: ['areaDesc', 'polygon', 'circle', 'geocode', 'altitude', 'ceiling'], required: ['areaDesc'] },
  parameter: { order: ['valueName', 'value'], required: ['valueName', 'value'] },
  geocode: { order: ['valueName', 'value'], required: ['valueName', 'value'] },
} as const;
const ENUMS: Record<string, string[]> = {
  status: ['Actual', 'Exercise', 'System', 'Test', 'Draft'],
  msgType: ['Alert', 'Update', 'Cancel', 'Ack', 'Error'],
  scope: ['Public', 'Restricted', 'Private'],
  category: ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'],
  responseType: ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'],
  urgency: ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'],
  severity: ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'],
  certainty: ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'],
};
// The schema's dateTime pattern for sent, effective, onset, expires.
const CAP_TIME = /^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/;

/** Checks an element's children against the spec: known names, in order, required ones present, enums and times valid. */
function conforms(el: XmlElement): void {
  const spec = SPEC[el.name as keyof typeof SPEC];
  if (!spec) return;
  const names = el.children.map((c) => c.name);
  for (const n of names) expect(spec.order, `<${n}> in <${el.name}>`).toContain(n);
  const positions = names.map((n) => (spec.order as readonly string[]).indexOf(n));
  expect(positions, `order of <${el.name}>`).toEqual([...positions].sort((a, b) => a - b));
  for (const r of spec.required) expect(names, `<${el.name}> needs <${r}>`).toContain(r);
  for (const c of el.children) {
    if (ENUMS[c.name]) expect(ENUMS[c.name]).toContain(c.text);
    if (['sent', 'effective', 'onset', 'expires'].includes(c.name)) expect(c.text).toMatch(CAP_TIME);
    conforms(c);
  }
}

const square = (lon: number, lat: number) => [[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]];
const set = parseZones({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { id: 'z1', name: 'Old Town', 'name:ar': 'المدينة القديمة', 'name:en': 'Old Town' }, geometry: { type: 'Polygon', coordinates: [square(37.15, 36.2)] } },
    { type: 'Feature', properties: { id: 'z2', name: 'Bab <Antakya> & Co "quoted"' }, geometry: { type: 'MultiPolygon', coordinates: [[square(37.16, 36.2)], [square(37.18, 36.2)]] } },
  ],
});
const T = Date.UTC(2026, 2, 1, 10, 0, 5, 123);
const decision = (action: AlertDecision['action']): AlertDecision => ({
  time: T,
  alertId: 'S1-1',
  trackId: 'S1',
  aircraft: 'helicopter',
  action,
  zones: action === 'cancel' ? [] : [{ zone: 0, probability: 0.62, earliest: T + 60_000, latest: T + 240_000 }, { zone: 1, probability: 0.2, earliest: T + 120_000, latest: T + 300_000 }],
});
const child = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);

describe('alertToCap', () => {
  it('writes a well-formed CAP 1.2 alert: required elements in the spec order, Arabic and English info', () => {
    const xml = alertToCap(decision('issue'), set, { sender: 'civdef@example.org', senderName: { ar: 'الدفاع المدني', en: 'Civil Defence' } });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const alert = parseXml(xml);
    expect(alert.name).toBe('alert');
    expect(alert.attributes.xmlns).toBe(CAP_NAMESPACE);
    conforms(alert);
    expect(child(alert, 'msgType')[0]!.text).toBe('Alert');
    expect(child(alert, 'sent')[0]!.text).toBe('2026-03-01T10:00:05-00:00');
    const infos = child(alert, 'info');
    expect(infos.map((i) => child(i, 'language')[0]!.text)).toEqual(['ar', 'en']);
    const [ar, en] = infos;
    expect(child(ar!, 'headline')[0]!.text).toBe('مروحية قادمة: احتموا الآن');
    expect(child(en!, 'certainty')[0]!.text).toBe('Likely');
    expect(child(en!, 'onset')[0]!.text).toBe('2026-03-01T10:01:05-00:00');
    expect(child(ar!, 'area').map((a) => child(a, 'areaDesc')[0]!.text)).toEqual(['المدينة القديمة', 'Bab <Antakya> & Co "quoted"']);
    expect(child(en!, 'description')[0]!.text).toContain('Old Town (chance 62%, between 10:01 and 10:04 UTC)');
  });

  it('gives each zone its polygons as closed rings of lat,lon pairs, and its id as a geocode', () => {
    const alert = parseXml(alertToCap(decision('issue'), set, { sender: 'civdef' }));
    const areas = child(child(alert, 'info')[1]!, 'area');
    expect(areas.map((a) => child(a, 'polygon').length)).toEqual([1, 2]);
    for (const a of areas) {
      for (const p of child(a, 'polygon')) {
        const pairs = p.text.split(' ');
        expect(pairs.length).toBeGreaterThanOrEqual(4);
        expect(pairs[0]).toBe(pairs[pairs.length - 1]);
        for (const pair of pairs) {
          const [lat, lon] = pair.split(',').map(Number);
          expect(lat).toBeGreaterThan(36.19);
          expect(lat).toBeLessThan(36.22);
          expect(lon).toBeGreaterThan(37.14);
          expect(lon).toBeLessThan(37.2);
        }
      }
    }
    expect(child(areas[1]!, 'geocode')[0]!.children.map((c) => c.text)).toEqual(['civdef-zone', 'z2']);
  });

  it('references the earlier messages on update and cancel, and gives the all clear on cancel', () => {
    const refs = [{ identifier: 'S1-1.1', sent: T - 60_000 }];
    const update = parseXml(alertToCap(decision('update'), set, { sender: 'civdef', references: refs }));
    conforms(update);
    expect(child(update, 'msgType')[0]!.text).toBe('Update');
    expect(child(update, 'references')[0]!.text).toBe('civdef,S1-1.1,2026-03-01T09:59:05-00:00');
    const cancel = parseXml(alertToCap(decision('cancel'), set, { sender: 'civdef', references: refs }, decision('issue').zones));
    conforms(cancel);
    expect(child(cancel, 'msgType')[0]!.text).toBe('Cancel');
    const en = child(cancel, 'info')[1]!;
    expect(child(en, 'responseType')[0]!.text).toBe('AllClear');
    expect(child(en, 'area')).toHaveLength(2);
  });

  it('refuses a sender or identifier CAP does not allow', () => {
    expect(() => alertToCap(decision('issue'), set, { sender: 'civil defence' })).toThrow(/sender must have no spaces/);
    expect(() => alertToCap(decision('issue'), set, { sender: 'civdef', identifier: 'a,b' })).toThrow(/identifier/);
  });

  it('writes times as the spec wants them: whole seconds, -00:00 for UTC', () => {
    expect(capTime(Date.UTC(2026, 0, 2, 3, 4, 5, 999))).toBe('2026-01-02T03:04:05-00:00');
  });
});

describe('parseXml (the test reader itself)', () => {
  it('refuses what is not well formed', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a>x & y</a>')).toThrow();
    expect(() => parseXml('<a>')).toThrow();
    expect(parseXml('<a x="1"><b>&lt;&amp;</b></a>').children[0]!.text).toBe('<&');
  });
});
