// Just enough XML writing for CAP: elements with text, escaped; characters XML 1.0 forbids are dropped.

/** Escapes text for element content and attribute values. */
export function escapeXml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** A node: an element with text or child nodes. Undefined children are left out (optional elements). */
export type XmlNode = { name: string; text?: string; children?: (XmlNode | undefined)[] };

/** Writes a node and its children, indented by two spaces a level. */
export function writeXml(node: XmlNode, depth = 0): string {
  const pad = '  '.repeat(depth);
  if (node.children === undefined) return `${pad}<${node.name}>${escapeXml(node.text ?? '')}</${node.name}>`;
  const inner = node.children.filter((c): c is XmlNode => c !== undefined).map((c) => writeXml(c, depth + 1));
  return `${pad}<${node.name}>\n${inner.join('\n')}\n${pad}</${node.name}>`;
}

/** A leaf element, or undefined when there is no text (so optional elements drop out). */
export const leaf = (name: string, text: string | undefined): XmlNode | undefined => (text === undefined ? undefined : { name, text });
