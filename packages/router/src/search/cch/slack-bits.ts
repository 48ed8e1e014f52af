// Which triangles are nearly tight, so that a repair visits those and not every triangle of a row.
//
// Row x with upper neighbours h_0 < ... < h_{W-1} (arcs b_0..b_{W-1}) has a triangle for each ordered
// pair i != j: the drive h_i -> x -> h_j, of weight down(b_i) + up(b_j), is one way for the arc between
// h_i and h_j to go in that direction. Its slack is that weight minus the arc's weight (>= 0). A repair
// after a change of up(b_j) only needs the triangles (i -> j) that can matter: if up(b_j) rose, those
// that were tight (slack 0: they may have given the arc its weight); if it fell by D, those with slack
// below D (only they can now beat the arc).
//
// The bits keep, for each triangle, "its slack may be below SLACK_S". They are a superset: every
// triangle whose slack is below SLACK_S - debt(b_i, down) - debt(b_j, up) has its bit set. A fall of
// up(b_j) by D visits only the set bits when D + debt(b_j, up) + the largest down debt among the row's
// other arcs stays below SLACK_S (so no triangle with slack below D is missed) and adds D to the debt,
// because the triangles it did not visit lost that much slack unseen; otherwise it visits every
// triangle, sets the bits exactly, and clears the debt. A rise pays the debt back. Each pair of debts of
// a row that meet in a triangle stays below SLACK_S together, so a tight triangle always has its bit.
//
// (A fixed cap of 0.45 * SLACK_S per debt keeps that too without looking at the row, but then every
// fall above 4.5 s visits all of its row's triangles. When a street reopens on the 50k-node demo city,
// a quarter of the falls that visit every triangle are below 8 s; debts are mostly zero, so checking the
// row's largest one lets falls up to nearly SLACK_S through the bits: 7% to 82% fewer triangles visited
// per reopened street, about a quarter fewer at the median.)
//
// Each triangle's bit is kept twice, in matrix A (row j: the triangles using up(b_j)) and in matrix B
// (row i: those using down(b_i)), so that both kinds of change read a contiguous run of words.
import type { CchStructure } from './structure.js';

/**
 * Triangles with less slack than this many seconds keep their bit. Measured on the 50k-node demo city,
 * closing and reopening whole streets (p50 of CPU time against 0.001, 20 and 40 s): 10 s gave the best
 * pair, repairs after a closure 32% and after a reopening 18% cheaper than visiting every triangle. A
 * larger slack visits more triangles after a closure (and sets more bits in recomputations); a smaller
 * one sends more reopenings through every triangle.
 */
export const SLACK_S = 10;
/** Debts are kept in whole units of this many seconds, rounded up. */
const DEBT_UNIT_S = 1 / 8;
/** Two debts that meet in a triangle stay below this many units together. */
const SLACK_UNITS = Math.floor(SLACK_S / DEBT_UNIT_S);

export class SlackBits {
  readonly words: Uint32Array;
  /** First word of row x's matrices; the row's A matrix, then its B matrix, W rows of wordsPerRow(W) words each. */
  readonly base: Float64Array;
  /** Debt of arc a's up direction at 2a, of its down direction at 2a + 1, in DEBT_UNIT_S. */
  private readonly debt: Uint8Array;

  /** All bits clear, no debts. Precondition: none. */
  constructor(readonly s: CchStructure) {
    const { n, upOff } = s;
    this.base = new Float64Array(n + 1);
    for (let x = 0; x < n; x++) {
      const w = upOff[x + 1]! - upOff[x]!;
      this.base[x + 1] = this.base[x]! + 2 * w * wordsPerRow(w);
    }
    this.words = new Uint32Array(this.base[n]!);
    this.debt = new Uint8Array(2 * s.upHead.length);
  }

  /** Bytes of typed arrays held. Precondition: none. */
  get bytes(): number {
    return this.words.byteLength + this.base.byteLength + this.debt.byteLength;
  }

  /** First word of matrix A's row j in rank x (width w); matrix B's row j is w * wordsPerRow(w) further. */
  rowA(x: number, w: number, j: number): number {
    return this.base[x]! + j * wordsPerRow(w);
  }

  /** Sets the bit of triangle (i -> j) of rank x (width w). Precondition: i != j, both < w. */
  set(x: number, w: number, i: number, j: number): void {
    const wpr = wordsPerRow(w);
    const b = this.base[x]!;
    this.words[b + j * wpr + (i >> 5)]! |= 1 << (i & 31);
    this.words[b + (w + i) * wpr + (j >> 5)]! |= 1 << (j & 31);
  }

  /** Clears the bit of triangle (i -> j) of rank x (width w). Precondition: i != j, both < w. */
  clear(x: number, w: number, i: number, j: number): void {
    const wpr = wordsPerRow(w);
    const b = this.base[x]!;
    this.words[b + j * wpr + (i >> 5)]! &= ~(1 << (i & 31));
    this.words[b + (w + i) * wpr + (j >> 5)]! &= ~(1 << (j & 31));
  }

  /** Debt of arc a in one direction, seconds. Precondition: a is an arc. */
  debtOf(a: number, isUp: boolean): number {
    return this.debt[2 * a + (isUp ? 0 : 1)]! * DEBT_UNIT_S;
  }

  /**
   * Whether direction `isUp` of arc a, of the row of arcs row0..end-1, may fall by `by` seconds visiting
   * only set bits; if so, books the debt. Precondition: by > 0; a in row0..end-1.
   */
  borrow(a: number, row0: number, end: number, isUp: boolean, by: number): boolean {
    const { debt } = this;
    const k = 2 * a + (isUp ? 0 : 1);
    const units = debt[k]! + Math.ceil(by / DEBT_UNIT_S);
    if (!(units < SLACK_UNITS)) return false;
    // Its triangles pair it with the other direction of the row's other arcs.
    let partner = 0;
    for (let i = 2 * row0 + (isUp ? 1 : 0); i < 2 * end; i += 2) if (debt[i]! > partner && i !== k + (isUp ? 1 : -1)) partner = debt[i]!;
    if (units + partner >= SLACK_UNITS) return false;
    debt[k] = units;
    return true;
  }

  /** Arc a's direction rose by `by` seconds: its triangles gained that much slack. Precondition: by > 0. */
  repay(a: number, isUp: boolean, by: number): void {
    const k = 2 * a + (isUp ? 0 : 1);
    this.debt[k] = Math.max(0, this.debt[k]! - Math.floor(by / DEBT_UNIT_S));
  }

  /** Arc a's direction had all its triangles visited and their bits set exactly. Precondition: a is an arc. */
  settle(a: number, isUp: boolean): void {
    this.debt[2 * a + (isUp ? 0 : 1)] = 0;
  }

  /** Sets every bit exactly for the given arc records (CchMetric.w) and clears all debts. Precondition: w customised for s. */
  computeAll(w4: Float32Array): void {
    const { n, upOff, upHead } = this.s;
    this.words.fill(0);
    this.debt.fill(0);
    for (let x = 0; x < n; x++) {
      const row0 = upOff[x]!;
      const w = upOff[x + 1]! - row0;
      // Pairs p < q of the row: the arc (h_p, h_q) is in h_p's row, found by one pointer walk.
      for (let p = 0; p < w; p++) {
        let c = upOff[upHead[row0 + p]!]!;
        for (let q = p + 1; q < w; q++) {
          const hq = upHead[row0 + q]!;
          while (upHead[c] !== hq) c++;
          // h_p -> x -> h_q against the arc's up weight, h_q -> x -> h_p against its down weight.
          const bp = 4 * (row0 + p);
          const bq = 4 * (row0 + q);
          if (Math.fround(w4[bp + 1]! + w4[bq]!) - w4[4 * c]! < SLACK_S) this.set(x, w, p, q);
          if (Math.fround(w4[bq + 1]! + w4[bp]!) - w4[4 * c + 1]! < SLACK_S) this.set(x, w, q, p);
        }
      }
    }
  }
}

/** Words per matrix row of a rank with w upper neighbours. */
export function wordsPerRow(w: number): number {
  return (w + 31) >> 5;
}
