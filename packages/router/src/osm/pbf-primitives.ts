// Decoding of the inner PBF messages: HeaderBlock and PrimitiveBlock (string table, dense and plain
// nodes, ways). Relations and metadata are skipped: routing needs neither.
// Field numbers follow the published osmformat.proto.
import { ProtoError, ProtoReader, asSint64, asUint32, asInt32 } from './protobuf.js';
import { type OsmVisitor } from './visitor.js';

/** Features a reader must understand, from the HeaderBlock; anything else means we cannot read the file. */
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);

const utf8 = new TextDecoder('utf-8');

export function checkHeaderBlock(data: Uint8Array): void {
  const r = new ProtoReader(data);
  while (r.next()) {
    if (r.field === 4 && r.wire === 2) {
      const feature = utf8.decode(r.bytes());
      if (!SUPPORTED_FEATURES.has(feature)) throw new ProtoError(r.pos, `unsupported required feature "${feature}"`);
    } else r.skip();
  }
}

/** The block's strings, decoded to JS strings only when asked for (most are never needed). */
class StringTable {
  private readonly decoded: (string | undefined)[] = [];
  constructor(
    private readonly buf: Uint8Array,
    private readonly ranges: number[],
  ) {}

  get size(): number {
    return this.ranges.length / 2;
  }

  get(i: number): string {
    let s = this.decoded[i];
    if (s === undefined) {
      if (!(i >= 0 && i < this.size)) throw new ProtoError(0, `string index ${i} outside a table of ${this.size}`);
      s = utf8.decode(this.buf.subarray(this.ranges[2 * i]!, this.ranges[2 * i + 1]!));
      this.decoded[i] = s;
    }
    return s;
  }

  /** Index of a string, by comparing raw bytes (no decoding); -1 when absent. */
  indexOf(text: string): number {
    const want = new TextEncoder().encode(text);
    outer: for (let i = 0; i < this.size; i++) {
      const start = this.ranges[2 * i]!;
      if (this.ranges[2 * i + 1]! - start !== want.length) continue;
      for (let j = 0; j < want.length; j++) if (this.buf[start + j] !== want[j]) continue outer;
      return i;
    }
    return -1;
  }
}

interface BlockFrame {
  strings: StringTable;
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

/** Decodes one PrimitiveBlock for the visitor. Returns whether the block held any nodes. */
export function decodeDataBlock(data: Uint8Array, visitor: OsmVisitor): boolean {
  const r = new ProtoReader(data);
  const ranges: number[] = [];
  const groups: ProtoReader[] = [];
  let granularity = 100;
  let latOffset = 0;
  let lonOffset = 0;
  while (r.next()) {
    if (r.field === 1 && r.wire === 2) {
      const st = r.message();
      while (st.next()) {
        if (st.field === 1 && st.wire === 2) ranges.push(...st.lengthDelimited());
        else st.skip();
      }
    } else if (r.field === 2 && r.wire === 2) groups.push(r.message());
    else if (r.field === 17 && r.wire === 0) granularity = r.int32();
    else if (r.field === 19 && r.wire === 0) latOffset = r.int64();
    else if (r.field === 20 && r.wire === 0) lonOffset = r.int64();
    else r.skip();
  }
  if (granularity <= 0) throw new ProtoError(0, `granularity ${granularity}`);
  const frame: BlockFrame = { strings: new StringTable(data, ranges), granularity, latOffset, lonOffset };
  const wayKey = visitor.way && visitor.wayKey !== undefined ? frame.strings.indexOf(visitor.wayKey) : -1;
  let hadNodes = false;
  for (const g of groups) {
    while (g.next()) {
      if (g.field === 2 && g.wire === 2) {
        hadNodes = true;
        if (visitor.node) decodeDense(g.message(), frame, visitor);
        else g.skip();
      } else if (g.field === 1 && g.wire === 2) {
        hadNodes = true;
        if (visitor.node) decodeNode(g.message(), frame, visitor);
        else g.skip();
      } else if (g.field === 3 && g.wire === 2 && visitor.way && (visitor.wayKey === undefined || wayKey >= 0)) {
        decodeWay(g.message(), frame, visitor, wayKey);
      } else g.skip();
    }
  }
  return hadNodes;
}

/** Degrees from the block's integer units: offset + granularity * value, in nanodegrees. */
function degrees(raw: number, offset: number, granularity: number): number {
  return (offset + granularity * raw) / 1e9;
}

function decodeDense(m: ProtoReader, f: BlockFrame, visitor: OsmVisitor): void {
  const ids: number[] = [];
  const lats: number[] = [];
  const lons: number[] = [];
  const kv: number[] = [];
  while (m.next()) {
    if (m.field === 1) m.packed(asSint64, (v) => ids.push(v));
    else if (m.field === 8) m.packed(asSint64, (v) => lats.push(v));
    else if (m.field === 9) m.packed(asSint64, (v) => lons.push(v));
    else if (m.field === 10) m.packed(asInt32, (v) => kv.push(v));
    else m.skip();
  }
  if (lats.length !== ids.length || lons.length !== ids.length) {
    throw new ProtoError(m.pos, `DenseNodes with ${ids.length} ids, ${lats.length} lats, ${lons.length} lons`);
  }
  let id = 0;
  let lat = 0;
  let lon = 0;
  let k = 0; // cursor in keys_vals: each node's pairs end with a 0
  for (let i = 0; i < ids.length; i++) {
    id += ids[i]!;
    lat += lats[i]!;
    lon += lons[i]!;
    const slot = visitor.nodeSlot!(id);
    if (slot < 0) {
      // Skip this node's key/value pairs without decoding a string.
      while (k < kv.length && kv[k] !== 0) k += 2;
      k++;
      continue;
    }
    let tags: Map<string, string> | null = null;
    if (kv.length) {
      while (k < kv.length && kv[k] !== 0) {
        if (k + 1 >= kv.length) throw new ProtoError(m.pos, 'DenseNodes keys_vals ends inside a pair');
        (tags ??= new Map()).set(f.strings.get(kv[k]!), f.strings.get(kv[k + 1]!));
        k += 2;
      }
      k++;
    }
    visitor.node!(slot, degrees(lat, f.latOffset, f.granularity), degrees(lon, f.lonOffset, f.granularity), tags);
  }
}

function decodeNode(m: ProtoReader, f: BlockFrame, visitor: OsmVisitor): void {
  let id = 0;
  let lat = 0;
  let lon = 0;
  const keys: number[] = [];
  const vals: number[] = [];
  while (m.next()) {
    if (m.field === 1 && m.wire === 0) id = m.sint64();
    else if (m.field === 2) m.packed(asUint32, (v) => keys.push(v));
    else if (m.field === 3) m.packed(asUint32, (v) => vals.push(v));
    else if (m.field === 8 && m.wire === 0) lat = m.sint64();
    else if (m.field === 9 && m.wire === 0) lon = m.sint64();
    else m.skip();
  }
  const slot = visitor.nodeSlot!(id);
  if (slot < 0) return;
  const tags = pairTags(keys, vals, f.strings, m.pos);
  visitor.node!(slot, degrees(lat, f.latOffset, f.granularity), degrees(lon, f.lonOffset, f.granularity), tags);
}

function decodeWay(m: ProtoReader, f: BlockFrame, visitor: OsmVisitor, wayKey: number): void {
  let id = 0;
  const keys: number[] = [];
  const vals: number[] = [];
  const refs: number[] = [];
  let refRange: [number, number] | null = null;
  while (m.next()) {
    if (m.field === 1 && m.wire === 0) id = m.int64();
    else if (m.field === 2) m.packed(asUint32, (v) => keys.push(v));
    else if (m.field === 3) m.packed(asUint32, (v) => vals.push(v));
    // Refs are decoded only once the way is known to be wanted.
    else if (m.field === 8 && m.wire === 2) refRange = m.lengthDelimited();
    else m.skip();
  }
  if (wayKey >= 0 && !keys.includes(wayKey)) return;
  const tags = pairTags(keys, vals, f.strings, m.pos) ?? new Map<string, string>();
  if (refRange) {
    const rr = new ProtoReader(m.buf, refRange[0], refRange[1]);
    let ref = 0;
    while (rr.pos < rr.end) refs.push((ref += rr.sint64()));
  }
  visitor.way!(id, refs, tags);
}

function pairTags(keys: number[], vals: number[], strings: StringTable, pos: number): Map<string, string> | null {
  if (keys.length !== vals.length) throw new ProtoError(pos, `${keys.length} keys but ${vals.length} values`);
  if (keys.length === 0) return null;
  const tags = new Map<string, string>();
  for (let i = 0; i < keys.length; i++) tags.set(strings.get(keys[i]!), strings.get(vals[i]!));
  return tags;
}
