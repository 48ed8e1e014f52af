import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '../demo/demo-city.js';
import { nodeLat, nodeLon, type RoadGraph } from '../graph/graph.js';
import { arbDegrees, arbGraph, buildSpec } from '../test-support/random-graph.js';
import { edgesInCircle, edgesInPolygon, pointInRing, segmentsIntersect } from '../weights/select-area.js';
import { NoRoadNearbyError } from './errors.js';
import { projectionOf, projectX, projectY, segmentDistance } from './projection.js';
import { SnapIndex } from './snap-index.js';
import { edgeSource, twinsOf } from './twins.js';

/** Distance from a point to every edge by brute force, in the same plane the index uses. */
function bruteDistances(g: RoadGraph, lat: number, lon: number): number[] {
  const p = projectionOf(g);
  const px = projectX(p, lon);
  const py = projectY(p, lat);
  const out: number[] = [];
  for (let e = 0; e < g.edgeCount; e++) {
    const u = edgeSource(g, e);
    const v = g.targets[e]!;
    out.push(segmentDistance(px, py, p.x(u), p.y(u), p.x(v), p.y(v)));
  }
  return out;
}

let cached: { city: ReturnType<typeof generateDemoCity>; g: RoadGraph; index: SnapIndex } | undefined;
function demo() {
  if (!cached) {
    const city = generateDemoCity({ seed: 3 });
    cached = { city, g: city.graph, index: new SnapIndex(city.graph) };
  }
  return cached;
}

const arbPoint = fc.record({ lat: arbDegrees(36.18), lon: arbDegrees(37.13) });

describe('SnapIndex', () => {
  it('snaps to the nearest edge, as brute force finds it, on random graphs and points', () => {
    fc.assert(
      fc.property(arbGraph(), fc.array(arbPoint, { minLength: 1, maxLength: 10 }), (spec, points) => {
        const g = buildSpec(spec);
        const index = new SnapIndex(g, 1e7);
        for (const { lat, lon } of points) {
          const found = index.nearest(lat, lon);
          const brute = bruteDistances(g, lat, lon);
          if (!brute.length) {
            expect(found).toBeNull();
            continue;
          }
          const min = Math.min(...brute);
          expect(found).not.toBeNull();
          expect(found!.distanceM).toBeCloseTo(min, 6);
          expect(brute[found!.edge]).toBeCloseTo(min, 6);
          expect(found!.fraction).toBeGreaterThanOrEqual(0);
          expect(found!.fraction).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('snaps in the demo city like brute force, and refuses points beyond the limit', () => {
    const { g, index } = demo();
    fc.assert(
      fc.property(fc.double({ min: 36.15, max: 36.25, noNaN: true }), fc.double({ min: 37.08, max: 37.22, noNaN: true }), (lat, lon) => {
        const min = Math.min(...bruteDistances(g, lat, lon));
        const found = index.nearest(lat, lon);
        if (min > 500) expect(found).toBeNull();
        else expect(found!.distanceM).toBeCloseTo(min, 6);
      }),
      { numRuns: 60 },
    );
    // 2 km north of the city's northernmost node.
    let north = 0;
    for (let v = 0; v < g.nodeCount; v++) if (g.latE7[v]! > g.latE7[north]!) north = v;
    const far = { lat: nodeLat(g, north) + 0.018, lon: nodeLon(g, north) };
    expect(() => index.snap(far.lat, far.lon)).toThrow(NoRoadNearbyError);
    try {
      index.snap(far.lat, far.lon, { maxDistanceM: 1000 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(NoRoadNearbyError);
      expect((err as NoRoadNearbyError).limitM).toBe(1000);
      expect((err as NoRoadNearbyError).code).toBe('no-road-nearby');
      expect((err as Error).message).toContain('1000 m');
    }
    expect(index.snap(far.lat, far.lon, { maxDistanceM: 3000 }).distanceM).toBeGreaterThan(1900);
  });

  it('honours an accept filter, flipping to the twin when only it is acceptable', () => {
    const { g, index } = demo();
    const first = index.snap(nodeLat(g, 100), nodeLon(g, 100) + 0.0001);
    const twin = twinsOf(g)[first.edge]!;
    if (twin >= 0) {
      const flipped = index.snap(nodeLat(g, 100), nodeLon(g, 100) + 0.0001, { accept: (e) => e === twin });
      expect(flipped.edge).toBe(twin);
      expect(flipped.fraction).toBeCloseTo(1 - first.fraction, 9);
    }
    const other = index.snap(nodeLat(g, 100), nodeLon(g, 100) + 0.0001, { accept: (e) => e !== first.edge && e !== twin });
    expect(other.distanceM).toBeGreaterThanOrEqual(first.distanceM);
  });
});

describe('area selection', () => {
  it('selects exactly the edges within a circle, both directions', () => {
    fc.assert(
      fc.property(arbGraph(), arbPoint, fc.double({ min: 0, max: 800, noNaN: true }), (spec, c, r) => {
        const g = buildSpec(spec);
        const index = new SnapIndex(g);
        const got = [...edgesInCircle(index, c.lat, c.lon, r)];
        const want = bruteDistances(g, c.lat, c.lon).flatMap((d, e) => (d <= r ? [e] : []));
        expect(got).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it('selects the edges that touch a polygon', () => {
    const { city, g, index } = demo();
    const zone = city.zones.features[7]!.geometry.coordinates[0]!;
    const got = edgesInPolygon(index, zone);
    expect(got.length).toBeGreaterThan(50);
    const p = projectionOf(g);
    const rx = Float64Array.from(zone, ([lon]) => projectX(p, lon));
    const ry = Float64Array.from(zone, ([, lat]) => projectY(p, lat));
    // Brute force: an edge touches the polygon if an end is inside or it crosses the ring.
    const want: number[] = [];
    for (let e = 0; e < g.edgeCount; e++) {
      const u = edgeSource(g, e);
      const v = g.targets[e]!;
      const [ax, ay, bx, by] = [p.x(u), p.y(u), p.x(v), p.y(v)];
      let touches = pointInRing(ax, ay, rx, ry) || pointInRing(bx, by, rx, ry);
      for (let i = 0; i + 1 < rx.length && !touches; i++) touches = segmentsIntersect(ax, ay, bx, by, rx[i]!, ry[i]!, rx[i + 1]!, ry[i + 1]!);
      if (touches) want.push(e);
    }
    expect([...got]).toEqual(want);
    expect(() => edgesInPolygon(index, [[37.15, 36.2]])).toThrow(RangeError);
  });
});
