import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshCliStore, runCivdef, type CliStore } from '../test-support/cli-run.js';
import { reportFormat } from './report-commands.js';

let s: CliStore;
beforeAll(async () => {
  s = await freshCliStore();
});
afterAll(() => s.cleanup());

describe('civdef report daily', () => {
  it('writes the HTML report to --out and says what is in it', async () => {
    const out = join(s.dataDir, '..', 'report.html');
    const r = await runCivdef(['report', 'daily', '--date', '2026-03-01', '--utc-offset', '+03:00', '--out', out], s.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Daily report 2026-03-01 (UTC+03:00) written to ${out}: 0 strike(s)`);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg ');
  });

  it('prints one table as CSV, or the JSON, on standard output', async () => {
    const csv = await runCivdef(['report', 'daily', '--date', '2026-03-01', '--format', 'csv', '--table', 'strikes'], s.env);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\r\n')).toHaveLength(26); // header, 24 hours, final line end
    const json = await runCivdef(['report', 'daily', '--date', '2026-03-01', '--format', 'json'], s.env);
    expect(JSON.parse(json.stdout)).toMatchObject({ date: '2026-03-01', utc_offset: '+00:00', strikes: { total: 0 } });
  });

  it('refuses a bad date, or CSV without a table, with one line and exit 2', async () => {
    const bad = await runCivdef(['report', 'daily', '--date', '1/3/2026', '--out', join(s.dataDir, '..', 'x.html')], s.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('YYYY-MM-DD');
    expect(existsSync(join(s.dataDir, '..', 'x.html'))).toBe(false);
    const noTable = await runCivdef(['report', 'daily', '--date', '2026-03-01', '--format', 'csv'], s.env);
    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toContain('--table');
  });
});

describe('reportFormat', () => {
  it('follows --format, else the extension, else HTML', () => {
    expect(reportFormat('json', 'r.html')).toBe('json');
    expect(reportFormat(undefined, 'R.CSV')).toBe('csv');
    expect(reportFormat(undefined, 'report.txt')).toBe('html');
    expect(reportFormat(undefined, undefined)).toBe('html');
  });
});
