// A made-up day of strikes on the loaded map, for trying a replay where no real history is at hand: raids
// of one to three strikes minutes apart, most of them around a few hotspots (a front line, a market), on
// road nodes so that every site can be reached. The same seed gives the same day.
import { haversineMeters } from '@civdef/core';
import { nodeLat, nodeLon, type RoadGraph } from '@civdef/router';
import { Prng } from '@civdef/warning';

export interface DemoStrikeOptions {
  count: number;
  hours: number;
  seed: number;
}

export interface DemoStrike {
  /** Epoch ms. */
  time: number;
  lat: number;
  lon: number;
  kind: string;
  killed: number;
  injured: number;
}

const DAY = Date.UTC(2025, 0, 1);
/** Share of raids at a hotspot, and how far around it their strikes fall. */
const CLUSTERED = 0.7;
const HOTSPOTS = 6;
const SPREAD_M = 700;
const KINDS: [string, number][] = [['airstrike', 0.5], ['barrel-bomb', 0.25], ['shelling', 0.2], ['fire', 0.05]];

function pick<T>(rng: Prng, weighted: readonly [T, number][]): T {
  let x = rng.next();
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1]![0];
}

/** A day of strikes, in time order. Precondition: the graph has nodes; count >= 1; hours > 0. */
export function demoStrikes(graph: RoadGraph, o: DemoStrikeOptions): DemoStrike[] {
  const rng = new Prng(o.seed);
  const anyNode = () => Math.floor(rng.next() * graph.nodeCount);
  const at = (v: number) => ({ lat: nodeLat(graph, v), lon: nodeLon(graph, v) });
  const hotspots = Array.from({ length: HOTSPOTS }, anyNode);
  const near = (centre: number): number => {
    const c = at(centre);
    for (let tries = 0; tries < 200; tries++) {
      const v = anyNode();
      const p = at(v);
      if (haversineMeters(p.lat, p.lon, c.lat, c.lon) <= SPREAD_M) return v;
    }
    return centre;
  };
  const out: DemoStrike[] = [];
  while (out.length < o.count) {
    const start = DAY + rng.next() * o.hours * 3_600_000;
    const spot = rng.next() < CLUSTERED ? hotspots[Math.floor(rng.next() * HOTSPOTS)]! : anyNode();
    const kind = pick(rng, KINDS);
    const size = Math.min(o.count - out.length, 1 + Math.floor(rng.next() * 3));
    for (let k = 0; k < size; k++) {
      const v = near(spot);
      const toll = Math.exp(rng.normal(0.8, 1));
      out.push({ time: Math.round(start + k * rng.uniform(1, 8) * 60_000), ...at(v), kind, killed: Math.floor(toll / 3), injured: Math.floor(toll) });
    }
  }
  return out.sort((a, b) => a.time - b.time);
}

/** The strikes as an import-incidents CSV. Precondition: none. */
export function strikesCsv(strikes: readonly DemoStrike[]): string {
  const lines = strikes.map((s) => {
    const iso = new Date(s.time).toISOString();
    return `${iso.slice(0, 10)},${iso.slice(11, 19)},${s.lat.toFixed(6)},${s.lon.toFixed(6)},${s.kind},${s.killed},${s.injured}`;
  });
  return ['date,time,latitude,longitude,kind,killed,injured', ...lines].join('\n') + '\n';
}
