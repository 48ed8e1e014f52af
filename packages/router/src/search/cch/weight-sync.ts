// Which road edges changed weight since we last looked. EdgeWeights derives every edge's weight from its
// active restrictions and bumps `version` on each change, so the edges that may have changed are those
// of the restrictions added or lifted in between: found by comparing the active restrictions (by object,
// so an id reused for a new restriction counts as lifted and added) with the ones seen last time.
import type { EdgeWeights, Restriction } from '../../weights/edge-weights.js';

export class WeightSync {
  private version: number;
  private seen: Map<string, Restriction>;

  /** Starts in step with the weights as they are now. Precondition: none. */
  constructor(private readonly weights: EdgeWeights) {
    this.version = weights.version;
    this.seen = new Map(weights.list().map((r) => [r.id, r]));
  }

  /** Edges (possibly repeated) whose weight may differ from the last call, or null if none. Precondition: none. */
  changedEdges(): Uint32Array | null {
    if (this.weights.version === this.version) return null;
    this.version = this.weights.version;
    const now = new Map<string, Restriction>();
    const parts: Uint32Array[] = [];
    for (const r of this.weights.list()) {
      now.set(r.id, r);
      if (this.seen.get(r.id) !== r) parts.push(r.edges);
    }
    for (const [id, r] of this.seen) if (now.get(id) !== r) parts.push(r.edges);
    this.seen = now;
    let total = 0;
    for (const p of parts) total += p.length;
    const out = new Uint32Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
