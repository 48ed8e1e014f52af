import { describe, expect, it } from 'vitest';
import { decodeEntities, XmlError, XmlTokenizer } from './xml-tokenizer.js';

type Event = string;

/** Feeds `doc` in chunks of `size` bytes and records the events as compact strings. */
function tokenize(doc: string | Buffer, size = Infinity): Event[] {
  const events: Event[] = [];
  const t = new XmlTokenizer({
    open: (name, attrs, selfClosing) => events.push(`<${name}${[...attrs].map(([k, v]) => ` ${k}=${v}`).join('')}${selfClosing ? '/' : ''}>`),
    close: (name) => events.push(`</${name}>`),
  });
  const bytes = Buffer.isBuffer(doc) ? doc : Buffer.from(doc, 'utf8');
  const step = Math.min(size, bytes.length);
  for (let i = 0; i < bytes.length; i += step) t.write(bytes.subarray(i, i + step));
  t.end();
  return events;
}

const doc = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE osm>
<!-- a comment with <tags> & stuff -->
<osm version="0.6">
  <node id="1" lat="36.2" lon='37.1'><tag k="name" v="Bab al-Faraj &amp; &quot;souk&quot; &#x2014; &#8212; &lt;&gt; &apos;"/></node>
  <way id="2" >
    <nd ref="1"/><![CDATA[ <not a tag> ]]>
    <tag k="name:ar" v="شارع بغداد" />
    <tag k="note" v="a > b"/>
  </way>
</osm>`;

const expected: Event[] = [
  '<osm version=0.6>',
  '<node id=1 lat=36.2 lon=37.1>',
  '<tag k=name v=Bab al-Faraj & "souk" \u2014 \u2014 <> \'/>',
  '</tag>',
  '</node>',
  '<way id=2>',
  '<nd ref=1/>',
  '</nd>',
  '<tag k=name:ar v=شارع بغداد/>',
  '</tag>',
  '<tag k=note v=a > b/>',
  '</tag>',
  '</way>',
  '</osm>',
];

describe('XmlTokenizer', () => {
  it('reads elements, attributes, entities and UTF-8, skipping prolog, comments and CDATA', () => {
    expect(tokenize(doc)).toEqual(expected);
  });

  it('gives the same events whatever the chunk boundaries (every split of a multi-byte character too)', () => {
    for (const size of [1, 2, 3, 5, 7, 64]) expect(tokenize(doc, size)).toEqual(expected);
  });

  it('decodes the predefined entities and character references, leaving unknown ones', () => {
    expect(decodeEntities('a &amp;&lt;&gt;&quot;&apos; &#65;&#x42; &nbsp; &#0;')).toBe('a &<>"\' AB &nbsp; &#0;');
  });

  it.each([
    ['<osm><node id=1/></osm>', /not quoted at byte 14/],
    ['<osm><node id></osm>', /has no value/],
    ['<osm></way></osm>', /<\/way> closes <osm>/],
    ['<osm><node id="1" lat="2"', /ends inside a tag/],
    ['<osm><node id="1"/>', /ends inside <osm>/],
    ['<osm><tag v="a<b"/></osm>', /"<" inside attribute/],
    ['<osm><node / ></osm>', /"\/" not followed by ">"/],
  ])('refuses %s', (bad, message) => {
    expect(() => tokenize(bad)).toThrow(XmlError);
    expect(() => tokenize(bad)).toThrow(message);
  });

  it('names the exact byte offset of an error after multi-byte text', () => {
    const bad = Buffer.from('<osm><tag v="é"/><x y=z/></osm>', 'utf8');
    try {
      tokenize(bad, 4);
      expect.unreachable();
    } catch (err) {
      expect((err as XmlError).byteOffset).toBe(bad.indexOf('z'));
    }
  });
});
