// The loaded road graphs (one per profile) and the closures applied to them. A closure is applied by
// rewriting only the edges it covers in the live weights (EdgeWeights), so the very next search sees it;
// nothing is rebuilt. The database holds the closures; this holds their effect.
import { ValidationError, type ClosureTarget } from '@civdef/core';
import type { EdgeWeights, GraphFileInfo, Profile, RoadGraph, SnapIndex } from '@civdef/router';
import type { Logger } from 'pino';
import { edgesOfTarget } from './closure-target.js';

export interface ProfileGraph {
  readonly profile: Profile;
  readonly graph: RoadGraph;
  readonly weights: EdgeWeights;
  readonly snap: SnapIndex;
  /** Names this exact graph (from its file's digest). */
  readonly graphId: string;
  readonly info: GraphFileInfo;
  readonly path: string;
}

/** A closure as the network applies it. */
export interface ClosureSpec {
  readonly id: string;
  readonly kind: 'closure' | 'slowdown';
  readonly target: ClosureTarget;
  readonly factor: number | null;
  /** Epoch ms when it lifts by itself, or null. */
  readonly untilMs: number | null;
  readonly profile: Profile | null;
  /** For an edge target: the graph its edge id belongs to. */
  readonly graphId: string | null;
}

export class RoadNetwork {
  private readonly graphs = new Map<Profile, ProfileGraph>();
  private readonly specs = new Map<string, ClosureSpec>();

  /** Precondition: at most one graph per profile. */
  constructor(
    graphs: readonly ProfileGraph[],
    private readonly log: Logger,
  ) {
    for (const g of graphs) this.graphs.set(g.profile, g);
  }

  /** The profiles with a loaded graph. Precondition: none. */
  get profiles(): Profile[] {
    return [...this.graphs.keys()];
  }

  /**
   * The graph of a profile with closures due by nowMs already lifted, so a search never uses an expired one
   * (the expiry timer records the event a moment later). Throws ValidationError when none is loaded.
   * Precondition: none.
   */
  use(profile: Profile, nowMs: number): ProfileGraph {
    const g = this.graphs.get(profile);
    if (!g) {
      throw new ValidationError(
        [{ path: 'profile', message: `no ${profile} road graph is loaded; import one with civdef import-osm FILE --profile ${profile}` }],
        'body',
      );
    }
    g.weights.expire(nowMs);
    return g;
  }

  /** The vehicle graph if loaded, else the other: the map the organisation is placed on. Precondition: a graph is loaded. */
  primary(): ProfileGraph {
    return this.graphs.get('vehicle') ?? [...this.graphs.values()][0]!;
  }

  /** The graphs a closure applies to: its profile, else every graph (an edge id: the vehicle graph). Precondition: none. */
  graphsFor(spec: Pick<ClosureSpec, 'profile' | 'target'>): ProfileGraph[] {
    const wanted = spec.profile ?? ('edge' in spec.target ? 'vehicle' : null);
    return [...this.graphs.values()].filter((g) => wanted === null || g.profile === wanted);
  }

  /** Edges the closure covers in each graph it applies to. Precondition: none. */
  resolve(spec: Pick<ClosureSpec, 'profile' | 'target' | 'graphId'>): Map<Profile, Uint32Array> {
    const out = new Map<Profile, Uint32Array>();
    for (const g of this.graphsFor(spec)) {
      // An edge id recorded against another graph (a map imported since) would close an arbitrary road.
      if ('edge' in spec.target && spec.graphId !== null && spec.graphId !== g.graphId) continue;
      out.set(g.profile, edgesOfTarget(g, spec.target));
    }
    return out;
  }

  /** Applies a closure (again: a no-op); returns the edges covered per profile. Precondition: a unique id per closure. */
  apply(spec: ClosureSpec, edges: Map<Profile, Uint32Array> = this.resolve(spec)): Record<string, number> {
    if (this.specs.has(spec.id)) return this.applied(spec.id);
    this.specs.set(spec.id, spec);
    if ('edge' in spec.target && spec.graphId !== null && edges.size === 0) {
      this.log.warn({ closure: spec.id, graph: spec.graphId }, 'closure names an edge of a graph that has been replaced; it no longer applies');
    }
    for (const [profile, list] of edges) applyTo(this.graphs.get(profile)!, spec, list);
    return this.applied(spec.id);
  }

  /**
   * Puts a newly imported graph in place of its profile's, with every applied closure applied to it again
   * (an edge-id closure of the old graph no longer applies). Precondition: g freshly loaded, nothing applied to it.
   */
  replace(g: ProfileGraph): void {
    this.graphs.set(g.profile, g);
    for (const spec of this.specs.values()) {
      if (!this.graphsFor(spec).includes(g)) continue;
      if ('edge' in spec.target && spec.graphId !== g.graphId) continue;
      applyTo(g, spec, edgesOfTarget(g, spec.target));
    }
  }

  /** Lifts a closure from every graph; false if it was not applied. Precondition: none. */
  lift(id: string): boolean {
    if (!this.specs.delete(id)) return false;
    for (const g of this.graphs.values()) g.weights.reopen(id);
    return true;
  }

  /** Directed edges a closure covers now, per loaded graph (0 where it does not apply or has lifted). Precondition: none. */
  applied(id: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const g of this.graphs.values()) out[g.profile] = g.weights.get(id)?.edges.length ?? 0;
    return out;
  }

  /** Earliest expiry among applied closures, epoch ms, or Infinity. Precondition: none. */
  nextExpiryMs(): number {
    let min = Infinity;
    for (const s of this.specs.values()) if (s.untilMs !== null && s.untilMs < min) min = s.untilMs;
    return min;
  }
}

function applyTo(g: ProfileGraph, spec: ClosureSpec, edges: Uint32Array): void {
  const options = { id: spec.id, untilMs: spec.untilMs };
  if (spec.kind === 'closure') g.weights.close(edges, options);
  else g.weights.slow(edges, spec.factor ?? 1, options);
}
