// Local streets: the old town's irregular lanes and each district's street grid. Districts differ in
// orientation and block size, as cities grown in stages do; where two grids meet, frontier entries record
// where a street would continue so stitch() can join it to the nearest street across the border.
import { nearestSeed, voronoiCell, type Layout } from './layout.js';
import { streetName } from './names.js';
import { type Network, type NodeGrid, OLD_TOWN } from './network.js';
import type { Prng } from './prng.js';

/** A street end at a district border, and where its continuation would be. */
export interface FrontierEnd {
  node: number;
  x: number;
  y: number;
  reach: number;
  way: { way: number; name: number };
}

/** Lanes of the old town: a jittered 30 m mesh with dropped links, diagonal alleys and souq streets. Precondition: none. */
export function drawOldTown(net: Network, layout: Layout, rng: Prng, used: Set<string>): void {
  const s = 30;
  const angle = rng.range(0, Math.PI / 2);
  const c = Math.cos(angle);
  const sn = Math.sin(angle);
  const n = Math.ceil(layout.oldTownRadius / s) + 1;
  const w = 2 * n + 1;
  const ids = new Int32Array(w * w).fill(-1);
  for (let j = -n; j <= n; j++) {
    for (let i = -n; i <= n; i++) {
      const bx = i * s * c - j * s * sn;
      const by = i * s * sn + j * s * c;
      const jx = rng.range(-0.3, 0.3) * s;
      const jy = rng.range(-0.3, 0.3) * s;
      if (Math.hypot(bx, by) > layout.oldTownRadius - 10) continue;
      ids[(j + n) * w + (i + n)] = net.addNode(bx + jx, by + jy, OLD_TOWN);
    }
  }
  const at = (i: number, j: number) => (Math.abs(i) > n || Math.abs(j) > n ? -1 : ids[(j + n) * w + (i + n)]!);
  // Lines along i (rows, fixed j) and along j (columns, fixed i).
  for (const along of ['row', 'col'] as const) {
    for (let line = -n; line <= n; line++) {
      const souq = line % 9 === 0;
      const way = net.newWay(souq ? `Suq al-${streetName(rng, '', used).trim()}` : streetName(rng, 'Lane', used));
      const oneway = !souq && rng.chance(0.28) ? (rng.chance(0.5) ? 1 : -1) : 0;
      for (let k = -n; k < n; k++) {
        const a = along === 'row' ? at(k, line) : at(line, k);
        const b = along === 'row' ? at(k + 1, line) : at(line, k + 1);
        if (a < 0 || b < 0) continue;
        if (!souq && rng.chance(0.14)) continue;
        if (oneway < 0) net.addSegment(b, a, 12, way, true);
        else net.addSegment(a, b, souq ? 15 : 12, way, oneway > 0);
      }
    }
  }
  const alley = net.newWay('');
  for (let j = -n; j < n; j++) {
    for (let i = -n; i < n; i++) {
      const a = at(i, j);
      const b = at(i + 1, j + 1);
      if (a >= 0 && b >= 0 && rng.chance(0.05)) net.addSegment(a, b, 10, alley);
    }
  }
}

/**
 * Street grids of every district; returns the frontier ends. Districts are the Voronoi cells of the
 * seeds outside the old town only, so they reach right up to the boulevard. Precondition: none.
 */
export function drawDistricts(net: Network, layout: Layout, rng: Prng, used: Set<string>): FrontierEnd[] {
  const frontier: FrontierEnd[] = [];
  const { river, radius } = layout;
  const seeds = layout.seeds.filter((s) => !s.oldTown);
  const keepOut = layout.oldTownRadius + 70;
  seeds.forEach((seed, k) => {
    const cell = voronoiCell(seeds, k, radius);
    const angle = rng.range(0, Math.PI / 2);
    const s = rng.range(58, 80);
    const avenueEvery = rng.int(5, 7);
    const ux = Math.cos(angle);
    const uy = Math.sin(angle);
    const pos = (i: number, j: number): [number, number] => [seed.x + (i * ux - j * uy) * s, seed.y + (i * uy + j * ux) * s];
    let i0 = Infinity;
    let i1 = -Infinity;
    let j0 = Infinity;
    let j1 = -Infinity;
    for (const [x, y] of cell) {
      const u = ((x - seed.x) * ux + (y - seed.y) * uy) / s;
      const v = (-(x - seed.x) * uy + (y - seed.y) * ux) / s;
      i0 = Math.min(i0, Math.floor(u));
      i1 = Math.max(i1, Math.ceil(u));
      j0 = Math.min(j0, Math.floor(v));
      j1 = Math.max(j1, Math.ceil(v));
    }
    if (!Number.isFinite(i0)) return;
    const w = i1 - i0 + 1;
    const ids = new Int32Array(w * (j1 - j0 + 1)).fill(-1);
    const dry = (x: number, y: number) => Math.hypot(x, y) <= radius && !river.wet(x, y);
    const mine = (x: number, y: number) => dry(x, y) && Math.hypot(x, y) > keepOut && nearestSeed(seeds, x, y) === k;
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const [x, y] = pos(i, j);
        if (mine(x, y)) ids[(j - j0) * w + (i - i0)] = net.addNode(x, y, k);
      }
    }
    const at = (i: number, j: number) => (i < i0 || i > i1 || j < j0 || j > j1 ? -1 : ids[(j - j0) * w + (i - i0)]!);
    for (const along of ['row', 'col'] as const) {
      const [lo, hi, klo, khi] = along === 'row' ? [j0, j1, i0, i1] : [i0, i1, j0, j1];
      for (let line = lo; line <= hi; line++) {
        const avenue = line % avenueEvery === 0;
        const way = net.newWay(avenue ? streetName(rng, 'Avenue', used) : streetName(rng, 'Street', used));
        const oneway = !avenue && rng.chance(0.12) ? (line % 2 === 0 ? 1 : -1) : 0;
        for (let m = klo; m <= khi; m++) {
          const [ia, ja] = along === 'row' ? [m, line] : [line, m];
          const a = at(ia, ja);
          if (a < 0) continue;
          const [ib, jb] = along === 'row' ? [m + 1, line] : [line, m + 1];
          const b = at(ib, jb);
          if (b >= 0) {
            if (avenue || !rng.chance(0.03)) {
              if (oneway < 0) net.addSegment(b, a, 30, way, true);
              else net.addSegment(a, b, avenue ? 50 : 30, way, oneway > 0);
            }
          }
          // A street running out of the district (either way along the line) continues in the next one.
          for (const [ni, nj] of along === 'row' ? [[m + 1, line], [m - 1, line]] : [[line, m + 1], [line, m - 1]]) {
            if (at(ni!, nj!) >= 0) continue;
            const [x, y] = pos(ni!, nj!);
            if (dry(x, y) && Math.hypot(x, y) > keepOut && nearestSeed(seeds, x, y) !== k) frontier.push({ node: a, x, y, reach: 0.8 * s, way });
          }
        }
      }
    }
  });
  return frontier;
}

/** Joins each frontier end to the nearest street node of another district across the border. Precondition: grid over net. */
export function stitch(net: Network, grid: NodeGrid, frontier: readonly FrontierEnd[], layout: Layout): void {
  const patch = net.patch.data;
  const { x, y } = net;
  for (const f of frontier) {
    const side = layout.river.side(x.data[f.node]!, y.data[f.node]!);
    const own = patch[f.node]!;
    const v = grid.nearest(f.x, f.y, f.reach, (v) => patch[v]! >= 0 && patch[v] !== own && layout.river.side(x.data[v]!, y.data[v]!) === side);
    if (v >= 0) net.addLink(f.node, v, 30, f.way);
  }
}
