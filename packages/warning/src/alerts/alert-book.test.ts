import { describe, expect, it } from 'vitest';
import type { TrackForecast } from '../forecast/forecast.js';
import type { Track } from '../tracks/track.js';
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
});
