// Strongly connected components (Tarjan, iterative so a long road does not overflow the call stack).
// A vehicle graph should be one component: otherwise some unit cannot reach some incident, or cannot get
// back. The demo generator uses this to repair oneway streets; tests use it as the connectivity check.
import type { RoadGraph } from '../graph/graph.js';

export interface Components {
  readonly count: number;
  /** Component of each node, 0 .. count-1. */
  readonly component: Int32Array;
  /** Node count of each component. */
  readonly sizes: Uint32Array;
}

/** Strongly connected components over edges with a finite weight (all edges if current is omitted). Precondition: none. */
export function stronglyConnected(graph: Pick<RoadGraph, 'nodeCount' | 'offsets' | 'targets'>, current?: Float32Array): Components {
  const { nodeCount: n, offsets, targets } = graph;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Uint32Array(n);
  const callNode = new Uint32Array(n);
  const callEdge = new Uint32Array(n);
  const component = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  let sp = 0;
  let next = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let csp = 0;
    const enter = (v: number): void => {
      index[v] = low[v] = next++;
      stack[sp++] = v;
      onStack[v] = 1;
      callNode[csp] = v;
      callEdge[csp++] = offsets[v]!;
    };
    enter(root);
    while (csp > 0) {
      const v = callNode[csp - 1]!;
      const e = callEdge[csp - 1]!;
      if (e < offsets[v + 1]!) {
        callEdge[csp - 1] = e + 1;
        if (current && current[e] === Infinity) continue;
        const w = targets[e]!;
        if (index[w] === -1) enter(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      if (low[v] === index[v]) {
        const c = sizes.length;
        let size = 0;
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          component[w] = c;
          size++;
        } while (w !== v);
        sizes.push(size);
      }
      csp--;
      if (csp > 0) {
        const parent = callNode[csp - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
    }
  }
  return { count: sizes.length, component, sizes: Uint32Array.from(sizes) };
}
