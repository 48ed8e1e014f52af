// The operations room's map fetches its roads by box as the view moves (GET /api/v1/map/roads?bbox=&zoom=),
// not the whole city at start: the first answer is the city's arterials, then the tiles the view covers;
// panning back costs no request; zooming in asks for the streets, zooming out leaves them out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, browserUnavailable, signIn, STACK_TIMEOUT_MS, startWebStack, type WebStack } from './support.js';

const skip = browserUnavailable();
const POLL = { timeout: 30_000, interval: 100 };
let s: WebStack;

interface RoadsRequest {
  bbox: string | null;
  zoom: number | null;
  segments: number[];
  truncated: boolean;
  bytes: number;
}

describe.skipIf(skip)('operations room map', () => {
  beforeAll(async () => {
    s = await startWebStack();
  }, STACK_TIMEOUT_MS);
  afterAll(async () => s?.close());

  it('fetches roads by box as it pans and zooms, and panning back costs nothing', async () => {
    const who = await s.user('dispatcher');
    const { page } = await s.page({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const seen: RoadsRequest[] = [];
    page.on('response', async (res) => {
      const url = new URL(res.url());
      if (url.pathname !== '/api/v1/map/roads') return;
      const body = await res.text();
      const json = JSON.parse(body) as { classes: { segments: number[] }[]; truncated: boolean };
      const zoom = url.searchParams.get('zoom');
      seen.push({ bbox: url.searchParams.get('bbox'), zoom: zoom === null ? null : Number(zoom), segments: json.classes.map((c) => c.segments.length / 4), truncated: json.truncated, bytes: body.length });
    });
    // Resolves once no roads have been asked for in 800 ms: the view has rested and its tiles are in.
    const settled = async () => {
      for (let n = -1; n !== seen.length; ) {
        n = seen.length;
        await page.waitForTimeout(800);
      }
      return seen.length;
    };
    const drawn = () => page.getByTestId('map').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! > 40 || d[i + 1]! > 40 || d[i + 2]! > 40) n++;
      return n / (d.length / 4);
    });
    await page.goto('/');
    await signIn(page, who);
    await page.locator('[data-testid=live][data-live=true]').waitFor();
    await expect.poll(drawn, POLL).toBeGreaterThan(0.02);
    const atStart = await settled();

    // First the city's arterials with its bounds (no box), then only boxes: never the whole city's streets.
    const whole = await s.t.app.inject({ url: '/api/v1/map/roads', headers: { authorization: `Bearer ${await s.t.tokenFor('viewer')}` } });
    const full = whole.json() as { classes: { segments: number[] }[] };
    const fullSegments = full.classes.map((c) => c.segments.length / 4);
    expect(seen[0]).toMatchObject({ bbox: null, zoom: 10 });
    expect(seen[0]!.segments.slice(0, 2)).toEqual([0, 0]);
    const tiles = seen.slice(1);
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.every((r) => r.bbox !== null && r.zoom !== null && !r.truncated)).toBe(true);
    // The fitted city is at about zoom 13.6: tiles at 13 carry every class.
    expect(tiles.some((r) => r.segments[0]! > 0)).toBe(true);
    const firstBytes = seen.reduce((n, r) => n + r.bytes, 0);
    console.info(`map at start: ${atStart} requests, ${(firstBytes / 1024).toFixed(0)} KB (the whole city's roads in one answer: ${fullSegments.reduce((a, b) => a + b, 0)} segments, ${(whole.body.length / 1024).toFixed(0)} KB)`); // eslint-disable-line no-console

    // Drag the map a third of its width and back: the way there asks for new tiles, the way back none.
    const box = (await page.getByTestId('map').boundingBox())!;
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    const drag = async (dx: number) => {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(cx + (dx * i) / 10, cy);
      await page.mouse.up();
    };
    const before = await drawn();
    await drag(-box.width / 3);
    const away = await settled();
    expect(away).toBeGreaterThan(atStart);
    await drag(box.width / 3);
    expect(await settled()).toBe(away);
    expect(Math.abs((await drawn()) - before)).toBeLessThan(0.01);

    // Zoom in on the middle: tiles of a finer level, the streets in them.
    await page.mouse.move(cx, cy);
    const zoomBefore = Math.max(...tiles.map((r) => r.zoom!));
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -350);
    await settled();
    const finer = seen.slice(away);
    expect(finer.length).toBeGreaterThan(0);
    expect(Math.min(...finer.map((r) => r.zoom!))).toBeGreaterThan(zoomBefore);
    expect(finer.some((r) => r.segments[0]! > 0)).toBe(true);
    await s.screenshot(page, 'ops-map-zoomed-in');

    // Zoom out past the whole city: the minor streets are left out of what is asked for.
    const before2 = seen.length;
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 400);
    await settled();
    const coarse = seen.slice(before2);
    expect(coarse.length).toBeGreaterThan(0);
    for (const r of coarse) {
      expect(r.zoom!).toBeLessThan(13);
      expect(r.segments[0]).toBe(0);
    }
    await expect.poll(drawn, POLL).toBeGreaterThan(0.003);
    await s.screenshot(page, 'ops-map-zoomed-out');
  }, BROWSER_TEST_TIMEOUT_MS);
});
