// Builds a RoadGraph (CSR) from nodes and directed edges added in any order. Used by the demo city and by
// tests that need small graphs; the OSM importer has its own streaming builder.
import { toE7, type RoadGraph } from '../graph/graph.js';
import { WayTableBuilder } from '../graph/way-table.js';

/** A growable typed array: amortised O(1) push without boxing numbers in a JS array. */
/** Precondition for all methods: none beyond the types; `make(n)` must return a zeroed array of length n. */
export class Grow<T extends Float64Array | Float32Array | Uint32Array | Int32Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** A trimmed copy. Precondition: none. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** Empty growable arrays of each element type. Precondition: none. */
export const growF64 = (): Grow<Float64Array> => new Grow(new Float64Array(64), (n) => new Float64Array(n));
export const growF32 = (): Grow<Float32Array> => new Grow(new Float32Array(64), (n) => new Float32Array(n));
export const growU32 = (): Grow<Uint32Array> => new Grow(new Uint32Array(64), (n) => new Uint32Array(n));
export const growI32 = (): Grow<Int32Array> => new Grow(new Int32Array(64), (n) => new Int32Array(n));

export class GraphBuilder {
  private readonly lat = growI32();
  private readonly lon = growI32();
  private readonly src = growU32();
  private readonly dst = growU32();
  private readonly dur = growF32();
  private readonly len = growF32();
  private readonly way = growU32();
  private readonly ways = new WayTableBuilder();
  private readonly names: string[] = [''];
  private readonly nameIds = new Map<string, number>([['', 0]]);

  get nodeCount(): number {
    return this.lat.length;
  }

  get edgeCount(): number {
    return this.src.length;
  }

  /** Adds a node and returns its id (stored to 1e-7 degree). Precondition: valid WGS84 degrees. */
  addNode(lat: number, lon: number): number {
    this.lat.push(toE7(lat));
    this.lon.push(toE7(lon));
    return this.lat.length - 1;
  }

  /** Adds one directed edge. Precondition: both nodes exist; durationS >= 0 and lengthM >= 0. */
  addEdge(from: number, to: number, durationS: number, lengthM: number, wayId = 0, name = ''): void {
    if (from >= this.nodeCount || to >= this.nodeCount) throw new RangeError(`edge ${from}->${to}: no such node`);
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, id);
    }
    this.src.push(from);
    this.dst.push(to);
    this.dur.push(durationS);
    this.len.push(lengthM);
    this.way.push(this.ways.indexOf(wayId, id));
  }

  /** The CSR graph; edges of a node keep their insertion order. Precondition: none. */
  build(): RoadGraph {
    const n = this.nodeCount;
    const m = this.edgeCount;
    const offsets = new Uint32Array(n + 1);
    const src = this.src.data;
    for (let i = 0; i < m; i++) offsets[src[i]! + 1]!++;
    for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
    const fill = offsets.slice(0, n);
    const targets = new Uint32Array(m);
    const durationS = new Float32Array(m);
    const lengthM = new Float32Array(m);
    const edgeWay = new Uint32Array(m);
    for (let i = 0; i < m; i++) {
      const at = fill[src[i]!]!++;
      targets[at] = this.dst.data[i]!;
      durationS[at] = this.dur.data[i]!;
      lengthM[at] = this.len.data[i]!;
      edgeWay[at] = this.way.data[i]!;
    }
    return {
      nodeCount: n,
      edgeCount: m,
      latE7: this.lat.toArray(),
      lonE7: this.lon.toArray(),
      offsets,
      targets,
      durationS,
      lengthM,
      edgeWay,
      ...this.ways.build(),
      names: this.names.slice(),
    };
  }
}
