// The demo city's road network while it is being drawn: nodes in metres with the patch they belong to,
// and undirected road segments with speed, way, name and oneway flag. Finished into a RoadGraph by
// finish.ts. Typed growable arrays keep a 1M-node city within a few hundred MB while it is built.
import { Grow, growF32, growF64, growU32 } from './graph-builder.js';

/** Patch ids of nodes that are not in a street district (districts are 0 .. seeds-1). */
export const OLD_TOWN = -1;
export const BOULEVARD = -2;
export const RADIAL = -3;
export const RING = -4;

export class Network {
  readonly x = growF64();
  readonly y = growF64();
  readonly patch = new Grow(new Int32Array(64), (n) => new Int32Array(n));
  readonly a = growU32();
  readonly b = growU32();
  readonly speedKmh = growF32();
  readonly way = growU32();
  readonly name = growU32();
  readonly oneway = new Grow(new Uint8Array(64), (n) => new Uint8Array(n));
  readonly names: string[] = [''];
  private readonly nameIds = new Map<string, number>([['', 0]]);
  private readonly pairs = new Set<number>();
  wayCount = 0;

  get nodeCount(): number {
    return this.x.length;
  }

  get segmentCount(): number {
    return this.a.length;
  }

  /** Adds a node; returns its id. Precondition: finite metres; patch a district index or one of the constants above. */
  addNode(x: number, y: number, patch: number): number {
    this.x.push(x);
    this.y.push(y);
    this.patch.push(patch);
    return this.x.length - 1;
  }

  /** A new way id (OSM-like, from 1) with its name index. Precondition: none. */
  newWay(name: string): { way: number; name: number } {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, id);
    }
    return { way: ++this.wayCount, name: id };
  }

  /** Adds a road segment; oneway means a -> b only. Precondition: a and b are existing nodes. */
  addSegment(a: number, b: number, speedKmh: number, way: { way: number; name: number }, oneway = false): void {
    this.a.push(a);
    this.b.push(b);
    this.speedKmh.push(speedKmh);
    this.way.push(way.way);
    this.name.push(way.name);
    this.oneway.push(oneway ? 1 : 0);
  }

  /**
   * Adds a two-way link between patches unless the pair is already linked. Links only join nodes of
   * different patches, which street segments never do, so only links need the duplicate check.
   * Precondition: a and b are existing nodes, fewer than 2^26 of them.
   */
  addLink(a: number, b: number, speedKmh: number, way: { way: number; name: number }): boolean {
    if (a === b) return false;
    const key = Math.min(a, b) * 67_108_864 + Math.max(a, b);
    if (this.pairs.has(key)) return false;
    this.pairs.add(key);
    this.addSegment(a, b, speedKmh, way);
    return true;
  }
}

/** A packed grid of node ids for nearest-node queries while linking patches together. */
export class NodeGrid {
  /** Indexes the network's current nodes. Precondition: nodes lie within half metres of the origin (others clamp to the border cells). */
  private readonly start: Uint32Array;
  private readonly items: Uint32Array;
  private readonly cols: number;
  private readonly rows: number;

  constructor(
    private readonly net: Network,
    private readonly half: number,
    private readonly cell = 50,
  ) {
    this.cols = this.rows = Math.ceil((2 * half) / cell) + 1;
    this.start = new Uint32Array(this.cols * this.rows + 1);
    const n = net.nodeCount;
    for (let v = 0; v < n; v++) this.start[this.cellOf(net.x.data[v]!, net.y.data[v]!) + 1]!++;
    for (let c = 0; c < this.cols * this.rows; c++) this.start[c + 1]! += this.start[c]!;
    const fill = this.start.slice(0, -1);
    this.items = new Uint32Array(n);
    for (let v = 0; v < n; v++) this.items[fill[this.cellOf(net.x.data[v]!, net.y.data[v]!)]!++] = v;
  }

  private clampCol(x: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor((x + this.half) / this.cell)));
  }

  private clampRow(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y + this.half) / this.cell)));
  }

  private cellOf(x: number, y: number): number {
    return this.clampRow(y) * this.cols + this.clampCol(x);
  }

  /** The nearest node within maxDist for which accept is true, or -1 (ties to the lower id). Precondition: maxDist >= 0. */
  nearest(x: number, y: number, maxDist: number, accept: (v: number) => boolean): number {
    const { x: xs, y: ys } = this.net;
    let best = -1;
    let bestD = maxDist * maxDist;
    for (let r = this.clampRow(y - maxDist); r <= this.clampRow(y + maxDist); r++) {
      for (let c = this.clampCol(x - maxDist); c <= this.clampCol(x + maxDist); c++) {
        const cell = r * this.cols + c;
        for (let i = this.start[cell]!; i < this.start[cell + 1]!; i++) {
          const v = this.items[i]!;
          const d = (xs.data[v]! - x) ** 2 + (ys.data[v]! - y) ** 2;
          if (d <= bestD && (d < bestD || v < best) && accept(v)) {
            best = v;
            bestD = d;
          }
        }
      }
    }
    return best;
  }
}
