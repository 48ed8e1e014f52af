// OSM XML (.osm) on top of the tokenizer: <node id lat lon>, <way id> with <nd ref> and <tag k v>.
// Relations are ignored (their <tag>s must not leak onto a node or way, hence the `current` guard).
import { XmlError, type XmlHandler, XmlTokenizer } from './xml-tokenizer.js';
import { type OsmVisitor } from './visitor.js';

interface OpenNode {
  kind: 'node';
  slot: number;
  lat: number;
  lon: number;
  tags: Map<string, string> | null;
}
interface OpenWay {
  kind: 'way';
  id: number;
  refs: number[];
  tags: Map<string, string>;
}

/** Builds an XmlHandler that turns OSM elements into visitor calls. `offset()` locates errors. */
function osmHandler(visitor: OsmVisitor, offset: () => number): XmlHandler {
  let current: OpenNode | OpenWay | null = null;

  const number = (attrs: ReadonlyMap<string, string>, key: string, element: string): number => {
    const v = Number(attrs.get(key) ?? NaN);
    if (!Number.isFinite(v)) throw new XmlError(offset(), `<${element}> has no valid ${key} (got "${attrs.get(key) ?? ''}")`);
    return v;
  };
  // JOSM files keep deleted objects with action="delete" or visible="false": they are not on the map.
  const deleted = (attrs: ReadonlyMap<string, string>): boolean =>
    attrs.get('action') === 'delete' || attrs.get('visible') === 'false';

  return {
    open(name, attrs, selfClosing) {
      if (name === 'node') {
        current = null;
        if (!visitor.node || deleted(attrs)) return;
        const slot = visitor.nodeSlot!(number(attrs, 'id', name));
        if (slot < 0) return;
        const lat = number(attrs, 'lat', name);
        const lon = number(attrs, 'lon', name);
        if (selfClosing) visitor.node(slot, lat, lon, null);
        else current = { kind: 'node', slot, lat, lon, tags: null };
      } else if (name === 'way') {
        current = null;
        if (!visitor.way || deleted(attrs)) return;
        current = { kind: 'way', id: number(attrs, 'id', name), refs: [], tags: new Map() };
      } else if (name === 'nd') {
        if (current?.kind === 'way') current.refs.push(number(attrs, 'ref', name));
      } else if (name === 'tag') {
        if (!current) return;
        const k = attrs.get('k');
        if (k === undefined) throw new XmlError(offset(), '<tag> without k');
        if (current.kind === 'node') (current.tags ??= new Map()).set(k, attrs.get('v') ?? '');
        else current.tags.set(k, attrs.get('v') ?? '');
      } else if (name === 'relation') {
        current = null;
      }
    },
    close(name) {
      if (name === 'node' && current?.kind === 'node') {
        visitor.node!(current.slot, current.lat, current.lon, current.tags);
        current = null;
      } else if (name === 'way' && current?.kind === 'way') {
        if (visitor.wayKey === undefined || current.tags.has(visitor.wayKey)) {
          visitor.way!(current.id, current.refs, current.tags);
        }
        current = null;
      }
    },
  };
}

/**
 * Streams OSM XML bytes to the visitor. Throws XmlError (with a byte offset in this stream) on
 * malformed or truncated input; the caller maps it to an OsmFormatError.
 */
export async function readOsmXml(input: AsyncIterable<Buffer>, visitor: OsmVisitor): Promise<void> {
  let consumed = 0;
  const tokenizer = new XmlTokenizer(osmHandler(visitor, () => consumed));
  for await (const chunk of input) {
    tokenizer.write(chunk);
    consumed += chunk.length;
  }
  tokenizer.end();
  if (!tokenizer.sawElement) throw new XmlError(consumed, 'no XML element found: not an OSM XML file');
}
