// Strike history as conflict monitors publish it: a CSV with a header naming at least date, latitude and
// longitude (optional time, kind, killed, injured). Rows that cannot be read are reported and skipped.
export interface StrikeRow {
  /** 1-based line number in the file. */
  line: number;
  /** Epoch milliseconds, UTC. */
  time: number;
  lat: number;
  lon: number;
  kind?: string;
  killed?: number;
  injured?: number;
}

export interface CsvProblem {
  line: number;
  reason: string;
}

// ACLED and similar datasets name some columns differently; these are the same facts.
const ALIASES: Record<string, string> = { event_date: 'date', lat: 'latitude', lon: 'longitude', lng: 'longitude', fatalities: 'killed', event_type: 'kind' };
const REQUIRED = ['date', 'latitude', 'longitude'] as const;

/** Splits one CSV line (RFC 4180 quoting, on one line). Returns undefined for an unterminated quote. */
export function splitCsvLine(line: string): string[] | undefined {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  out.push(field);
  return out.map((f) => f.trim());
}

function parseTime(date: string, time: string | undefined): number | string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!d) return `date "${date}" is not YYYY-MM-DD`;
  const t = time ? /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time) : undefined;
  if (time && !t) return `time "${time}" is not HH:MM or HH:MM:SS`;
  const [y, mo, da] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [h, mi, s] = t ? [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)] : [0, 0, 0];
  const ms = Date.UTC(y, mo - 1, da, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== da || h > 23 || mi > 59 || s > 59) return `${date}${time ? ` ${time}` : ''} is not a real date and time`;
  return ms;
}

function count(v: string | undefined, name: string): number | undefined | string {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : `${name} "${v}" is not a whole number >= 0`;
}

/** Reads a history CSV into rows and per-line problems (a missing column is a problem on line 1). Precondition: none. */
export function parseStrikeCsv(text: string): { rows: StrikeRow[]; problems: CsvProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '')?.map((h) => h.toLowerCase()).map((h) => ALIASES[h] ?? h);
  const missing = REQUIRED.filter((c) => !header?.includes(c));
  if (!header || missing.length) return { rows: [], problems: [{ line: 1, reason: `the header must name columns ${REQUIRED.join(', ')}; missing ${missing.join(', ')}` }] };
  const col = (name: string) => header.indexOf(name);
  const rows: StrikeRow[] = [];
  const problems: CsvProblem[] = [];
  lines.slice(1).forEach((raw, k) => {
    const line = k + 2;
    if (raw.trim() === '') return;
    const f = splitCsvLine(raw);
    if (!f) return problems.push({ line, reason: 'a quoted field is not closed on this line' });
    if (f.length !== header.length) return problems.push({ line, reason: `has ${f.length} fields, the header has ${header.length}` });
    const get = (name: string) => (col(name) >= 0 ? f[col(name)] : undefined);
    const time = parseTime(get('date')!, get('time') || undefined);
    const lat = Number(get('latitude'));
    const lon = Number(get('longitude'));
    const killed = count(get('killed'), 'killed');
    const injured = count(get('injured'), 'injured');
    const reason =
      typeof time === 'string' ? time
      : get('latitude') === '' || !Number.isFinite(lat) || Math.abs(lat) > 90 ? `latitude "${get('latitude')}" is not a number from -90 to 90`
      : get('longitude') === '' || !Number.isFinite(lon) || Math.abs(lon) > 180 ? `longitude "${get('longitude')}" is not a number from -180 to 180`
      : typeof killed === 'string' ? killed
      : typeof injured === 'string' ? injured
      : undefined;
    if (reason) return problems.push({ line, reason });
    const kind = get('kind');
    rows.push({ line, time: time as number, lat, lon, ...(kind ? { kind } : {}), ...(killed !== undefined ? { killed: killed as number } : {}), ...(injured !== undefined ? { injured: injured as number } : {}) });
  });
  return { rows, problems };
}
