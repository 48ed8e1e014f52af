// The live overlay of closures and slowdowns on a RoadGraph. Searches read `current` directly: one
// Float32Array of seconds per edge, Infinity when closed. Every change rewrites only the edges it touches,
// so a closure reported from the field is visible to the very next query, with no rebuild.
//
// Overlaps: each restriction has an id. Closures are reference-counted per edge, so lifting one closure
// leaves an edge closed while another still covers it. Slowdowns on the same edge do not compound (two
// reports of the same rubble are not twice as slow): the edge takes the largest factor among the
// slowdowns covering it, kept in a sparse per-edge list because slowed edges are few.
//
// Live weights are rounded up to whole 1/1024 s (see liveSeconds): every search, the contraction
// hierarchy's Float32 metric and pgRouting then add the same exactly representable numbers and agree to
// the bit, where unrounded Float32 sums would drift apart in the last place.
import { ConflictError } from '@civdef/core';
import type { RoadGraph } from '../graph/graph.js';

/** Live weights are whole multiples of this many seconds (below LIVE_EXACT_S). */
export const LIVE_QUANTUM_S = 1 / 1024;
/** Below this, multiples of LIVE_QUANTUM_S and their sums are exact in Float32 (2^24 quanta: 4.5 hours). */
export const LIVE_EXACT_S = 2 ** 14;

/**
 * A travel time as searches use it: rounded up to a whole 1/1024 s (never below the base duration, which
 * keeps the A* bound admissible; at most a millisecond more per edge). Precondition: seconds >= 0.
 */
export function liveSeconds(seconds: number): number {
  return seconds < LIVE_EXACT_S ? Math.ceil(seconds * 1024) / 1024 : Math.fround(seconds);
}

export type RestrictionKind = 'closure' | 'slowdown';

export interface Restriction {
  readonly id: string;
  readonly kind: RestrictionKind;
  /** Directed edge ids, sorted, without duplicates. */
  readonly edges: Uint32Array;
  /** Travel-time multiplier (1 for a closure). */
  readonly factor: number;
  /** Epoch milliseconds after which expire() lifts it; null = until reopened. */
  readonly untilMs: number | null;
}

export interface RestrictionOptions {
  /** Caller's id (e.g. the closure's ULID in the database); generated when absent. */
  id?: string;
  /** Epoch milliseconds; expire(now) lifts the restriction once now >= untilMs. */
  untilMs?: number | null;
}

export class EdgeWeights {
  /** Current travel time of each edge in seconds (liveSeconds); Infinity when closed. Read-only for callers. */
  readonly current: Float32Array;
  /** Incremented on every change, so callers can cache answers per version. */
  version = 0;
  private readonly base: Float32Array;
  private readonly closedBy: Uint16Array;
  private readonly slowedBy = new Map<number, Restriction[]>();
  private readonly byId = new Map<string, Restriction>();
  private nextExpiryMs = Infinity;
  private seq = 0;

  /** An overlay with nothing closed. Precondition: the graph's arrays are not mutated afterwards. */
  constructor(readonly graph: RoadGraph) {
    this.base = graph.durationS;
    this.current = Float32Array.from(graph.durationS, liveSeconds);
    this.closedBy = new Uint16Array(graph.edgeCount);
  }

  /** Closes edges; returns the restriction id. Precondition: edge ids < edgeCount; id unused. */
  close(edges: ArrayLike<number>, options: RestrictionOptions = {}): string {
    const r = this.add('closure', edges, 1, options);
    const { closedBy, current } = this;
    for (const e of r.edges) {
      if (closedBy[e] === 0xffff) throw new RangeError(`edge ${e} already carries 65535 closures`);
      closedBy[e]!++;
      current[e] = Infinity;
    }
    return r.id;
  }

  /** Multiplies edges' travel time by factor; returns the restriction id. Precondition: finite factor >= 1. */
  slow(edges: ArrayLike<number>, factor: number, options: RestrictionOptions = {}): string {
    // Factors below 1 would make roads faster than their base speed and break the A* bound.
    if (!(factor >= 1 && Number.isFinite(factor))) throw new RangeError(`slowdown factor must be a finite number >= 1, got ${factor}`);
    const r = this.add('slowdown', edges, factor, options);
    for (const e of r.edges) {
      const list = this.slowedBy.get(e);
      if (list) list.push(r);
      else this.slowedBy.set(e, [r]);
      this.recompute(e);
    }
    return r.id;
  }

  /** Lifts a closure or slowdown by id; false if there is none. Precondition: none. */
  reopen(id: string): boolean {
    const r = this.byId.get(id);
    if (!r) return false;
    this.byId.delete(id);
    if (r.kind === 'closure') {
      for (const e of r.edges) {
        this.closedBy[e]!--;
        this.recompute(e);
      }
    } else {
      for (const e of r.edges) {
        const list = this.slowedBy.get(e)!;
        const rest = list.filter((x) => x !== r);
        if (rest.length) this.slowedBy.set(e, rest);
        else this.slowedBy.delete(e);
        this.recompute(e);
      }
    }
    if (r.untilMs === this.nextExpiryMs) this.nextExpiryMs = this.earliestExpiry();
    this.version++;
    return true;
  }

  /** Lifts every restriction whose untilMs <= nowMs; returns their ids. O(1) when none is due. Precondition: none. */
  expire(nowMs: number): string[] {
    if (nowMs < this.nextExpiryMs) return [];
    const due: string[] = [];
    for (const r of this.byId.values()) if (r.untilMs !== null && r.untilMs <= nowMs) due.push(r.id);
    for (const id of due) this.reopen(id);
    this.nextExpiryMs = this.earliestExpiry();
    return due;
  }

  /** The restriction with this id, if any. Precondition: none. */
  get(id: string): Restriction | undefined {
    return this.byId.get(id);
  }

  /** All active restrictions, in the order they were added. Precondition: none. */
  list(): Restriction[] {
    return [...this.byId.values()];
  }

  /** Whether an edge is closed now. Precondition: 0 <= edge < edgeCount. */
  isClosed(edge: number): boolean {
    return this.closedBy[edge]! > 0;
  }

  /** The travel-time factor of an edge from slowdowns (1 if none). Precondition: 0 <= edge < edgeCount. */
  factorOf(edge: number): number {
    let f = 1;
    for (const r of this.slowedBy.get(edge) ?? []) if (r.factor > f) f = r.factor;
    return f;
  }

  private add(kind: RestrictionKind, edges: ArrayLike<number>, factor: number, options: RestrictionOptions): Restriction {
    const id = options.id ?? `r${++this.seq}`;
    if (this.byId.has(id)) throw new ConflictError(`restriction ${id} already exists`, { id });
    const untilMs = options.untilMs ?? null;
    if (untilMs !== null && !Number.isFinite(untilMs)) throw new RangeError(`untilMs must be finite, got ${untilMs}`);
    const n = this.graph.edgeCount;
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i]!;
      if (!Number.isInteger(e) || e < 0 || e >= n) throw new RangeError(`edge ${e} out of range (graph has ${n} edges)`);
    }
    const sorted = Uint32Array.from(edges).sort();
    let k = 0;
    for (let i = 0; i < sorted.length; i++) if (k === 0 || sorted[k - 1] !== sorted[i]) sorted[k++] = sorted[i]!;
    const r: Restriction = { id, kind, edges: sorted.slice(0, k), factor, untilMs };
    this.byId.set(id, r);
    if (untilMs !== null && untilMs < this.nextExpiryMs) this.nextExpiryMs = untilMs;
    this.version++;
    return r;
  }

  private recompute(e: number): void {
    this.current[e] = this.closedBy[e]! > 0 ? Infinity : liveSeconds(this.base[e]! * this.factorOf(e));
  }

  private earliestExpiry(): number {
    let min = Infinity;
    for (const r of this.byId.values()) if (r.untilMs !== null && r.untilMs < min) min = r.untilMs;
    return min;
  }
}
