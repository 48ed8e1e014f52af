import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asSint64, asUint32, ProtoError, ProtoReader } from './protobuf.js';

/** Reference varint encoder on BigInt, independent of the reader under test. */
function varint(v: bigint): number[] {
  let u = BigInt.asUintN(64, v);
  const out: number[] = [];
  do {
    let b = Number(u & 0x7fn);
    u >>= 7n;
    if (u) b |= 0x80;
    out.push(b);
  } while (u);
  return out;
}
const zigzag = (v: bigint): bigint => BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
const reader = (bytes: number[]): ProtoReader => new ProtoReader(Uint8Array.from(bytes));

describe('ProtoReader varints', () => {
  it('reads the encodings given in the protobuf documentation', () => {
    expect(reader([0x01]).uint32()).toBe(1);
    expect(reader([0x96, 0x01]).uint32()).toBe(150);
    expect(reader([0xff, 0xff, 0xff, 0xff, 0x0f]).uint32()).toBe(0xffffffff);
    // sint64 zigzag: 0 -> 0, -1 -> 1, 1 -> 2, -2 -> 3
    expect([0, 1, 2, 3].map((b) => reader([b]).sint64())).toEqual([0, -1, 1, -2]);
  });

  it('reads negative int64 and int32 from their 10-byte two-complement form', () => {
    const minusOne = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    expect(reader(minusOne).int64()).toBe(-1);
    expect(reader(minusOne).int32()).toBe(-1);
    expect(reader(varint(-123456789012n)).int64()).toBe(-123456789012);
  });

  it('reads values beyond 32 bits exactly (OSM ids above 2^32 exist)', () => {
    expect(reader(varint(2n ** 40n + 7n)).uint64()).toBe(2 ** 40 + 7);
    expect(reader(varint(zigzag(-(2n ** 35n)))).sint64()).toBe(-(2 ** 35));
    expect(reader(varint(2n ** 53n - 1n)).uint64()).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('round-trips any safe integer through sint64, int64 and uint64', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(reader(varint(zigzag(BigInt(n)))).sint64()).toBe(n);
        expect(reader(varint(BigInt(n))).int64()).toBe(n);
        if (n >= 0) expect(reader(varint(BigInt(n))).uint64()).toBe(n);
      }),
    );
  });

  it('refuses a truncated or overlong varint', () => {
    expect(() => reader([0x96]).uint32()).toThrow(ProtoError);
    expect(() => reader([0x80, 0x80]).sint64()).toThrow(/truncated varint/);
    expect(() => reader(new Array(11).fill(0xff)).uint64()).toThrow(/longer than 10 bytes/);
  });
});

describe('ProtoReader fields', () => {
  // field 1 varint 150, field 2 string "hi", field 3 fixed64, field 4 fixed32, field 5 embedded {1: 7}
  const message = [0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69, 0x19, 1, 2, 3, 4, 5, 6, 7, 8, 0x25, 1, 2, 3, 4, 0x2a, 0x02, 0x08, 0x07];

  it('walks fields, skipping each wire type', () => {
    const r = reader(message);
    const seen: [number, number][] = [];
    while (r.next()) {
      seen.push([r.field, r.wire]);
      if (r.field === 5) {
        const inner = r.message();
        expect(inner.next()).toBe(true);
        expect(inner.uint32()).toBe(7);
        expect(inner.next()).toBe(false);
      } else if (r.field === 2) expect(new TextDecoder().decode(r.bytes())).toBe('hi');
      else r.skip();
    }
    expect(seen).toEqual([[1, 0], [2, 2], [3, 1], [4, 5], [5, 2]]);
    expect(r.pos).toBe(message.length);
  });

  it('refuses a length that runs past the message', () => {
    const r = reader([0x12, 0x05, 0x68, 0x69]);
    r.next();
    expect(() => r.bytes()).toThrow(/runs past the end/);
  });

  it('refuses a truncated fixed-width field and an unknown wire type', () => {
    const r = reader([0x19, 1, 2, 3]);
    r.next();
    expect(() => r.skip()).toThrow(/truncated fixed-width/);
    const g = reader([0x0b]); // field 1, wire type 3 (deprecated groups)
    g.next();
    expect(() => g.skip()).toThrow(/unsupported wire type 3/);
  });

  it('decodes packed repeated fields, and tolerates one unpacked element', () => {
    const values = [3n, -1n, 1000n, -(2n ** 33n)];
    const payload = values.flatMap((v) => varint(zigzag(v)));
    const packed = reader([0x0a, payload.length, ...payload]);
    packed.next();
    const got: number[] = [];
    packed.packed(asSint64, (v) => got.push(v));
    expect(got).toEqual(values.map(Number));

    const single = reader([0x08, 0x96, 0x01]);
    single.next();
    const one: number[] = [];
    single.packed(asUint32, (v) => one.push(v));
    expect(one).toEqual([150]);
  });

  it('refuses field number 0', () => {
    expect(() => reader([0x00, 0x01]).next()).toThrow(/field number 0/);
  });
});
