// A static spatial index over road segments: a packed uniform grid (counting-sorted into two typed
// arrays) in the graph's local projection. City road networks are dense and fairly even, so a grid with
// about one segment per cell answers "nearest road" by visiting a handful of cells, and it is built in
// two linear passes with no per-item allocation. Only one edge of each two-way road is indexed: its twin
// has the same geometry.
import { nodeLat, nodeLon, type RoadGraph } from '../graph/graph.js';
import { NoRoadNearbyError } from './errors.js';
import { nearestT, projectionOf, projectX, projectY, type Projection } from './projection.js';
import { edgeSource, twinsOf } from './twins.js';

export interface SnappedPoint {
  /** The directed edge the point lies on (its twin, if any, covers the same segment reversed). */
  readonly edge: number;
  /** Position along the edge from its source (0) to its target (1). */
  readonly fraction: number;
  /** Distance from the query point to the road, metres. */
  readonly distanceM: number;
  /** The point on the road. */
  readonly lat: number;
  readonly lon: number;
}

export interface SnapOptions {
  /** Farthest acceptable road, metres; default the index's maxDistanceM. */
  maxDistanceM?: number;
  /** Only consider edges for which this is true (e.g. open ones: `e => weights.current[e] < Infinity`). */
  accept?: (edge: number) => boolean;
}

export const DEFAULT_MAX_SNAP_M = 500;

export class SnapIndex {
  readonly projection: Projection;
  readonly cellSize: number;
  readonly cols: number;
  readonly rows: number;
  private readonly minX: number;
  private readonly minY: number;
  /** Edges of cell c are cellEdges[cellStart[c] .. cellStart[c+1]-1]. */
  private readonly cellStart: Uint32Array;
  private readonly cellEdges: Uint32Array;
  private readonly seen: Uint32Array;
  private stamp = 0;

  /** Builds the grid in O(E + cells). Precondition: the graph is not mutated afterwards. */
  constructor(
    readonly graph: RoadGraph,
    readonly maxDistanceM = DEFAULT_MAX_SNAP_M,
  ) {
    const p = (this.projection = projectionOf(graph));
    const twins = twinsOf(graph);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < graph.nodeCount; i++) {
      minX = Math.min(minX, p.x(i));
      maxX = Math.max(maxX, p.x(i));
      minY = Math.min(minY, p.y(i));
      maxY = Math.max(maxY, p.y(i));
    }
    if (!(minX <= maxX)) minX = minY = maxX = maxY = 0;
    let indexed = 0;
    for (let e = 0; e < graph.edgeCount; e++) if (twins[e]! < 0 || twins[e]! > e) indexed++;
    // About one segment per cell, but never finer than 10 m and never more than 4 cells per segment.
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    let cs = Math.max(10, Math.sqrt((w * h) / Math.max(1, indexed)));
    while (Math.ceil(w / cs) * Math.ceil(h / cs) > 4 * indexed + 16) cs *= 1.5;
    this.cellSize = cs;
    this.cols = Math.ceil(w / cs);
    this.rows = Math.ceil(h / cs);
    this.minX = minX;
    this.minY = minY;
    // Pass 1 counts the cells each segment's box covers; pass 2 fills them (counting sort).
    const cellStart = new Uint32Array(this.cols * this.rows + 1);
    this.forEachCell(twins, (cell) => cellStart[cell + 1]!++);
    for (let i = 0; i < this.cols * this.rows; i++) cellStart[i + 1]! += cellStart[i]!;
    const fill = cellStart.slice(0, -1);
    const cellEdges = new Uint32Array(cellStart[cellStart.length - 1]!);
    this.forEachCell(twins, (cell, e) => (cellEdges[fill[cell]!++] = e));
    this.cellStart = cellStart;
    this.cellEdges = cellEdges;
    this.seen = new Uint32Array(graph.edgeCount);
  }

  private forEachCell(twins: Int32Array, visit: (cell: number, edge: number) => void): void {
    const { offsets, targets } = this.graph;
    const p = this.projection;
    for (let u = 0; u < this.graph.nodeCount; u++) {
      const xu = p.x(u);
      const yu = p.y(u);
      for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
        const t = twins[e]!;
        if (t >= 0 && t < e) continue;
        const v = targets[e]!;
        const xv = p.x(v);
        const yv = p.y(v);
        const c1 = this.col(Math.max(xu, xv));
        const r1 = this.row(Math.max(yu, yv));
        for (let r = this.row(Math.min(yu, yv)); r <= r1; r++) {
          for (let c = this.col(Math.min(xu, xv)); c <= c1; c++) visit(r * this.cols + c, e);
        }
      }
    }
  }

  private col(x: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor((x - this.minX) / this.cellSize)));
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cellSize)));
  }

  /** The nearest point on a road, or throws NoRoadNearbyError beyond the limit. Precondition: valid WGS84 degrees. */
  snap(lat: number, lon: number, options: SnapOptions = {}): SnappedPoint {
    const found = this.nearest(lat, lon, options);
    if (!found) throw new NoRoadNearbyError(lat, lon, options.maxDistanceM ?? this.maxDistanceM);
    return found;
  }

  /** The nearest point on a road within the limit, or null. Precondition: valid WGS84 degrees. */
  nearest(lat: number, lon: number, options: SnapOptions = {}): SnappedPoint | null {
    const limit = options.maxDistanceM ?? this.maxDistanceM;
    const accept = options.accept;
    const p = this.projection;
    const { targets } = this.graph;
    const px = projectX(p, lon);
    const py = projectY(p, lat);
    // The query's cell, possibly outside the grid; rings of cells around it at Chebyshev distance r lie
    // at least (r - 1) cell sizes away, which bounds the search.
    const qc = Math.floor((px - this.minX) / this.cellSize);
    const qr = Math.floor((py - this.minY) / this.cellSize);
    const maxRing = Math.max(Math.abs(qc), Math.abs(qr), Math.abs(qc - this.cols + 1), Math.abs(qr - this.rows + 1));
    let best = -1;
    let bestD2 = limit * limit;
    let bestT = 0;
    for (let ring = 0; ring <= maxRing; ring++) {
      const lower = (ring - 1) * this.cellSize;
      if (lower > 0 && lower * lower > bestD2) break;
      for (let r = qr - ring; r <= qr + ring; r++) {
        if (r < 0 || r >= this.rows) continue;
        const edgeRow = r === qr - ring || r === qr + ring;
        const step = edgeRow || ring === 0 ? 1 : 2 * ring;
        for (let c = qc - ring; c <= qc + ring; c += step) {
          if (c < 0 || c >= this.cols) continue;
          const cell = r * this.cols + c;
          for (let i = this.cellStart[cell]!; i < this.cellStart[cell + 1]!; i++) {
            const e = this.cellEdges[i]!;
            const u = this.sourceOf(e);
            const v = targets[e]!;
            const ax = p.x(u);
            const ay = p.y(u);
            const bx = p.x(v);
            const by = p.y(v);
            const t = nearestT(px, py, ax, ay, bx, by);
            const dx = ax + t * (bx - ax) - px;
            const dy = ay + t * (by - ay) - py;
            const d2 = dx * dx + dy * dy;
            // Ties go to the lower edge id, so the answer does not depend on cell visiting order.
            if ((d2 < bestD2 || (d2 === bestD2 && e < best)) && (!accept || this.acceptEither(e, accept))) {
              best = e;
              bestD2 = d2;
              bestT = t;
            }
          }
        }
      }
    }
    if (best < 0) return null;
    let edge = best;
    let fraction = bestT;
    if (accept && !accept(edge)) {
      edge = twinsOf(this.graph)[edge]!;
      fraction = 1 - fraction;
    }
    const u = this.sourceOf(edge);
    const v = targets[edge]!;
    const g = this.graph;
    return {
      edge,
      fraction,
      distanceM: Math.sqrt(bestD2),
      lat: nodeLat(g, u) + fraction * (nodeLat(g, v) - nodeLat(g, u)),
      lon: nodeLon(g, u) + fraction * (nodeLon(g, v) - nodeLon(g, u)),
    };
  }

  /**
   * Calls visit once for each indexed edge whose segment box meets the box (projected metres); the
   * caller tests the exact geometry. Precondition: not re-entered from inside visit.
   */
  forEachCandidate(minX: number, minY: number, maxX: number, maxY: number, visit: (edge: number) => void): void {
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const c0 = this.col(minX);
    const c1 = this.col(maxX);
    const r0 = this.row(minY);
    const r1 = this.row(maxY);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.cols + c;
        for (let i = this.cellStart[cell]!; i < this.cellStart[cell + 1]!; i++) {
          const e = this.cellEdges[i]!;
          if (this.seen[e] === stamp) continue;
          this.seen[e] = stamp;
          visit(e);
        }
      }
    }
  }

  /** Source node of an edge. Precondition: 0 <= edge < edgeCount. */
  sourceOf(edge: number): number {
    return edgeSource(this.graph, edge);
  }

  private acceptEither(e: number, accept: (edge: number) => boolean): boolean {
    if (accept(e)) return true;
    const t = twinsOf(this.graph)[e]!;
    return t >= 0 && accept(t);
  }
}
