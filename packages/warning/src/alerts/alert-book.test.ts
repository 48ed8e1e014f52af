import { describe, expect, it } from 'vitest';
import type { TrackForecast } from '../forecast/forecast.js';
import type { Track } from '../tracks/track.js';
import { Prng } from '../sim/prng.js';
import { AlertBook } from './alert-book.js';

const track = { id: 'T1', type: 'jet' } as Track;
const at = (min: number) => 1_000_000 + min * 60_000;
const forecast = (min: number, zones: [number, number][]): TrackForecast => ({
  trackId: 'T1',
  time: at(min),
  mode: 'cone',
  position: { x: 0, y: 0 },
  positionSd: 500,
  speed: 194,
  zones: zones.map(([zone, probability]) => ({ zone, probability, imminent: 0, earliest: at(min + 1), latest: at(min + 3) })),
});

describe('AlertBook', () => {
  it('issues, updates when the zones change, stays quiet when they do not, and cancels when the track ends', () => {
    const book = new AlertBook({ maxImminent: 0, maxZones: 2, coverage: 0.9, minProbability: 0.1 });
    expect(book.onForecast(track, forecast(0, [[1, 0.05]]))).toEqual([]);
    const [issue] = book.onForecast(track, forecast(1, [[1, 0.5], [2, 0.3]]));
    expect(issue).toMatchObject({ action: 'issue', alertId: 'T1-1', trackId: 'T1', aircraft: 'jet', time: at(1) });
    expect(issue!.zones.map((z) => z.zone)).toEqual([1, 2]);
    expect(book.onForecast(track, forecast(2, [[2, 0.45], [1, 0.4]]))).toEqual([]);
    const [update] = book.onForecast(track, forecast(3, [[3, 0.6], [2, 0.3]]));
    expect(update).toMatchObject({ action: 'update', alertId: 'T1-1' });
    expect(update!.zones.map((z) => z.zone)).toEqual([3, 2]);
    expect(book.inForce()).toEqual([{ alertId: 'T1-1', trackId: 'T1', zones: update!.zones }]);
    const ended = { ...track, ended: { time: at(4), reason: 'left' as const } };
    expect(book.onEnded(ended, at(4))).toEqual([{ time: at(4), alertId: 'T1-1', trackId: 'T1', aircraft: 'jet', action: 'cancel', zones: [], reason: 'left' }]);
    expect(book.inForce()).toEqual([]);
    expect(book.onEnded(ended, at(5))).toEqual([]);
  });

  it('gives the all clear when no zone is at risk any more, and a new alert id if the track threatens again', () => {
    const book = new AlertBook({ maxImminent: 0, minProbability: 0.1, keepProbability: 0.05, allClearAfterMs: 60_000 });
    book.onForecast(track, forecast(0, [[1, 0.9]]));
    // Quiet for less than the grace period: nothing yet; back at risk: the same alert goes on.
    expect(book.onForecast(track, forecast(1, [[1, 0.01]]))).toEqual([]);
    expect(book.onForecast(track, forecast(1.5, [[1, 0.9]]))).toEqual([]);
    expect(book.onForecast(track, forecast(2, [[1, 0.01]]))).toEqual([]);
    expect(book.onForecast(track, forecast(3, [[1, 0.01]]))).toMatchObject([{ action: 'cancel', reason: 'no-zone-at-risk', alertId: 'T1-1' }]);
    expect(book.onForecast(track, forecast(4, [[4, 0.9]]))).toMatchObject([{ action: 'issue', alertId: 'T1-2' }]);
  });

  it('names more than meanZones in a message only from what its earlier messages saved', () => {
    const book = new AlertBook({ maxImminent: 0, coverage: 1, minProbability: 0.01, holdMs: 0, stickiness: 1, maxZones: 6, meanZones: 4 });
    const many: [number, number][] = [[1, 0.2], [2, 0.19], [3, 0.18], [4, 0.17], [5, 0.16], [6, 0.1]];
    // A first message gets four at most; then two messages of one zone each (one zone covers the forecast) save six slots.
    expect(book.onForecast(track, forecast(0, many))[0]!.zones).toHaveLength(4);
    expect(book.onForecast(track, forecast(1, [[7, 0.95]]))[0]!.zones).toHaveLength(1);
    expect(book.onForecast(track, forecast(2, [[8, 0.95]]))[0]!.zones).toHaveLength(1);
    // 4 + 1 + 1 named over three messages saved six slots: three messages of six zones spend them, then four again.
    const shifted = (k: number) => many.map(([z, p]): [number, number] => [z + 10 * k, p]);
    expect(book.onForecast(track, forecast(3, many))[0]!.zones.map((z) => z.zone)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(book.onForecast(track, forecast(4, shifted(1)))[0]!.zones).toHaveLength(6);
    expect(book.onForecast(track, forecast(5, shifted(2)))[0]!.zones).toHaveLength(6);
    expect(book.onForecast(track, forecast(6, shifted(3)))[0]!.zones).toHaveLength(4);
  });

  it('keeps every alert within meanZones per message over any run of forecasts', () => {
    const rng = new Prng(5);
    const book = new AlertBook({ maxZones: 6, meanZones: 4 });
    const spent = new Map<string, { messages: number; zones: number }>();
    let most = 0;
    for (let k = 0; k < 400; k++) {
      const min = k / 4;
      const zones = Array.from({ length: 1 + Math.floor(rng.uniform(0, 12)) }, () => ({ zone: Math.floor(rng.uniform(0, 30)), probability: rng.uniform(0.01, 0.12), imminent: rng.uniform(0, 0.5), earliest: at(min + rng.uniform(-1, 6)), latest: at(min + 8) }));
      const unique = [...new Map(zones.map((z) => [z.zone, z])).values()].sort((a, b) => b.probability - a.probability);
      for (const d of book.onForecast(track, { ...forecast(min, []), zones: unique })) {
        if (d.action === 'cancel') continue;
        const s = spent.get(d.alertId) ?? { messages: 0, zones: 0 };
        spent.set(d.alertId, { messages: s.messages + 1, zones: s.zones + d.zones.length });
        most = Math.max(most, d.zones.length);
      }
    }
    const all = [...spent.values()];
    expect(all.reduce((a, s) => a + s.messages, 0)).toBeGreaterThan(50);
    for (const s of all) expect(s.zones / s.messages).toBeLessThanOrEqual(4);
    // The budget was spent: some message named more than four zones.
    expect(most).toBeGreaterThan(4);
  });
});
