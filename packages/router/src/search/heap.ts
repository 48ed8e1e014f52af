// A binary min-heap over typed arrays (node ids and keys side by side), with lazy deletion: a node whose
// distance improves is pushed again and the stale entry is skipped when popped, instead of being moved
// in place (decrease-key). On the 30k-node demo city a full Dijkstra took 4.2 ms with this heap against
// 5.8 ms with an indexed decrease-key heap (and 4.2 ms with a 4-ary one): the index costs a random write
// for every element moved, and few road-network relaxations improve an already queued node.
//
// Capacity grows by doubling when a search pushes more than ever before; a heap reused across searches
// stops allocating after its first large one.

export class MinHeap {
  size = 0;
  private ids: Uint32Array;
  private keys: Float64Array;

  /** A heap with room for `capacity` entries before it first grows. Precondition: capacity >= 1. */
  constructor(capacity: number) {
    this.ids = new Uint32Array(Math.max(1, capacity));
    this.keys = new Float64Array(Math.max(1, capacity));
  }

  /** Bytes of typed arrays held. Precondition: none. */
  get bytes(): number {
    return this.ids.byteLength + this.keys.byteLength;
  }

  /** Empties the heap in O(1). Precondition: none. */
  clear(): void {
    this.size = 0;
  }

  /** Smallest key. Precondition: size > 0. */
  topKey(): number {
    return this.keys[0]!;
  }

  /** Adds an entry (a node may be in the heap several times). Precondition: key is not NaN. */
  push(id: number, key: number): void {
    if (this.size === this.ids.length) this.grow();
    const { ids, keys } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      ids[i] = ids[parent]!;
      keys[i] = keys[parent]!;
      i = parent;
    }
    ids[i] = id;
    keys[i] = key;
  }

  /** Removes the entry with the smallest key and returns its id. Precondition: size > 0. */
  pop(): number {
    const { ids, keys } = this;
    const top = ids[0]!;
    const n = --this.size;
    if (n > 0) {
      const id = ids[n]!;
      const key = keys[n]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && keys[c + 1]! < keys[c]!) c++;
        if (keys[c]! >= key) break;
        ids[i] = ids[c]!;
        keys[i] = keys[c]!;
        i = c;
      }
      ids[i] = id;
      keys[i] = key;
    }
    return top;
  }

  private grow(): void {
    const ids = new Uint32Array(this.ids.length * 2);
    const keys = new Float64Array(this.keys.length * 2);
    ids.set(this.ids);
    keys.set(this.keys);
    this.ids = ids;
    this.keys = keys;
  }
}
