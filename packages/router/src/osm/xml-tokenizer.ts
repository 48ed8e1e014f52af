// A small streaming XML tokenizer, enough for OSM files: start tags with attributes, end tags,
// self-closing tags; comments, processing instructions, CDATA and DOCTYPE are skipped, text is ignored.
// It works on bytes, not strings: every delimiter is ASCII, so scanning UTF-8 bytes is safe, offsets in
// errors are exact byte offsets, and only attribute values are ever decoded.

export class XmlError extends Error {
  constructor(
    /** Byte offset in the whole stream. */
    readonly byteOffset: number,
    readonly reason: string,
  ) {
    super(`${reason} at byte ${byteOffset}`);
  }
}

export interface XmlHandler {
  open(name: string, attrs: ReadonlyMap<string, string>, selfClosing: boolean): void;
  close(name: string): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const AMP = 0x26;

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Replaces the five predefined entities and numeric character references; leaves unknown ones as they are. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/** Thrown internally when a construct runs past the buffered bytes: wait for the next chunk. */
const INCOMPLETE = Symbol('incomplete');

export class XmlTokenizer {
  /** Unconsumed bytes (at most one incomplete construct) carried over to the next chunk. */
  private carry: Buffer = Buffer.alloc(0);
  /** Stream offset of carry[0]. */
  private base = 0;
  private readonly stack: string[] = [];
  /** Whether any element was seen: a file of text or comments only is not a document. */
  sawElement = false;

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: Buffer): void {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf(LT, pos);
      if (lt < 0) {
        pos = buf.length; // text only: nothing to keep
        break;
      }
      let next: number | typeof INCOMPLETE;
      try {
        next = this.construct(buf, lt);
      } catch (err) {
        if (err === INCOMPLETE) {
          pos = lt;
          break;
        }
        throw err;
      }
      pos = next as number;
    }
    this.carry = Buffer.from(buf.subarray(pos)); // copy: the chunk's memory may be reused
    this.base += pos;
  }

  /** Call at end of input: fails if the document stopped inside a tag or an element. */
  end(): void {
    if (this.carry.length) throw new XmlError(this.base, 'file ends inside a tag (truncated?)');
    if (this.stack.length) {
      throw new XmlError(this.base, `file ends inside <${this.stack[this.stack.length - 1]}> (truncated?)`);
    }
  }

  /** Handles the construct starting with '<' at `lt`; returns the offset after it. */
  private construct(buf: Buffer, lt: number): number {
    const b1 = at(buf, lt + 1);
    if (b1 === BANG) {
      if (startsWith(buf, lt, '<!--')) return after(buf, lt + 4, '-->');
      if (startsWith(buf, lt, '<![CDATA[')) return after(buf, lt + 9, ']]>');
      return after(buf, lt + 2, '>');
    }
    if (b1 === QUESTION) return after(buf, lt + 2, '?>');
    if (b1 === SLASH) {
      const gt = after(buf, lt + 2, '>');
      const name = buf.toString('latin1', lt + 2, gt - 1).trim();
      const open = this.stack.pop();
      if (open !== name) {
        throw new XmlError(this.base + lt, `</${name}> closes ${open === undefined ? 'nothing' : `<${open}>`}`);
      }
      this.handler.close(name);
      return gt;
    }
    return this.startTag(buf, lt);
  }

  private startTag(buf: Buffer, lt: number): number {
    let p = lt + 1;
    while (!isSpace(at(buf, p)) && buf[p] !== GT && buf[p] !== SLASH) p++;
    const name = buf.toString('latin1', lt + 1, p);
    if (!name) throw new XmlError(this.base + lt, 'empty tag name');
    this.sawElement = true;
    const attrs = new Map<string, string>();
    for (;;) {
      while (isSpace(at(buf, p))) p++;
      const b = buf[p]!;
      if (b === GT) {
        this.stack.push(name);
        this.handler.open(name, attrs, false);
        return p + 1;
      }
      if (b === SLASH) {
        if (at(buf, p + 1) !== GT) throw new XmlError(this.base + p, `"/" not followed by ">" in <${name}>`);
        this.handler.open(name, attrs, true);
        this.handler.close(name);
        return p + 2;
      }
      const nameStart = p;
      while (!isSpace(at(buf, p)) && buf[p] !== EQ && buf[p] !== GT && buf[p] !== SLASH) p++;
      const attrName = buf.toString('latin1', nameStart, p);
      while (isSpace(at(buf, p))) p++;
      if (buf[p] !== EQ) throw new XmlError(this.base + p, `attribute "${attrName}" of <${name}> has no value`);
      p++;
      while (isSpace(at(buf, p))) p++;
      const quote = buf[p];
      if (quote !== DQUOTE && quote !== SQUOTE) {
        throw new XmlError(this.base + p, `attribute "${attrName}" of <${name}> is not quoted`);
      }
      // One scan over the value: find its end, and note entities; a raw '<' means a broken document.
      let q = p + 1;
      let hasEntity = false;
      for (; q < buf.length && buf[q] !== quote; q++) {
        if (buf[q] === AMP) hasEntity = true;
        else if (buf[q] === LT) throw new XmlError(this.base + q, `"<" inside attribute "${attrName}" of <${name}>`);
      }
      if (q >= buf.length) throw INCOMPLETE;
      const raw = buf.toString('utf8', p + 1, q);
      attrs.set(attrName, hasEntity ? decodeEntities(raw) : raw);
      p = q + 1;
    }
  }
}

/** buf[i], or INCOMPLETE past the end (the construct continues in the next chunk). */
function at(buf: Buffer, i: number): number {
  if (i >= buf.length) throw INCOMPLETE;
  return buf[i]!;
}

function startsWith(buf: Buffer, i: number, text: string): boolean {
  for (let j = 0; j < text.length; j++) if (at(buf, i + j) !== text.charCodeAt(j)) return false;
  return true;
}

/** Offset just after the next `end` at or after i. */
function after(buf: Buffer, i: number, end: string): number {
  const found = buf.indexOf(end, i, 'latin1');
  if (found < 0) throw INCOMPLETE;
  return found + end.length;
}
