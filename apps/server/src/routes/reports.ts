import { DailyReport, DailyReportQuery, FIELD_READERS, REPORT_TABLES } from '@civdef/core';
import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { toCsv } from '../reports/csv.js';
import { dailyReport } from '../reports/daily-data.js';
import { dailyReportHtml } from '../reports/daily-html.js';
import { reportTable } from '../reports/daily-tables.js';

const DAY = 'The day runs midnight to midnight at utc_offset (default UTC).';

export const reportRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/reports/daily',
    tag: 'reports',
    summary: 'The daily report: strikes, response times, victims, volunteer losses, supplies, vehicles out of service',
    description: `${DAY} Response times run from the call being logged to the first unit on scene (median and 90th percentile, linear interpolation).`,
    roles: FIELD_READERS,
    query: DailyReportQuery,
    response: DailyReport,
    async handler({ query }, { ctx }) {
      return { body: await dailyReport(ctx, query) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/reports/daily.html',
    tag: 'reports',
    summary: 'The daily report as one HTML page with SVG charts and CSV downloads; no script, nothing fetched',
    description: DAY,
    roles: FIELD_READERS,
    query: DailyReportQuery,
    response: z.string(),
    raw: { contentType: 'text/html; charset=utf-8' },
    async handler({ query, reply }, { ctx }) {
      const html = dailyReportHtml(await dailyReport(ctx, query));
      return { body: reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:").send(html) as never };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/reports/daily.csv',
    tag: 'reports',
    summary: 'One table of the daily report as CSV (RFC 4180)',
    description: `${DAY} Tables: ${REPORT_TABLES.join(', ')}.`,
    roles: FIELD_READERS,
    query: DailyReportQuery.extend({ table: z.enum(REPORT_TABLES) }),
    response: z.string(),
    raw: { contentType: 'text/csv; charset=utf-8' },
    async handler({ query, reply }, { ctx }) {
      const t = reportTable(await dailyReport(ctx, query), query.table);
      return {
        body: reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${query.table}-${query.date}.csv"`)
          .send(toCsv(t.header, t.rows)) as never,
      };
    },
  }),
];
