// Append-only typed arrays that double when full: the import does not know its counts in advance, and
// plain JS arrays of numbers cost 2-4x the memory and are slower to sort and copy.

type TypedArray = Float64Array | Float32Array | Uint32Array | Int32Array | Uint8Array;
type TypedArrayCtor<T extends TypedArray> = { new (length: number): T };

export class Growable<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    initialCapacity = 1024,
  ) {
    this.data = new ctor(Math.max(16, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new this.ctor(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  /** A view of the filled part (shares memory until the next push that grows). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** A right-sized copy that owns its memory. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}
