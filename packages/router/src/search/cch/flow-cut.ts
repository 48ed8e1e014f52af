// Small vertex separators by unit-capacity max-flow ("inertial flow"): order a cell's nodes along a
// direction, make the first quarter the source and the last quarter the sink, and find a minimum set of
// other nodes whose removal disconnects them (each node split into in -> out with capacity 1; roads
// uncapacitated). Road networks have natural bottlenecks (bridges, seams between districts) that a
// straight geometric cut misses; the flow finds them. Dinic's algorithm: a BFS builds the level graph,
// then depth-first searches send as many unit paths along it as fit, so a cut of c nodes needs far
// fewer than c passes over the cell.
//
// States: 2v is node v's in-side, 2v+1 its out-side. Residual moves:
//   out(v) -> in(w) along any road (never full);   out(v) -> in(v) if v carries flow;
//   in(v) -> out(v) if v carries none;             in(v) -> out(w) if a unit flows w -> v.

/** A cell as a small local graph: nodes 0..k-1, sorted neighbour rows, and each slot's reverse slot. */
export interface LocalGraph {
  readonly k: number;
  readonly off: Uint32Array;
  readonly adj: Uint32Array;
  readonly rev: Uint32Array;
}

export interface Cut {
  /** Number of separator nodes. */
  readonly size: number;
  /** Per local node: 0 on the source side, 1 on the sink side, 2 in the separator. */
  readonly side: Uint8Array;
}

/**
 * A minimum vertex cut between the nodes marked 1 (sources) and 2 (sinks) in `terminal`; null when a
 * source touches a sink (no vertex cut exists) or the cut would exceed maxSize.
 * Precondition: g well formed; terminal.length === g.k.
 */
export function minVertexCut(g: LocalGraph, terminal: Uint8Array, maxSize = Infinity): Cut | null {
  const { k, off, adj } = g;
  for (let v = 0; v < k; v++) {
    if (terminal[v] !== 1) continue;
    for (let i = off[v]!; i < off[v + 1]!; i++) if (terminal[adj[i]!] === 2) return null;
  }
  const f = new FlowState(g, terminal);
  let total = 0;
  while (f.levels()) {
    total += f.blockingFlow();
    if (total > maxSize) return null;
  }
  // The failed BFS left level >= 0 exactly on the states reachable from the sources.
  const side = new Uint8Array(k).fill(1);
  let size = 0;
  for (let v = 0; v < k; v++) {
    const inR = f.level[2 * v]! >= 0;
    const outR = f.level[2 * v + 1]! >= 0;
    if (terminal[v] === 1 || outR) side[v] = 0;
    else if (inR) {
      side[v] = 2;
      size++;
    }
  }
  return { size, side };
}

class FlowState {
  readonly through: Uint8Array;
  /** 1 when a unit flows along slot i (from its row's node to adj[i]). */
  readonly flow: Uint8Array;
  readonly level: Int32Array;
  private readonly queue: Int32Array;
  /** Next move to try per state: slots of the node's row, then the in <-> out hop. */
  private readonly next: Uint32Array;
  private readonly pathState: Int32Array;
  private readonly pathSlot: Int32Array;
  /** Sources with a neighbour outside the source set: the others never carry flow out. */
  private readonly starts: Uint32Array;

  constructor(
    private readonly g: LocalGraph,
    private readonly terminal: Uint8Array,
  ) {
    this.through = new Uint8Array(g.k);
    this.flow = new Uint8Array(g.adj.length);
    this.level = new Int32Array(2 * g.k);
    this.queue = new Int32Array(2 * g.k);
    this.next = new Uint32Array(2 * g.k);
    this.pathState = new Int32Array(2 * g.k + 1);
    this.pathSlot = new Int32Array(2 * g.k + 1);
    const starts: number[] = [];
    for (let v = 0; v < g.k; v++) {
      if (terminal[v] !== 1) continue;
      for (let i = g.off[v]!; i < g.off[v + 1]!; i++) {
        if (terminal[g.adj[i]!] !== 1) {
          starts.push(v);
          break;
        }
      }
    }
    this.starts = Uint32Array.from(starts);
  }

  /** BFS levels from the sources; true if a sink is reachable. */
  levels(): boolean {
    const { g, terminal, level, queue, through, flow } = this;
    const { off, adj, rev } = g;
    level.fill(-1);
    let head = 0;
    let tail = 0;
    for (const v of this.starts) {
      level[2 * v + 1] = 0;
      queue[tail++] = 2 * v + 1;
    }
    let sinkLevel = -1;
    while (head < tail) {
      const s = queue[head++]!;
      const ls = level[s]!;
      if (sinkLevel >= 0 && ls >= sinkLevel) break;
      const v = s >> 1;
      if (terminal[v] === 2) continue;
      if (s & 1) {
        for (let i = off[v]!, end = off[v + 1]!; i < end; i++) {
          const t = 2 * adj[i]!;
          if (level[t] !== -1 || terminal[t >> 1] === 1) continue;
          level[t] = ls + 1;
          queue[tail++] = t;
          if (terminal[t >> 1] === 2) sinkLevel = ls + 1;
        }
        if (through[v] && terminal[v] === 0 && level[s - 1] === -1) {
          level[s - 1] = ls + 1;
          queue[tail++] = s - 1;
        }
      } else {
        if (!through[v] && terminal[v] === 0 && level[s + 1] === -1) {
          level[s + 1] = ls + 1;
          queue[tail++] = s + 1;
        }
        for (let i = off[v]!, end = off[v + 1]!; i < end; i++) {
          const t = 2 * adj[i]! + 1;
          if (!flow[rev[i]!] || level[t] !== -1) continue;
          level[t] = ls + 1;
          queue[tail++] = t;
        }
      }
    }
    return sinkLevel >= 0;
  }

  /** Sends unit paths along the level graph until none is left; returns how many. */
  blockingFlow(): number {
    const { g, terminal, level, through, flow, next, pathState, pathSlot } = this;
    const { off, adj, rev } = g;
    next.fill(0);
    let sent = 0;
    for (const src of this.starts) {
      let depth = 0;
      pathState[0] = 2 * src + 1;
      while (depth >= 0) {
        const s = pathState[depth]!;
        const v = s >> 1;
        const deg = off[v + 1]! - off[v]!;
        let moved = false;
        while (next[s]! <= deg) {
          const j = next[s]!;
          let t = -1;
          let slot = -1;
          if (j < deg) {
            slot = off[v]! + j;
            if (s & 1) t = terminal[adj[slot]!] === 1 ? -1 : 2 * adj[slot]!;
            else if (flow[rev[slot]!]) t = 2 * adj[slot]! + 1;
          } else if (terminal[v] === 0 && (s & 1 ? through[v] : !through[v])) t = s ^ 1;
          if (t >= 0 && level[t] === level[s]! + 1) {
            pathSlot[depth + 1] = slot;
            pathState[++depth] = t;
            moved = true;
            break;
          }
          next[s]!++;
        }
        if (!moved) {
          level[s] = -1; // dead end for this phase
          depth--;
          if (depth >= 0) next[pathState[depth]!]!++;
          continue;
        }
        const t = pathState[depth]!;
        if (terminal[t >> 1] !== 2) continue;
        // Augment along the path, then start again from this source.
        for (let d = 1; d <= depth; d++) {
          const a = pathState[d - 1]!;
          const b = pathState[d]!;
          const slot = pathSlot[d]!;
          if (slot < 0) through[b >> 1] = b & 1 ? 1 : 0;
          else if (a & 1) {
            if (flow[rev[slot]!]) flow[rev[slot]!] = 0;
            else flow[slot] = 1;
          } else flow[rev[slot]!] = 0;
        }
        sent++;
        depth = 0;
      }
    }
    return sent;
  }
}
