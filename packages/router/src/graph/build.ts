// Building a RoadGraph from a list of directed edges between provisional node indexes: nodes no edge
// uses are dropped, the rest renumbered 0..n-1 in their provisional order, and edges sorted by source
// (a stable counting sort, O(n + m)) into compressed sparse rows.
import { type RoadGraph } from './graph.js';
import { Growable } from './growable.js';
import { WayTableBuilder } from './way-table.js';

export class EdgeListBuilder {
  private readonly source = new Growable(Uint32Array);
  private readonly target = new Growable(Uint32Array);
  private readonly duration = new Growable(Float32Array);
  private readonly length = new Growable(Float32Array);
  private readonly way = new Growable(Uint32Array);
  private readonly ways = new WayTableBuilder();

  get edgeCount(): number {
    return this.source.length;
  }

  addEdge(source: number, target: number, lengthM: number, durationS: number, wayId: number, nameIndex: number): void {
    this.source.push(source);
    this.target.push(target);
    this.length.push(lengthM);
    this.duration.push(durationS);
    this.way.push(this.ways.indexOf(wayId, nameIndex));
  }

  /**
   * The CSR graph. `latE7`/`lonE7` (1e-7 degrees) are indexed by provisional node index; `names[0]` must
   * be ''. Edge order within a node's row is the order edges were added.
   */
  build(latE7: Int32Array, lonE7: Int32Array, names: readonly string[]): RoadGraph {
    if (names[0] !== '') throw new Error("names[0] must be the empty name ''");
    const src = this.source.view();
    const tgt = this.target.view();
    const m = src.length;
    // Renumber the nodes that edges use, keeping their relative order (and so the file's locality).
    const remap = new Uint32Array(latE7.length).fill(0xffffffff);
    for (let e = 0; e < m; e++) {
      remap[src[e]!] = 0;
      remap[tgt[e]!] = 0;
    }
    let n = 0;
    for (let i = 0; i < remap.length; i++) if (remap[i] === 0) remap[i] = n++;
    const nodeLat = new Int32Array(n);
    const nodeLon = new Int32Array(n);
    for (let i = 0; i < remap.length; i++) {
      const j = remap[i]!;
      if (j !== 0xffffffff) {
        nodeLat[j] = latE7[i]!;
        nodeLon[j] = lonE7[i]!;
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
    const edgeWay = new Uint32Array(m);
    const dur = this.duration.view();
    const len = this.length.view();
    const way = this.way.view();
    for (let e = 0; e < m; e++) {
      const slot = cursor[remap[src[e]!]!]!++;
      targets[slot] = remap[tgt[e]!]!;
      durationS[slot] = dur[e]!;
      lengthM[slot] = len[e]!;
      edgeWay[slot] = way[e]!;
    }
    const { wayIds, wayNames } = this.ways.build();
    return { nodeCount: n, edgeCount: m, latE7: nodeLat, lonE7: nodeLon, offsets, targets, durationS, lengthM, edgeWay, wayIds, wayNames, names };
  }
}
