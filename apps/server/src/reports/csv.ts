// CSV as RFC 4180 has it: CRLF line ends; a field with a comma, quote or line break is quoted and its quotes
// doubled. A text cell that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.

export type Cell = string | number | boolean | null;

function field(c: Cell): string {
  if (c === null) return '';
  let s = String(c);
  if (typeof c === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The table as CSV text, header first. Precondition: every row has as many cells as the header. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
