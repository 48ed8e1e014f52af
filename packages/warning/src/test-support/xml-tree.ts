// A strict little XML reader for tests: elements, attributes, text and the five predefined entities. It throws
// on anything not well formed (mismatched or unclosed tags, stray '<' or '&', text outside the root).
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  if (/<|&(?!(amp|lt|gt|quot|apos);)/.test(s)) throw new Error(`not well formed: ${JSON.stringify(s.slice(0, 40))}`);
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ENTITIES[e]!);
}

/** Parses a document into its root element. Precondition: none; throws when not well formed. */
export function parseXml(xml: string): XmlElement {
  const token = /<\?xml[^?]*\?>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  for (const m of xml.matchAll(token)) {
    const [, close, open, attrs, selfClose, text, stray] = m;
    if (stray) throw new Error(`not well formed: stray < at ${m.index}`);
    if (text !== undefined) {
      if (stack.length) stack[stack.length - 1]!.text += decode(text);
      else if (text.trim()) throw new Error('text outside the root element');
    } else if (open) {
      const attributes: Record<string, string> = {};
      for (const a of (attrs ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g)) attributes[a[1]!] = decode(a[2]!);
      const el: XmlElement = { name: open, attributes, text: '', children: [] };
      if (stack.length) stack[stack.length - 1]!.children.push(el);
      else if (root) throw new Error('two root elements');
      else root = el;
      if (!selfClose) stack.push(el);
    } else if (close) {
      const el = stack.pop();
      if (el?.name !== close) throw new Error(`</${close}> closes <${el?.name ?? 'nothing'}>`);
    }
  }
  if (stack.length || !root) throw new Error('unclosed element or no root');
  return root;
}
