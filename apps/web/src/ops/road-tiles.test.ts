import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoadTiles, tileLevel, tilesCovering, toDegrees, zoomOfLevel, type Bbox, type RoadsAnswer } from './road-tiles.js';

const city: Bbox = [37.1, 36.17, 37.2, 36.23];
/** A small box inside tile (x, y) of level 13 (the level of zoom 14.5). */
const inTile = (x: number, y = 2867): Bbox => {
  const size = 360 / 2 ** 13;
  return [-180 + (x + 0.4) * size, -90 + (y + 0.4) * size, -180 + (x + 0.6) * size, -90 + (y + 0.6) * size];
};

describe('road tiles', () => {
  it('picks a level with tiles about 512 px across, and the zoom the server cuts classes by', () => {
    expect(tileLevel(13.6)).toBe(12);
    expect(tileLevel(0.5)).toBe(0);
    expect(tileLevel(30)).toBe(20);
    expect(zoomOfLevel(12)).toBe(13);
  });

  it('covers a box with whole tiles of the grid, each a valid box', () => {
    const tiles = tilesCovering(city, 12);
    const size = 360 / 2 ** 12;
    expect(tiles.length).toBeGreaterThan(1);
    const [w, s, e, n] = city;
    expect(Math.min(...tiles.map((t) => t.bbox[0]))).toBeLessThanOrEqual(w);
    expect(Math.max(...tiles.map((t) => t.bbox[2]))).toBeGreaterThanOrEqual(e);
    expect(Math.min(...tiles.map((t) => t.bbox[1]))).toBeLessThanOrEqual(s);
    expect(Math.max(...tiles.map((t) => t.bbox[3]))).toBeGreaterThanOrEqual(n);
    for (const t of tiles) {
      expect(t.bbox[2] - t.bbox[0]).toBeCloseTo(size);
      expect(t.bbox[0]).toBeLessThan(t.bbox[2]);
      expect(t.bbox[1]).toBeLessThan(t.bbox[3]);
    }
    expect(new Set(tiles.map((t) => t.key)).size).toBe(tiles.length);
    // A box moved within the same tiles has the same keys: the cache's hits.
    expect(tilesCovering([37.1001, 36.1701, 37.1999, 36.2299], 12).map((t) => t.key)).toEqual(tiles.map((t) => t.key));
    // The whole globe at level 0 stays within it.
    for (const t of tilesCovering([-180, -90, 180, 90], 0)) expect(t.bbox[3]).toBeLessThanOrEqual(90);
  });

  it('turns the server\'s integers into degrees per class', () => {
    const d = toDegrees({ graph_id: 'g', scale: 1e5, classes: [{ class: 2, segments: [3715000, 3620000, 3716000, 3621000] }] });
    expect(d.classes.map((c) => Array.from(c))).toEqual([[], [], [37.15, 36.2, 37.16, 36.21]]);
  });

  describe('cache', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    const answer = (graph = 'g'): RoadsAnswer => ({ graph_id: graph, scale: 1e5, classes: [{ class: 0, segments: [3715000, 3620000, 3716000, 3621000] }] });
    const settle = async () => {
      await vi.advanceTimersByTimeAsync(200);
    };

    it('asks once per tile when the view rests, and panning back costs nothing', async () => {
      const asked: string[] = [];
      let drawn = 0;
      const tiles = new RoadTiles(async (bbox, zoom) => {
        asked.push(`${bbox.join(',')} ${zoom}`);
        return answer();
      }, () => drawn++);
      const first = tiles.visible(city, 13.6);
      expect(first).toEqual({ tiles: [], complete: false });
      // Views passed through during a gesture ask nothing until one rests.
      tiles.visible([40, 40, 40.1, 40.1], 13.6);
      tiles.visible(city, 13.6);
      await settle();
      const n = tilesCovering(city, 12).length;
      expect(asked).toHaveLength(n);
      expect(asked.every((a) => a.endsWith(' 13'))).toBe(true);
      expect(drawn).toBe(n);
      expect(tiles.visible(city, 13.6)).toMatchObject({ complete: true });
      expect(tiles.visible(city, 13.6).tiles).toHaveLength(n);
      // Away and back: only the new place is asked for.
      tiles.visible([37.3, 36.17, 37.4, 36.23], 13.6);
      await settle();
      const away = asked.length;
      expect(away).toBeGreaterThan(n);
      tiles.visible(city, 13.6);
      await settle();
      expect(asked).toHaveLength(away);
      expect(tiles.requests).toBe(away);
    });

    it('is not held back by redraws of a view that does not move', async () => {
      const tiles = new RoadTiles(async () => answer(), () => undefined);
      for (let i = 0; i < 10; i++) {
        tiles.visible(inTile(4938), 14.5);
        await vi.advanceTimersByTimeAsync(50);
      }
      expect(tiles.requests).toBe(1);
    });

    it('keeps the tiles drawn last, and forgets them all when the map is replaced', async () => {
      let graph = 'g1';
      const tiles = new RoadTiles(async () => answer(graph), () => undefined, { maxTiles: 4 });
      const boxes = [4938, 4939, 4940, 4941, 4942].map((x) => inTile(x));
      for (const b of boxes) expect(tilesCovering(b, 13)).toHaveLength(1);
      for (const b of boxes) {
        tiles.visible(b, 14.5);
        await settle();
      }
      expect(tiles.requests).toBe(5);
      expect(tiles.visible(boxes[0]!, 14.5).complete).toBe(false); // evicted: the least recently drawn
      expect(tiles.visible(boxes[4]!, 14.5).complete).toBe(true);
      graph = 'g2';
      tiles.visible(inTile(4950), 14.5);
      await settle();
      expect(tiles.visible(boxes[4]!, 14.5).complete).toBe(false);
    });

    it('does not ask again at once for a tile the server refused', async () => {
      let calls = 0;
      const tiles = new RoadTiles(async () => {
        calls++;
        throw new Error('403');
      }, () => undefined);
      tiles.visible(inTile(4938), 14.5);
      await settle();
      tiles.visible(inTile(4938), 14.5);
      await settle();
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(6_000);
      tiles.visible(inTile(4938), 14.5);
      await settle();
      expect(calls).toBe(2);
    });
  });
});
