// A minimal protobuf wire-format reader: just what the few OSM PBF messages need (varints, zigzag,
// length-delimited fields, packed repeated fields). Hand-written because a full protobuf library with
// generated code would weigh more than the handful of messages it would serve.
//
// 64-bit varints are returned as JS numbers: exact up to 2^53, which covers OSM ids (< 2^34 today) and
// every coordinate. Reading never goes past `end`; a malformed message throws ProtoError.

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

const TWO_32 = 4_294_967_296;

/** Malformed protobuf data; `pos` is the offset inside the buffer being decoded. */
export class ProtoError extends Error {
  constructor(
    readonly pos: number,
    readonly reason: string,
  ) {
    super(`${reason} at offset ${pos}`);
  }
}

export class ProtoReader {
  pos: number;
  /** Field number and wire type of the last tag read by next(). */
  field = 0;
  wire = 0;
  /** High 32 bits of the last 64-bit varint (a field, not a tuple, so hot loops allocate nothing). */
  private hi = 0;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  /** Advances to the next field; false at the end of the message. */
  next(): boolean {
    if (this.pos >= this.end) return false;
    const tag = this.uint32();
    this.field = tag >>> 3;
    this.wire = tag & 7;
    if (this.field === 0) throw new ProtoError(this.pos, 'field number 0');
    return true;
  }

  /** A varint truncated to its low 32 bits, unsigned. Fast path for tags, lengths and string indexes. */
  uint32(): number {
    const { buf, end } = this;
    let pos = this.pos;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= end) throw new ProtoError(pos, 'truncated varint');
      const b = buf[pos++]!;
      result |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return result >>> 0;
      }
    }
    // Longer varints (negative int32 values are sign-extended to 10 bytes): drop the high bytes.
    for (let i = 0; i < 5; i++) {
      if (pos >= end) throw new ProtoError(pos, 'truncated varint');
      if (buf[pos++]! < 0x80) {
        this.pos = pos;
        return result >>> 0;
      }
    }
    throw new ProtoError(pos, 'varint longer than 10 bytes');
  }

  /** A varint as an unsigned 64-bit value split into two 32-bit halves; writes `this.hi`, returns lo. */
  private varint64(): number {
    const { buf, end } = this;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let b = 0;
    // Bytes 0-3 fill bits 0-27 of lo.
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) throw new ProtoError(pos, 'truncated varint');
      b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) return this.done64(pos, lo, 0);
    }
    // Byte 4 straddles: 4 bits to lo, 3 bits to hi.
    if (pos >= end) throw new ProtoError(pos, 'truncated varint');
    b = buf[pos++]!;
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b < 0x80) return this.done64(pos, lo, hi);
    for (let shift = 3; shift < 32; shift += 7) {
      if (pos >= end) throw new ProtoError(pos, 'truncated varint');
      b = buf[pos++]!;
      hi |= (b & 0x7f) << shift;
      if (b < 0x80) return this.done64(pos, lo, hi);
    }
    throw new ProtoError(pos, 'varint longer than 10 bytes');
  }

  private done64(pos: number, lo: number, hi: number): number {
    this.pos = pos;
    this.hi = hi >>> 0;
    return lo >>> 0;
  }

  /** uint64 as a number (exact below 2^53). */
  uint64(): number {
    const lo = this.varint64();
    return this.hi * TWO_32 + lo;
  }

  /** int64 (two's complement) as a number. */
  int64(): number {
    const lo = this.varint64();
    const hi = this.hi;
    if (hi < 0x80000000) return hi * TWO_32 + lo;
    // Negative: -(~value + 1), computed on the halves so that small negatives stay exact.
    return -((~hi >>> 0) * TWO_32 + (~lo >>> 0) + 1);
  }

  /** sint64 (zigzag) as a number. */
  sint64(): number {
    const lo = this.varint64();
    const hi = this.hi;
    // value = (n >>> 1) ^ -(n & 1), done on the two halves.
    const mag = (hi >>> 1) * TWO_32 + (((lo >>> 1) | ((hi & 1) << 31)) >>> 0);
    return lo & 1 ? -mag - 1 : mag;
  }

  /** int32: negative values are encoded as 10-byte varints; the low 32 bits carry the value. */
  int32(): number {
    return this.uint32() | 0;
  }

  /** Start and end (exclusive) of a length-delimited field's payload; advances past it. */
  lengthDelimited(): [start: number, end: number] {
    const len = this.uint32();
    const start = this.pos;
    const stop = start + len;
    if (stop > this.end) throw new ProtoError(start, `length ${len} runs past the end of the message`);
    this.pos = stop;
    return [start, stop];
  }

  bytes(): Uint8Array {
    const [start, stop] = this.lengthDelimited();
    return this.buf.subarray(start, stop);
  }

  /** A reader over an embedded message. */
  message(): ProtoReader {
    const [start, stop] = this.lengthDelimited();
    return new ProtoReader(this.buf, start, stop);
  }

  /** Skips the current field's value according to its wire type. */
  skip(): void {
    switch (this.wire) {
      case WIRE_VARINT:
        this.varint64();
        return;
      case WIRE_I64:
        this.advance(8);
        return;
      case WIRE_LEN:
        this.lengthDelimited();
        return;
      case WIRE_I32:
        this.advance(4);
        return;
      default:
        throw new ProtoError(this.pos, `unsupported wire type ${this.wire}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new ProtoError(this.pos, 'truncated fixed-width field');
    this.pos += n;
  }

  /**
   * Calls `each` for every element of a packed repeated varint field (the current field), decoding with
   * `decode`. Also accepts a single unpacked element, which proto2 parsers must tolerate.
   */
  packed(decode: (r: ProtoReader) => number, each: (value: number) => void): void {
    if (this.wire === WIRE_VARINT) {
      each(decode(this));
      return;
    }
    if (this.wire !== WIRE_LEN) throw new ProtoError(this.pos, `wire type ${this.wire} for a repeated varint`);
    const [start, stop] = this.lengthDelimited();
    const inner = new ProtoReader(this.buf, start, stop);
    while (inner.pos < stop) each(decode(inner));
  }
}

/** Decoders to pass to `packed`. */
export const asUint32 = (r: ProtoReader): number => r.uint32();
export const asInt32 = (r: ProtoReader): number => r.int32();
export const asSint64 = (r: ProtoReader): number => r.sint64();
export const asInt64 = (r: ProtoReader): number => r.int64();
