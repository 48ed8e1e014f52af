// The way table the graph builders share: each distinct (way id, name) pair an edge is added with gets
// one entry, so a street's id and name are stored once, not once per edge. OSM gives a way one name; the
// pair keeps callers that reuse an id with another name (test graphs, the demo city) exact.
import { Growable } from './growable.js';

export class WayTableBuilder {
  private readonly ids = new Growable(Float64Array, 256);
  private readonly nameOf = new Growable(Uint32Array, 256);
  private readonly index = new Map<number, Map<number, number>>();

  /** The way index of (wayId, nameIndex), added on first sight. Precondition: finite wayId. */
  indexOf(wayId: number, nameIndex: number): number {
    let byName = this.index.get(wayId);
    if (!byName) {
      byName = new Map();
      this.index.set(wayId, byName);
    }
    let w = byName.get(nameIndex);
    if (w === undefined) {
      w = this.ids.length;
      this.ids.push(wayId);
      this.nameOf.push(nameIndex);
      byName.set(nameIndex, w);
    }
    return w;
  }

  /** The table as right-sized arrays. Precondition: none. */
  build(): { wayIds: Float64Array; wayNames: Uint32Array } {
    return { wayIds: this.ids.toArray(), wayNames: this.nameOf.toArray() };
  }
}
