// Building a RoadGraph from a list of directed edges between provisional node indexes: nodes no edge
// uses are dropped, the rest renumbered 0..n-1 in their provisional order, and edges sorted by source
// (a stable counting sort, O(n + m)) into compressed sparse rows.
import { type RoadGraph } from './graph.js';
import { Growable } from './growable.js';

export class EdgeListBuilder {
  private readonly source = new Growable(Uint32Array);
  private readonly target = new Growable(Uint32Array);
  private readonly duration = new Growable(Float32Array);
  private readonly length = new Growable(Float32Array);
  private readonly way = new Growable(Float64Array);
  private readonly name = new Growable(Uint32Array);

  get edgeCount(): number {
    return this.source.length;
  }

  addEdge(source: number, target: number, lengthM: number, durationS: number, wayId: number, nameIndex: number): void {
    this.source.push(source);
    this.target.push(target);
    this.length.push(lengthM);
    this.duration.push(durationS);
    this.way.push(wayId);
    this.name.push(nameIndex);
  }

  /**
   * The CSR graph. `lat`/`lon` are indexed by provisional node index; `names[0]` must be ''.
   * Edge order within a node's row is the order edges were added.
   */
  build(lat: Float64Array, lon: Float64Array, names: readonly string[]): RoadGraph {
    if (names[0] !== '') throw new Error("names[0] must be the empty name ''");
    const src = this.source.view();
    const tgt = this.target.view();
    const m = src.length;
    // Renumber the nodes that edges use, keeping their relative order (and so the file's locality).
    const remap = new Uint32Array(lat.length).fill(0xffffffff);
    for (let e = 0; e < m; e++) {
      remap[src[e]!] = 0;
      remap[tgt[e]!] = 0;
    }
    let n = 0;
    for (let i = 0; i < remap.length; i++) if (remap[i] === 0) remap[i] = n++;
    const nodeLat = new Float64Array(n);
    const nodeLon = new Float64Array(n);
    for (let i = 0; i < remap.length; i++) {
      const j = remap[i]!;
      if (j !== 0xffffffff) {
        nodeLat[j] = lat[i]!;
        nodeLon[j] = lon[i]!;
      }
    }
    // Counting sort by (renumbered) source.
    const offsets = new Uint32Array(n + 1);
    for (let e = 0; e < m; e++) offsets[remap[src[e]!]! + 1]!++;
    for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
    const cursor = offsets.slice(0, n);
    const targets = new Uint32Array(m);
    const durationS = new Float32Array(m);
    const lengthM = new Float32Array(m);
    const wayId = new Float64Array(m);
    const nameIndex = new Uint32Array(m);
    const dur = this.duration.view();
    const len = this.length.view();
    const way = this.way.view();
    const name = this.name.view();
    for (let e = 0; e < m; e++) {
      const slot = cursor[remap[src[e]!]!]!++;
      targets[slot] = remap[tgt[e]!]!;
      durationS[slot] = dur[e]!;
      lengthM[slot] = len[e]!;
      wayId[slot] = way[e]!;
      nameIndex[slot] = name[e]!;
    }
    return { nodeCount: n, edgeCount: m, lat: nodeLat, lon: nodeLon, offsets, targets, durationS, lengthM, wayId, nameIndex, names };
  }
}
