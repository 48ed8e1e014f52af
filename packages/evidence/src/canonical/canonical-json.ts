// RFC 8785 JSON Canonicalization Scheme: the one byte sequence a JSON value hashes to. Strings and numbers
// serialise exactly as ECMAScript's JSON.stringify does (which is what the RFC prescribes), object members
// are sorted by their names' UTF-16 code units (what Array.prototype.sort compares), and no whitespace.
// Anything JSON cannot carry faithfully is refused rather than silently dropped or coerced.
import { CanonicalJsonError } from '../errors.js';

/** The RFC 8785 canonical form of `value`; throws CanonicalJsonError for non-JSON values. */
export function canonicalJson(value: unknown): string {
  try {
    return fast(value, 0);
  } catch (err) {
    if (!(err instanceof NotPlainJson)) throw err;
    // Walk again, slowly, to name where and why; it throws for every value the fast walk refused.
    return serialise(value, null, new Set());
  }
}

// The fast walk keeps no path and no cycle set: every record the log writes (thousands a second) pays for
// neither. It refuses anything unusual by throwing this, and the careful walk below explains the refusal.
class NotPlainJson extends Error {}
const NOT_PLAIN = new NotPlainJson();
// Deeper than any record we write; a cycle reaches it too, and the careful walk then names the cycle.
const MAX_FAST_DEPTH = 200;

function fastString(text: string): string {
  const out = JSON.stringify(text);
  // Well-formed JSON.stringify (ES2019) writes a lone surrogate as a lowercase \udXXX escape, so only a string
  // whose output holds one can be at fault (a literal backslash-u in the text is cleared by the exact test).
  if (out.includes('\\ud') && LONE_SURROGATE.test(text)) throw NOT_PLAIN;
  return out;
}

function fast(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return fastString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw NOT_PLAIN;
      return String(value);
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (value === null) return 'null';
  if (depth > MAX_FAST_DEPTH) throw NOT_PLAIN;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw NOT_PLAIN;
      out += (i ? ',' : '') + fast(value[i], depth + 1);
    }
    return `${out}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if ((proto !== Object.prototype && proto !== null) || Object.getOwnPropertySymbols(value).length > 0) throw NOT_PLAIN;
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    out += `${first ? '' : ','}${fastString(key)}:${fast(record[key], depth + 1)}`;
    first = false;
  }
  return `${out}}`;
}

// Where a value sits, as a chain to the root: the JSON pointer string is built only for an error message,
// so the common case (valid records, thousands a second) pays no string work for it.
type Path = { readonly up: Path; readonly segment: string } | null;

function pointer(path: Path): string {
  let out = '';
  for (let p = path; p; p = p.up) out = `/${p.segment.replace(/~/g, '~0').replace(/\//g, '~1')}${out}`;
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialiseString(text: string, path: Path): string {
  // I-JSON (RFC 7493), which RFC 8785 builds on, forbids unpaired surrogates: they are not Unicode text.
  if (LONE_SURROGATE.test(text)) throw new CanonicalJsonError(pointer(path), 'string holds an unpaired UTF-16 surrogate');
  return JSON.stringify(text);
}

function serialise(value: unknown, path: Path, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return serialiseString(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(pointer(path), `${String(value)} is not a JSON number`);
      // ES Number-to-String, which is RFC 8785's number format; it also turns -0 into "0".
      return String(value);
    case 'undefined':
      throw new CanonicalJsonError(pointer(path), 'undefined is not a JSON value');
    case 'bigint':
      throw new CanonicalJsonError(pointer(path), 'a BigInt is not a JSON number (convert it to a string or a safe integer)');
    case 'function':
    case 'symbol':
      throw new CanonicalJsonError(pointer(path), `a ${typeof value} is not a JSON value`);
  }
  if (value === null) return 'null';
  const object = value as object;
  if (seen.has(object)) throw new CanonicalJsonError(pointer(path), 'the value refers to itself');
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      const items: string[] = [];
      for (let i = 0; i < object.length; i++) {
        if (!(i in object)) throw new CanonicalJsonError(pointer({ up: path, segment: String(i) }), 'a sparse array hole is not a JSON value');
        items.push(serialise(object[i], { up: path, segment: String(i) }, seen));
      }
      return `[${items.join(',')}]`;
    }
    const proto = Object.getPrototypeOf(object) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const kind = (object as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new CanonicalJsonError(pointer(path), `a ${kind} is not a plain JSON object (convert it first, e.g. a Date to an ISO string)`);
    }
    if (Object.getOwnPropertySymbols(object).length > 0) throw new CanonicalJsonError(pointer(path), 'symbol keys are not JSON');
    const record = object as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const where = { up: path, segment: key };
      members.push(`${serialiseString(key, where)}:${serialise(record[key], where, seen)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    seen.delete(object);
  }
}
