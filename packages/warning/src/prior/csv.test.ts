import { describe, expect, it } from 'vitest';
import { parseStrikeCsv, splitCsvLine } from './csv.js';

describe('splitCsvLine', () => {
  it('honours quotes and doubled quotes', () => {
    expect(splitCsvLine('a, "b, c" ,"say ""hi"""')).toEqual(['a', 'b, c', 'say "hi"']);
    expect(splitCsvLine('"open')).toBeUndefined();
  });
});

describe('parseStrikeCsv', () => {
  it('reads the required and optional columns, in any order and case', () => {
    const { rows, problems } = parseStrikeCsv(
      'Longitude,Latitude,date,time,kind,killed,injured\n37.15,36.2,2016-08-01,14:05,airstrike,3,10\r\n37.16,36.21,2016-08-02,,"barrel bomb",,\n',
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, time: Date.UTC(2016, 7, 1, 14, 5), lat: 36.2, lon: 37.15, kind: 'airstrike', killed: 3, injured: 10 },
      { line: 3, time: Date.UTC(2016, 7, 2), lat: 36.21, lon: 37.16, kind: 'barrel bomb' },
    ]);
  });

  it('takes ACLED column names', () => {
    const { rows } = parseStrikeCsv('event_date,latitude,longitude,fatalities\n2016-09-23,36.21,37.17,12\n');
    expect(rows).toEqual([{ line: 2, time: Date.UTC(2016, 8, 23), lat: 36.21, lon: 37.17, killed: 12 }]);
  });

  it('reports each bad line by number and reason, and keeps the good ones', () => {
    const text = [
      'date,latitude,longitude,killed',
      '2016-08-01,36.2,37.15,1',
      '2016-13-01,36.2,37.15,',
      '2016-02-30,36.2,37.15,',
      '01/08/2016,36.2,37.15,',
      '2016-08-01,north,37.15,',
      '2016-08-01,36.2,,',
      '2016-08-01,36.2,37.15,-1',
      '2016-08-01,36.2',
      '"2016-08-01,36.2,37.15,',
      '',
      '2016-08-03,36.3,37.2,',
    ].join('\n');
    const { rows, problems } = parseStrikeCsv(text);
    expect(rows.map((r) => r.line)).toEqual([2, 12]);
    expect(problems).toEqual([
      { line: 3, reason: '2016-13-01 is not a real date and time' },
      { line: 4, reason: '2016-02-30 is not a real date and time' },
      { line: 5, reason: 'date "01/08/2016" is not YYYY-MM-DD' },
      { line: 6, reason: 'latitude "north" is not a number from -90 to 90' },
      { line: 7, reason: 'longitude "" is not a number from -180 to 180' },
      { line: 8, reason: 'killed "-1" is not a whole number >= 0' },
      { line: 9, reason: 'has 2 fields, the header has 4' },
      { line: 10, reason: 'a quoted field is not closed on this line' },
    ]);
  });

  it('refuses a header without the required columns, on line 1', () => {
    expect(parseStrikeCsv('when,lat\n2016-01-01,36\n')).toEqual({
      rows: [],
      problems: [{ line: 1, reason: 'the header must name columns date, latitude, longitude; missing date, longitude' }],
    });
  });
});
