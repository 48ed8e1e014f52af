// Arterials: the boulevard around the old town, radial avenues out to the edge of the city, and the ring
// road, which meets the rest of the network only at its interchanges with the radials, like a motorway.
// Only radials and the ring cross the river, so its bridges are few and a closed bridge means a detour.
import type { Layout } from './layout.js';
import { landmarkName, streetName, type PlaceName } from './names.js';
import { BOULEVARD, type Network, type NodeGrid, OLD_TOWN, RADIAL, RING } from './network.js';
import type { Prng } from './prng.js';

export interface Arterials {
  boulevard: number[];
  /** Radial nodes, excluding the boulevard node each starts from. */
  radials: number[][];
  interchanges: number[];
  bridges: { name: PlaceName; way: number }[];
}

/** Draws the boulevard, the radials and the ring road. Precondition: none. */
export function drawArterials(net: Network, layout: Layout, rng: Prng, used: Set<string>): Arterials {
  const bridges: Arterials['bridges'] = [];
  const rb = layout.boulevardRadius;
  const nb = Math.max(12, Math.round((2 * Math.PI * rb) / 45));
  const boulevard: number[] = [];
  for (let k = 0; k < nb; k++) {
    const a = (2 * Math.PI * k) / nb;
    boulevard.push(net.addNode(rb * Math.cos(a), rb * Math.sin(a), BOULEVARD));
  }
  const bway = net.newWay(streetName(rng, 'Boulevard', used));
  for (let k = 0; k < nb; k++) net.addSegment(boulevard[k]!, boulevard[(k + 1) % nb]!, 40, bway);

  const count = rng.int(8, 10);
  const radials: number[][] = [];
  const interchanges: { node: number; angle: number }[] = [];
  for (let i = 0; i < count; i++) {
    const base = (2 * Math.PI * i) / count + rng.range(-0.15, 0.15);
    const phase = rng.range(0, 2 * Math.PI);
    const angleAt = (r: number) => base + 0.05 * Math.sin(r / 700 + phase);
    const start = boulevard[((Math.round((angleAt(rb) / (2 * Math.PI)) * nb) % nb) + nb) % nb]!;
    const nodes: number[] = [];
    let ringDone = false;
    for (let r = rb + 100; r <= layout.radius; r += 100) {
      const ringR = layout.ringRadius(angleAt(r));
      if (!ringDone && r >= ringR) {
        ringDone = true;
        const a = angleAt(ringR);
        const node = net.addNode(ringR * Math.cos(a), ringR * Math.sin(a), RADIAL);
        interchanges.push({ node, angle: ((a % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI) });
        nodes.push(node);
        if (r - ringR < 40) continue;
      }
      const a = angleAt(r);
      nodes.push(net.addNode(r * Math.cos(a), r * Math.sin(a), RADIAL));
    }
    radials.push(nodes);
    polyline(net, layout, rng, [start, ...nodes], 60, 40, net.newWay(streetName(rng, 'Road', used)), bridges);
  }

  interchanges.sort((p, q) => p.angle - q.angle);
  for (let k = 0; k < interchanges.length; k++) {
    const from = interchanges[k]!;
    const to = interchanges[(k + 1) % interchanges.length]!;
    const span = (to.angle - from.angle + 2 * Math.PI) % (2 * Math.PI) || 2 * Math.PI;
    const steps = Math.max(1, Math.ceil((span * layout.ringRadius(from.angle)) / 150));
    const arc = [from.node];
    for (let t = 1; t < steps; t++) {
      const a = from.angle + (span * t) / steps;
      const r = layout.ringRadius(a);
      arc.push(net.addNode(r * Math.cos(a), r * Math.sin(a), RING));
    }
    arc.push(to.node);
    polyline(net, layout, rng, arc, 80, 70, net.newWay('Ring Road'), bridges);
  }
  return { boulevard, radials, interchanges: interchanges.map((i) => i.node), bridges };
}

/**
 * Chains nodes with two-way segments. A run of segments at the water's edge that gets across (its ends
 * on opposite banks) becomes a named bridge way of its own; a run that stays on one bank is plain road.
 */
function polyline(
  net: Network,
  layout: Layout,
  rng: Prng,
  nodes: number[],
  speed: number,
  bridgeSpeed: number,
  way: { way: number; name: number },
  bridges: Arterials['bridges'],
): void {
  const { x, y } = net;
  const river = layout.river;
  const wet = (v: number) => river.wet(x.data[v]!, y.data[v]!, 5);
  const side = (v: number) => river.side(x.data[v]!, y.data[v]!);
  let run: number[] = [];
  const flush = () => {
    if (run.length < 2) return;
    const across = side(run[0]!) !== side(run[run.length - 1]!);
    let bridge = way;
    if (across) {
      const name = landmarkName(rng, 'Bridge', 'جسر');
      bridge = net.newWay(name.en);
      bridges.push({ name, way: bridge.way });
    }
    for (let k = 0; k + 1 < run.length; k++) net.addSegment(run[k]!, run[k + 1]!, across ? bridgeSpeed : speed, bridge);
  };
  for (let k = 0; k + 1 < nodes.length; k++) {
    const a = nodes[k]!;
    const b = nodes[k + 1]!;
    if (wet(a) || wet(b) || side(a) !== side(b)) {
      if (!run.length) run.push(a);
      run.push(b);
      continue;
    }
    flush();
    run = [];
    net.addSegment(a, b, speed, way);
  }
  flush();
}

/** Joins the boulevard to the old town's lanes and to the districts, and each radial to the streets it passes. Precondition: grid over net. */
export function linkArterials(net: Network, grid: NodeGrid, layout: Layout, art: Arterials): void {
  const patch = net.patch.data;
  const { x, y } = net;
  const river = layout.river;
  const gate = net.newWay('');
  art.boulevard.forEach((b, k) => {
    const bx = x.data[b]!;
    const by = y.data[b]!;
    // Every other boulevard node is a gate into the old town; the wall stood between them.
    if (k % 2 === 0) {
      const v = grid.nearest(bx, by, 60, (v) => patch[v] === OLD_TOWN);
      if (v >= 0) net.addLink(b, v, 20, gate);
    }
    const d = grid.nearest(bx, by, 110, (v) => patch[v]! >= 0);
    if (d >= 0) net.addLink(b, d, 30, gate);
  });
  const interchange = new Set(art.interchanges);
  for (const nodes of art.radials) {
    for (const r of nodes) {
      const rx = x.data[r]!;
      const ry = y.data[r]!;
      if (interchange.has(r) || river.wet(rx, ry, 40)) continue;
      const side = river.side(rx, ry);
      const v = grid.nearest(rx, ry, 55, (v) => patch[v]! >= 0 && river.side(x.data[v]!, y.data[v]!) === side);
      if (v >= 0) net.addLink(r, v, 30, gate);
    }
  }
}
