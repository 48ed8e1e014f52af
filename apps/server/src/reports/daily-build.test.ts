import { describe, expect, it } from 'vitest';
import { buildDailyReport, dayWindow, type DailyRows } from './daily-build.js';

const { fromMs, toMs } = dayWindow('2026-03-01', '+03:00');

function rows(o: Partial<DailyRows> = {}): DailyRows {
  return {
    date: '2026-03-01',
    utcOffset: '+03:00',
    fromMs,
    toMs,
    generatedAt: '2026-03-02T00:00:00.000Z',
    incidents: [],
    calls: [],
    victims: [],
    casualties: [],
    movements: [],
    stockLeft: [],
    trips: { trips: 0, distance_m: 0, litres: 0 },
    outages: [],
    ...o,
  };
}

describe('dayWindow', () => {
  it('runs midnight to midnight at the offset', () => {
    expect(new Date(fromMs).toISOString()).toBe('2026-02-28T21:00:00.000Z');
    expect(toMs - fromMs).toBe(86_400_000);
  });
});

describe('buildDailyReport', () => {
  it('counts strikes by kind and local hour', () => {
    const r = buildDailyReport(
      rows({
        incidents: [
          { id: 'a', kind: 'airstrike', occurred_at: '2026-02-28T21:10:00Z' }, // 00:10 local
          { id: 'b', kind: 'airstrike', occurred_at: '2026-03-01T05:59:00Z' }, // 08:59
          { id: 'c', kind: 'barrel-bomb', occurred_at: '2026-03-01T05:00:00Z' }, // 08:00
          { id: 'd', kind: 'shelling', occurred_at: '2026-03-01T20:59:59Z' }, // 23:59
        ],
      }),
    );
    expect(r.strikes.total).toBe(4);
    expect(r.strikes.by_kind).toMatchObject({ airstrike: 2, 'barrel-bomb': 1, shelling: 1, fire: 0 });
    expect(r.strikes.by_hour).toHaveLength(24);
    expect(r.strikes.by_hour[0]).toMatchObject({ hour: 0, total: 1 });
    expect(r.strikes.by_hour[8]).toMatchObject({ total: 2, by_kind: { airstrike: 1, 'barrel-bomb': 1 } });
    expect(r.strikes.by_hour[23]!.total).toBe(1);
  });

  it('takes median and 90th percentile of call-to-arrival over the incidents reached', () => {
    const call = (id: string, min: number | null) => ({
      id,
      kind: 'airstrike',
      created_at: '2026-03-01T06:00:00Z',
      arrived_at: min === null ? null : new Date(Date.parse('2026-03-01T06:00:00Z') + min * 60_000).toISOString(),
      unit_id: min === null ? null : 'u',
    });
    const r = buildDailyReport(rows({ calls: [call('a', 4), call('b', 10), call('c', 6), call('d', null), call('e', 30)] }));
    expect(r.responses).toMatchObject({ incidents: 5, reached: 4 });
    expect(r.responses.median_s).toBe(480); // (360 + 600) / 2
    expect(r.responses.p90_s).toBe(1_440); // rank 2.7 of [240, 360, 600, 1800]: 600 + 0.7 * 1200
    expect(r.responses.items.find((i) => i.incident_id === 'd')!.seconds).toBeNull();
  });

  it('has no response figures on a day without arrivals, and no negative waits', () => {
    expect(buildDailyReport(rows()).responses).toMatchObject({ median_s: null, p90_s: null });
    const r = buildDailyReport(rows({ calls: [{ id: 'x', kind: 'fire', created_at: '2026-03-01T06:00:10Z', arrived_at: '2026-03-01T06:00:00Z', unit_id: 'u' }] }));
    expect(r.responses.items[0]!.seconds).toBe(0);
  });

  it('tallies the rescued and the dead, per colour and per incident', () => {
    const v = (incident_id: string, condition: string, start_colour: string) => ({ incident_id, kind: 'airstrike', condition, start_colour });
    const r = buildDailyReport(rows({ victims: [v('a', 'alive', 'red'), v('a', 'dead', 'black'), v('b', 'alive', 'green'), v('a', 'alive', 'black')] }));
    expect(r.victims).toMatchObject({ alive: 3, dead: 1, by_colour: { red: 1, yellow: 0, green: 1, black: 2 } });
    expect(r.victims.by_incident).toEqual([
      { incident_id: 'a', kind: 'airstrike', alive: 2, dead: 1 },
      { incident_id: 'b', kind: 'airstrike', alive: 1, dead: 0 },
    ]);
  });

  it('reads supplies used (consumed or put in tanks), received, moved and left', () => {
    const m = (item: string, kind: string, total: number) => ({ centre_id: 'c1', centre: 'Hanano', item, kind, total });
    const r = buildDailyReport(
      rows({
        movements: [m('fuel', 'refuel', -60), m('fuel', 'consumption', -5.5), m('fuel', 'receipt', 200), m('body-bag', 'transfer-out', -4), m('body-bag', 'consumption', -3)],
        stockLeft: [
          { centre_id: 'c1', centre: 'Hanano', item: 'fuel', quantity: 334.5 },
          { centre_id: 'c1', centre: 'Hanano', item: 'body-bag', quantity: 2 },
          { centre_id: 'c2', centre: 'Ansari', item: 'stretcher', quantity: 6 },
        ],
      }),
    );
    expect(r.supplies).toEqual([
      { centre_id: 'c2', centre: 'Ansari', item: 'stretcher', unit: 'each', used: 0, received: 0, transferred_in: 0, transferred_out: 0, left: 6 },
      { centre_id: 'c1', centre: 'Hanano', item: 'body-bag', unit: 'each', used: 3, received: 0, transferred_in: 0, transferred_out: 4, left: 2 },
      { centre_id: 'c1', centre: 'Hanano', item: 'fuel', unit: 'litre', used: 65.5, received: 200, transferred_in: 0, transferred_out: 0, left: 334.5 },
    ]);
  });

  it('counts volunteer losses and fuel burnt on trips', () => {
    const r = buildDailyReport(
      rows({
        casualties: [
          { volunteer_id: 'v1', name: 'Abu Omar', kind: 'killed', incident_id: 'a', at: '2026-03-01T06:00:00Z' },
          { volunteer_id: 'v2', name: 'Samer', kind: 'injured', incident_id: 'a', at: '2026-03-01T06:00:00Z' },
        ],
        trips: { trips: 3, distance_m: 12_345, litres: 3.7035 },
      }),
    );
    expect(r.volunteer_losses).toMatchObject({ injured: 1, killed: 1 });
    expect(r.fuel_on_trips).toEqual({ trips: 3, distance_km: 12.3, litres: 3.704 });
  });
});
