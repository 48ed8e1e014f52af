// Incremental customisation: after a closure, reopening or slowdown, only the arcs whose weight can change
// are recomputed, row by row upwards (rows are ranks; an arc's weight depends only on arcs of lower rows).
//
// An arc (x, y) changed in row x takes part in the triangles (x, w, y) of every other upper neighbour w of
// x: the arc between w and y may now be faster through x (it is lowered in place), or it took its weight
// from that triangle, which got slower (it is recomputed from all its lower triangles when its row comes).
// A value that does not change stops the propagation. Arc ids grow with their tail rank, so a heap of
// arc ids yields the rows in order, and all lower triangles of an arc are final before it is looked at.
//
// Of a changed arc's triangles only those that can matter are visited, found through their slack bits
// (slack-bits.ts): when a weight rises, the tight ones; when it falls by a little, those with less slack
// than the fall. A weight that falls by more (a closed road reopened) visits all of its row.
import type { RoadGraph } from '../../graph/graph.js';
import { MinHeap } from '../heap.js';
import type { QueryLists } from './query-lists.js';
import { ArcRecompute } from './recompute.js';
import { SLACK_S, wordsPerRow, type SlackBits } from './slack-bits.js';
import { arcFrom, tailOf, type CchStructure } from './structure.js';

export class MetricRepair {
  private readonly heap = new MinHeap(64);
  /** Per arc: the update that first touched it, where its weights from before it are saved, whether to recompute it. */
  private readonly queued: Uint32Array;
  private readonly slot: Uint32Array;
  private readonly recompute: Uint8Array;
  private epoch = 0;
  /** Weights (up, down) from before this update of the arcs it touched, two entries per arc. */
  private saved = new Float32Array(512);
  private touched = 0;
  /** Scratch for one row: its changed arcs, and its weights from before this update. */
  private readonly changed: Uint32Array;
  private readonly rowUp: Float32Array;
  private readonly rowDown: Float32Array;
  private readonly recomputer: ArcRecompute;
  /** Scratch for one changed arc: the partner positions to visit (see collect). */
  private partners = new Uint32Array(64);

  /**
   * Repairs the weights of structure s in the arc records w (up at 4a, down at 4a + 1), keeping `bits` and
   * `lists` in step. Precondition: w has four words per arc of s.
   */
  constructor(
    private readonly s: CchStructure,
    private readonly graph: RoadGraph,
    private readonly w: Float32Array,
    private readonly bits: SlackBits,
    private readonly lists: QueryLists,
  ) {
    const arcs = s.upHead.length;
    this.queued = new Uint32Array(arcs);
    this.slot = new Uint32Array(arcs);
    this.recompute = new Uint8Array(arcs);
    let widest = 0;
    for (let r = 0; r < s.n; r++) widest = Math.max(widest, s.upOff[r + 1]! - s.upOff[r]!);
    this.changed = new Uint32Array(widest);
    this.rowUp = new Float32Array(widest);
    this.rowDown = new Float32Array(widest);
    this.recomputer = new ArcRecompute(s, graph, w, bits, lists);
  }

  /** Bytes of typed arrays held. Precondition: none. */
  get bytes(): number {
    const arrays = [this.queued, this.slot, this.recompute, this.saved, this.changed, this.rowUp, this.rowDown];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0) + this.heap.bytes + this.recomputer.bytes;
  }

  /** Brings the weights in line with `current` after the weights of `edges` changed. Precondition: they were right before. */
  run(edges: ArrayLike<number>, current: Float32Array): void {
    const { edgeArc } = this.s;
    if (++this.epoch === 0xffffffff) {
      this.queued.fill(0);
      this.epoch = 1;
    }
    this.touched = 0;
    for (let i = 0; i < edges.length; i++) {
      const code = edgeArc[edges[i]!]!;
      if (code >= 0) this.touch(code >> 1, true);
    }
    // One call per row rather than one long loop here: the JIT compiles a function called often as a
    // whole, where a loop compiled on the fly (on-stack replacement) fell back to the interpreter at
    // every update's end.
    while (this.heap.size > 0) this.repairRow(current);
    this.lists.flush();
  }

  /** Finalises the queued arcs of the lowest queued row, then passes their changes upwards. */
  private repairRow(current: Float32Array): void {
    const { heap, recompute, queued, slot, changed, rowUp, rowDown, w } = this;
    const { upOff } = this.s;
    const epoch = this.epoch;
    const x = tailOf(upOff, heap.topKey());
    const row0 = upOff[x]!;
    const end = upOff[x + 1]!;
    let count = 0;
    while (heap.size > 0 && heap.topKey() < end) {
      const a = heap.pop();
      const k = 2 * slot[a]!;
      if (recompute[a]) {
        recompute[a] = 0;
        this.recomputer.run(a, x, current, this.saved[k]!, this.saved[k + 1]!);
      }
      if (w[4 * a] !== this.saved[k] || w[4 * a + 1] !== this.saved[k + 1]) changed[count++] = a;
    }
    if (count === 0) return;
    for (let b = row0; b < end; b++) {
      if (queued[b] === epoch) {
        const k = 2 * slot[b]!;
        rowUp[b - row0] = this.saved[k]!;
        rowDown[b - row0] = this.saved[k + 1]!;
      } else {
        rowUp[b - row0] = w[4 * b]!;
        rowDown[b - row0] = w[4 * b + 1]!;
      }
    }
    this.lists.recheckRow(x, rowUp, rowDown);
    for (let i = 0; i < count; i++) this.passOn(changed[i]!, x, row0, end);
  }

  /**
   * Passes the change of arc c (rank x, arcs row0..end-1) to its triangles: the drives h_i -> x -> y (down
   * of the other arc, up of c) when c's up weight changed, y -> x -> h_i when its down weight did. Each is
   * compared before (weights from rowUp/rowDown) and after: the arc d between h_i and y is lowered in
   * place when the triangle is now faster, or queued for recomputation when the triangle gave its weight
   * and got slower; the triangle's slack bit is kept. A triangle whose other arc changed too is passed on
   * with both changes, here and from the other arc; doing it twice is harmless.
   *
   * One flat loop, without calls on the common path: this runs for every partner of every changed arc.
   */
  private passOn(c: number, x: number, row0: number, end: number): void {
    // (saved is read through `this`: enqueue may grow it.)
    const { w: rec, rowUp, rowDown, bits, queued, slot, recompute } = this;
    const { upOff, upHead } = this.s;
    const words = bits.words;
    const epoch = this.epoch;
    const width = end - row0;
    const j = c - row0;
    const y = upHead[c]!;
    const ou = rowUp[j]!;
    const od = rowDown[j]!;
    const nu = rec[4 * c]!;
    const nd = rec[4 * c + 1]!;
    // Per direction: 0 unchanged, 1 visit the triangles whose bit is set, 2 visit all (setting bits exactly).
    const upMode = this.mode(c, row0, end, true, ou, nu);
    const downMode = this.mode(c, row0, end, false, od, nd);
    const wpr = wordsPerRow(width);
    const base = bits.base[x]!;
    const rowA = base + j * wpr; // bits of triangles i -> j, through c's up weight
    const rowB = base + (width + j) * wpr; // bits of triangles j -> i, through c's down weight
    const visits = this.collect(width, j, upMode, downMode, rowA, rowB);
    let dAbove = upOff[y]!; // pointer into y's row for the partners above y
    for (let v = 0; v < visits; v++) {
      const code = this.partners[v]!;
      const i = code >> 2;
      const b = row0 + i;
      const h = upHead[b]!;
      // The arc d between h and y: in h's row when h < y, in y's row (ascending positions) when h > y.
      let d: number;
      // y's position in h's row is at least the count of x's upper neighbours strictly between h and y
      // (all of them are h's upper neighbours too): exact for 59% of the pairs on the 50k-node demo city.
      if (i < j) d = arcFrom(upOff, upHead, h, upOff[h]! + (j - i - 1), y);
      else {
        while (upHead[dAbove] !== h) dAbove++;
        d = dAbove;
      }
      for (let dir = 0; dir < 2; dir++) {
        if (!(code & (1 << dir))) continue;
        // dir 0: h -> x -> y, arc d's up direction when h < y; dir 1: y -> x -> h, d's up when h > y.
        const before = dir === 0 ? Math.fround(rowDown[i]! + ou) : Math.fround(od + rowUp[i]!);
        const after = dir === 0 ? Math.fround(rec[4 * b + 1]! + nu) : Math.fround(nd + rec[4 * b]!);
        const side = (dir === 0) === i < j ? 0 : 1;
        const k = 4 * d + side;
        if (before !== after) {
          if (after < rec[k]!) {
            if (queued[d] !== epoch) this.enqueue(d);
            rec[k] = after;
          } else if (after > before && before === (queued[d] === epoch ? this.saved[2 * slot[d]! + side]! : rec[k]!)) {
            if (queued[d] !== epoch) this.enqueue(d);
            recompute[d] = 1;
          }
        }
        // The triangle's bit in both copies: row `to` of matrix A at column `from`, row `from` of B at `to`.
        const from = dir === 0 ? i : j;
        const to = dir === 0 ? j : i;
        const wa = base + to * wpr + (from >> 5);
        const wb = base + (width + from) * wpr + (to >> 5);
        if (after - rec[k]! < SLACK_S) {
          words[wa]! |= 1 << (from & 31);
          words[wb]! |= 1 << (to & 31);
        } else {
          words[wa]! &= ~(1 << (from & 31));
          words[wb]! &= ~(1 << (to & 31));
        }
      }
    }
  }

  /** How a change of one direction of arc c (row row0..end-1) from `before` to `after` is passed on (see passOn), booking debts. */
  private mode(c: number, row0: number, end: number, isUp: boolean, before: number, after: number): number {
    if (after === before) return 0;
    if (after > before) {
      this.bits.repay(c, isUp, after - before);
      return 1;
    }
    if (this.bits.borrow(c, row0, end, isUp, before - after)) return 1;
    this.bits.settle(c, isUp);
    return 2;
  }

  /**
   * Fills `partners` with the positions to visit, as 4 * i + (1: up direction) + (2: down direction):
   * every one for a mode 2, those whose bit is set for a mode 1. Returns how many.
   */
  private collect(width: number, j: number, upMode: number, downMode: number, rowA: number, rowB: number): number {
    if (this.partners.length < width) this.partners = new Uint32Array(2 * width);
    const { partners } = this;
    const words = this.bits.words;
    let n = 0;
    for (let k = 0; k < wordsPerRow(width); k++) {
      const ua = upMode === 2 ? 0xffffffff : upMode === 1 ? words[rowA + k]! : 0;
      const db = downMode === 2 ? 0xffffffff : downMode === 1 ? words[rowB + k]! : 0;
      let m = ua | db;
      while (m !== 0) {
        const low = m & -m;
        m ^= low;
        const i = 32 * k + 31 - Math.clz32(low);
        if (i >= width) break;
        if (i === j) continue;
        partners[n++] = 4 * i + (ua & low ? 1 : 0) + (db & low ? 2 : 0);
      }
    }
    return n;
  }

  /** Queues arc a (once per update), saving its weights from before the update. */
  private touch(a: number, full: boolean): void {
    if (this.queued[a] !== this.epoch) this.enqueue(a);
    if (full) this.recompute[a] = 1;
  }

  /** Queues arc a, first touched in this update, saving its weights from before it. Precondition: not queued yet. */
  private enqueue(a: number): void {
    this.queued[a] = this.epoch;
    const k = this.touched++;
    if (2 * k === this.saved.length) {
      const bigger = new Float32Array(this.saved.length * 2);
      bigger.set(this.saved);
      this.saved = bigger;
    }
    this.slot[a] = k;
    this.saved[2 * k] = this.w[4 * a]!;
    this.saved[2 * k + 1] = this.w[4 * a + 1]!;
    this.heap.push(a, a);
  }
}
