// The arcs a query needs, packed per rank: an arc (x, y) that a detour x -> z -> y through an upper
// neighbour z of x (x < z < y) matches or beats can never give a better time than that detour, so the
// query's sweep (up weights) and climb (down weights) leave it out. On the 50k-node demo city 43% of the
// arcs a dispatch query would read drop out this way.
//
// Each dropped direction remembers its witness z (as z's position in x's row, in the arc's record). A repair that raises z's legs or lowers the arc checks
// the witness again and puts the arc back when it no longer holds; arcs are never dropped again until the
// next full customisation (a few percent come back over many closures, which costs speed, not
// correctness). The packed rows (head and weight side by side, rank x's kept arcs from upOff[x] on) are
// rewritten for every rank whose weights or kept arcs changed.
import { arcOf, type CchStructure } from './structure.js';

/** Witness of a kept direction. */
const KEPT = 0xffffffff;
/** Witness of a direction that cannot be driven at all (Infinity): dropped until it can. */
const DEAD = 0xfffffffe;

export class QueryLists {
  /** Packed kept arcs of rank x: heads and weights at upOff[x] .. upEnd[x] - 1 (downEnd for down). */
  readonly upHeads: Uint32Array;
  readonly upWeights: Float32Array;
  readonly upEnd: Uint32Array;
  readonly downHeads: Uint32Array;
  readonly downWeights: Float32Array;
  readonly downEnd: Uint32Array;
  /** Ranks whose packed rows are out of date, and a flag per rank. */
  private dirty: Uint32Array;
  private dirtyCount = 0;
  private readonly isDirty: Uint8Array;

  /**
   * Empty lists for structure s over the metric's arc records: weights w[4a] (up), w[4a + 1] (down),
   * witnesses wit[4a + 2] (up), wit[4a + 3] (down): the position of z in the arc's row, or KEPT / DEAD.
   * Precondition: w and wit view the same buffer, four words per arc of s.
   */
  constructor(
    readonly s: CchStructure,
    private readonly w: Float32Array,
    private readonly wit: Uint32Array,
  ) {
    const arcs = s.upHead.length;
    this.upHeads = new Uint32Array(arcs);
    this.upWeights = new Float32Array(arcs);
    this.upEnd = new Uint32Array(s.n);
    this.downHeads = new Uint32Array(arcs);
    this.downWeights = new Float32Array(arcs);
    this.downEnd = new Uint32Array(s.n);
    this.dirty = new Uint32Array(64);
    this.isDirty = new Uint8Array(s.n);
  }

  /** Bytes of typed arrays held. Precondition: none. */
  get bytes(): number {
    const arrays = [this.upHeads, this.upWeights, this.upEnd, this.downHeads, this.downWeights, this.downEnd, this.dirty, this.isDirty];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0);
  }

  /** Whether direction `isUp` of arc a is left out of the queries. Precondition: a is an arc. */
  dropped(a: number, isUp: boolean): boolean {
    return this.wit[4 * a + (isUp ? 2 : 3)] !== KEPT;
  }

  /** Finds a witness for every direction that has one and packs every rank. Precondition: weights customised for s. */
  computeAll(): void {
    const { n, upOff, upHead } = this.s;
    const { w, wit } = this;
    for (let a = 0; a < upHead.length; a++) {
      wit[4 * a + 2] = w[4 * a] === Infinity ? DEAD : KEPT;
      wit[4 * a + 3] = w[4 * a + 1] === Infinity ? DEAD : KEPT;
    }
    for (let x = 0; x < n; x++) {
      const row0 = upOff[x]!;
      const end = upOff[x + 1]!;
      // Pairs b < a of the row, z = head(b) < y = head(a): the arc (z, y) is in z's row, found by one
      // pointer walk over it as a ascends.
      for (let b = row0; b < end; b++) {
        let c = upOff[upHead[b]!]!;
        for (let a = b + 1; a < end; a++) {
          const y = upHead[a]!;
          while (upHead[c] !== y) c++;
          // x -> z -> y against x -> y, and y -> z -> x against y -> x.
          if (wit[4 * a + 2] === KEPT && Math.fround(w[4 * b]! + w[4 * c]!) <= w[4 * a]!) wit[4 * a + 2] = b - row0;
          if (wit[4 * a + 3] === KEPT && Math.fround(w[4 * c + 1]! + w[4 * b + 1]!) <= w[4 * a + 1]!) wit[4 * a + 3] = b - row0;
        }
      }
      this.pack(x);
    }
    this.dirtyCount = 0;
    this.isDirty.fill(0);
  }

  /**
   * Checks the dropped directions of rank x after its weights changed: one that got faster, or whose leg
   * (x, z) to its witness got slower, is kept when the detour no longer matches it. Marks x for packing.
   * Precondition: x's weights final for this repair; oldUp/oldDown hold them from before, by position.
   */
  recheckRow(x: number, oldUp: Float32Array, oldDown: Float32Array): void {
    const { w, wit } = this;
    const row0 = this.s.upOff[x]!;
    const end = this.s.upOff[x + 1]!;
    for (let a = row0; a < end; a++) {
      const i = a - row0;
      const wu = wit[4 * a + 2]!;
      if (wu !== KEPT && (w[4 * a]! < oldUp[i]! || (wu !== DEAD && w[4 * (row0 + wu)]! > oldUp[wu]!)) && !this.holds(a, row0, wu, true)) {
        wit[4 * a + 2] = KEPT;
      }
      const wd = wit[4 * a + 3]!;
      if (wd !== KEPT && (w[4 * a + 1]! < oldDown[i]! || (wd !== DEAD && w[4 * (row0 + wd) + 1]! > oldDown[wd]!)) && !this.holds(a, row0, wd, false)) {
        wit[4 * a + 3] = KEPT;
      }
    }
    this.markDirty(x);
  }

  /**
   * The arc (p, q) just got slower; rank r is one of its lower triangles, with arcs rp = (r, p) and
   * rq = (r, q). The directions of rq dropped through witness p are kept when the detour r -> p -> q no
   * longer matches them. Precondition: (p, q)'s record holds its new weights pqUp, pqDown.
   */
  recheckDetour(r: number, rp: number, rq: number, pqUp: number, pqDown: number): void {
    const { w, wit } = this;
    const p = rp - this.s.upOff[r]!;
    let changed = false;
    if (wit[4 * rq + 2] === p && !(Math.fround(w[4 * rp]! + pqUp) <= w[4 * rq]!)) {
      wit[4 * rq + 2] = KEPT;
      changed = true;
    }
    if (wit[4 * rq + 3] === p && !(Math.fround(pqDown + w[4 * rp + 1]!) <= w[4 * rq + 1]!)) {
      wit[4 * rq + 3] = KEPT;
      changed = true;
    }
    if (changed) this.markDirty(r);
  }

  /** Packs every rank marked since the last call. Precondition: weights final. */
  flush(): void {
    for (let i = 0; i < this.dirtyCount; i++) {
      const x = this.dirty[i]!;
      this.isDirty[x] = 0;
      this.pack(x);
    }
    this.dirtyCount = 0;
  }

  private markDirty(x: number): void {
    if (this.isDirty[x]) return;
    this.isDirty[x] = 1;
    if (this.dirtyCount === this.dirty.length) {
      const bigger = new Uint32Array(this.dirty.length * 2);
      bigger.set(this.dirty);
      this.dirty = bigger;
    }
    this.dirty[this.dirtyCount++] = x;
  }

  /** Whether direction `isUp` of arc a (rank x's arcs from row0) is still matched through the witness at position wit. */
  private holds(a: number, row0: number, wit: number, isUp: boolean): boolean {
    const { w } = this;
    if (wit === DEAD) return w[4 * a + (isUp ? 0 : 1)] === Infinity;
    const { upHead } = this.s;
    // The leg (x, z) is at the witness's position in this row; the leg (z, y) in z's row.
    const b = row0 + wit;
    const c = arcOf(this.s, upHead[b]!, upHead[a]!);
    return isUp ? Math.fround(w[4 * b]! + w[4 * c]!) <= w[4 * a]! : Math.fround(w[4 * c + 1]! + w[4 * b + 1]!) <= w[4 * a + 1]!;
  }

  /** Writes rank x's kept arcs, heads and weights, from upOff[x] on. */
  private pack(x: number): void {
    const { upOff, upHead } = this.s;
    const { w, wit, upHeads, upWeights, downHeads, downWeights } = this;
    const row0 = upOff[x]!;
    const end = upOff[x + 1]!;
    let ku = row0;
    let kd = row0;
    for (let a = row0; a < end; a++) {
      if (wit[4 * a + 2] === KEPT) {
        upHeads[ku] = upHead[a]!;
        upWeights[ku++] = w[4 * a]!;
      }
      if (wit[4 * a + 3] === KEPT) {
        downHeads[kd] = upHead[a]!;
        downWeights[kd++] = w[4 * a + 1]!;
      }
    }
    this.upEnd[x] = ku;
    this.downEnd[x] = kd;
  }
}
