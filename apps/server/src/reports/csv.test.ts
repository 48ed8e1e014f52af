import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes what needs quoting and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], [1.5, null], ['line\nbreak', true]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n1.5,\r\n"line\nbreak",true\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, not negative numbers', () => {
    expect(toCsv(['n'], [['=HYPERLINK("x")'], [-3], ['@cmd']])).toBe('n\r\n"\'=HYPERLINK(""x"")"\r\n-3\r\n\'@cmd\r\n');
  });
});
