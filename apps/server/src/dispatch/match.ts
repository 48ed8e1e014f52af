// Which units cover which needs. Each unit fills at most one place (a rescue truck is not also the
// ambulance), so coverage is a bipartite matching between units and need places, grown one unit at a time
// with augmenting paths (Kuhn's algorithm). Taking candidates fastest first and keeping each one that makes
// the matching larger is the greedy algorithm on a transversal matroid, so the set it keeps covers as many
// places as possible and, among such sets, has the smallest total travel time.
import type { Capability, NeedSpec } from './needs.js';

export interface Coverage {
  capability: Capability;
  count: number;
  assigned: number;
  missing: number;
  reason: string;
}

class Matching {
  private readonly owner: number[];
  private readonly units: (readonly Capability[])[] = [];

  constructor(private readonly places: readonly Capability[]) {
    this.owner = places.map(() => -1);
  }

  /** Adds a unit; true if it made the matching larger (it then keeps a place, perhaps by moving another unit). */
  add(capabilities: readonly Capability[]): boolean {
    const u = this.units.push(capabilities) - 1;
    return this.augment(u, new Array<boolean>(this.places.length).fill(false));
  }

  private augment(u: number, seen: boolean[]): boolean {
    for (let p = 0; p < this.places.length; p++) {
      if (seen[p] || !this.units[u]!.includes(this.places[p]!)) continue;
      seen[p] = true;
      if (this.owner[p] === -1 || this.augment(this.owner[p]!, seen)) {
        this.owner[p] = u;
        return true;
      }
    }
    return false;
  }

  /** Places filled per capability. */
  filled(): Map<Capability, number> {
    const out = new Map<Capability, number>();
    this.places.forEach((c, p) => {
      if (this.owner[p] !== -1) out.set(c, (out.get(c) ?? 0) + 1);
    });
    return out;
  }
}

const placesOf = (needs: readonly NeedSpec[]): Capability[] => needs.flatMap((n) => Array<Capability>(n.count).fill(n.capability));

function coverageOf(needs: readonly NeedSpec[], m: Matching): Coverage[] {
  const filled = m.filled();
  return needs.map((n) => {
    const assigned = Math.min(n.count, filled.get(n.capability) ?? 0);
    filled.set(n.capability, (filled.get(n.capability) ?? 0) - assigned);
    return { ...n, assigned, missing: n.count - assigned };
  });
}

/** How far the units assigned now cover each need. Precondition: none. */
export function coverage(needs: readonly NeedSpec[], assigned: readonly (readonly Capability[])[]): Coverage[] {
  const m = new Matching(placesOf(needs));
  for (const caps of assigned) m.add(caps);
  return coverageOf(needs, m);
}

/**
 * The candidates to send, in the order given (fastest first), keeping each that covers a place the assigned
 * units and those kept so far leave open; and the coverage once they are all sent.
 * Precondition: candidates ordered by arrival time, unreachable ones left out.
 */
export function suggest<T extends { capabilities: readonly Capability[] }>(
  needs: readonly NeedSpec[],
  assigned: readonly (readonly Capability[])[],
  candidates: readonly T[],
): { picked: T[]; coverage: Coverage[] } {
  const places = placesOf(needs);
  const m = new Matching(places);
  let matched = 0;
  for (const caps of assigned) if (m.add(caps)) matched++;
  const picked: T[] = [];
  for (const c of candidates) {
    if (matched === places.length) break;
    if (m.add(c.capabilities)) {
      matched++;
      picked.push(c);
    }
  }
  return { picked, coverage: coverageOf(needs, m) };
}

/** The needed capabilities a unit brings. Precondition: none. */
export function fills(needs: readonly NeedSpec[], capabilities: readonly Capability[]): Capability[] {
  return [...new Set(needs.map((n) => n.capability).filter((c) => capabilities.includes(c)))];
}
