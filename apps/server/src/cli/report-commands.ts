// civdef report daily: the daily report written to a file (HTML with charts, JSON, or one table as CSV), from
// the database directly, so it works with no server running.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DailyReportQuery, REPORT_TABLES, ValidationError, type ReportTable } from '@civdef/core';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { configFrom, withStorageOptions } from './options.js';
import { serverModules } from './server-modules.js';

type Out = (line: string) => void;
type Format = 'html' | 'json' | 'csv';
const FORMATS: readonly Format[] = ['html', 'json', 'csv'];

function parseDate(value: string): string {
  if (!DailyReportQuery.shape.date.safeParse(value).success) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
}

function parseOffset(value: string): string {
  if (!DailyReportQuery.shape.utc_offset.safeParse(value).success) throw new InvalidArgumentError('must be an offset like +03:00');
  return value;
}

/** The format asked for, else the one the output file's extension names, else HTML. Precondition: none. */
export function reportFormat(format: Format | undefined, out: string | undefined): Format {
  if (format) return format;
  const ext = out ? extname(out).slice(1).toLowerCase() : '';
  return (FORMATS as readonly string[]).includes(ext) ? (ext as Format) : 'html';
}

/** Adds `report daily` to the program. Precondition: program has exitOverride set. */
export function addReportCommands(program: Command, out: Out): void {
  const report = program.command('report').description('Reports from the record');
  withStorageOptions(
    report
      .command('daily')
      .description('The daily report: strikes by kind and hour, response times, rescued and dead, volunteer losses, supplies, vehicles out of service')
      .requiredOption('--date <date>', 'the day, YYYY-MM-DD', parseDate)
      .option('--utc-offset <offset>', 'the zone the day is read in, e.g. +03:00', parseOffset, '+00:00')
      .option('-o, --out <file>', 'write here (the format follows its extension) instead of to standard output')
      .addOption(new Option('--format <format>', 'html (charts, CSV downloads), json, or csv (one table)').choices(FORMATS))
      .addOption(new Option('--table <table>', 'with --format csv: which table').choices(REPORT_TABLES)),
  ).action(async (opts: { date: string; utcOffset: string; out?: string; format?: Format; table?: ReportTable; dataDir?: string }) => {
    const format = reportFormat(opts.format, opts.out);
    if (format === 'csv' && !opts.table) throw new ValidationError([{ path: '--table', message: `is required for CSV: one of ${REPORT_TABLES.join(', ')}` }], 'argument');
    const { openRuntime, dailyReport, reportTable, toCsv, dailyReportHtml } = await serverModules();
    const runtime = await openRuntime(configFrom(opts, { logLevel: 'error' }));
    let text: string;
    try {
      const r = await dailyReport(runtime.ctx, { date: opts.date, utc_offset: opts.utcOffset });
      if (format === 'json') text = `${JSON.stringify(r, null, 2)}\n`;
      else if (format === 'csv') {
        const t = reportTable(r, opts.table!);
        text = toCsv(t.header, t.rows);
      } else text = dailyReportHtml(r);
      if (opts.out) {
        await writeFile(opts.out, text);
        out(`Daily report ${opts.date} (UTC${opts.utcOffset}) written to ${opts.out}: ${r.strikes.total} strike(s), ${r.victims.alive} rescued alive, ${r.victims.dead} dead, response median ${r.responses.median_s ?? '-'} s, p90 ${r.responses.p90_s ?? '-'} s.`);
      } else process.stdout.write(text);
    } finally {
      await runtime.close();
    }
  });
}
