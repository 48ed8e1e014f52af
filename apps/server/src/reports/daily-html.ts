// The daily report as one self-contained HTML page: inline SVG charts and tables, every table downloadable as
// CSV from a data: link, no script and nothing fetched, so it opens offline and prints as it shows.
import { INCIDENT_KINDS, REPORT_TABLES, START_COLOURS, type DailyReport, type ReportTable } from '@civdef/core';
import { toCsv } from './csv.js';
import { reportTable } from './daily-tables.js';
import { barChartSvg, esc } from './svg-chart.js';

const KIND_COLOURS: Record<(typeof INCIDENT_KINDS)[number], string> = {
  airstrike: '#b2182b',
  'barrel-bomb': '#d6604d',
  shelling: '#f4a582',
  fire: '#e08214',
  'building-collapse': '#8c6d31',
  'chemical-attack': '#1b7837',
  other: '#777777',
};
const START_HEX: Record<(typeof START_COLOURS)[number], string> = { red: '#d7191c', yellow: '#fdae61', green: '#1a9641', black: '#222222' };
const TITLES: Record<ReportTable, string> = {
  strikes: 'Strikes by kind and hour',
  responses: 'Response times, call to first arrival',
  victims: 'People rescued alive and recovered dead',
  'volunteer-losses': 'Volunteers injured and killed',
  supplies: 'Supplies used and left',
  'vehicles-out': 'Vehicles out of service',
};

const minutes = (s: number | null) => (s === null ? '—' : `${(s / 60).toFixed(1)} min`);

function tableHtml(r: DailyReport, name: ReportTable): string {
  const t = reportTable(r, name);
  const csv = toCsv(t.header, t.rows);
  const href = `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
  const body = t.rows.length
    ? t.rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c === null ? '' : String(c))}</td>`).join('')}</tr>`).join('')
    : `<tr><td colspan="${t.header.length}">None.</td></tr>`;
  return (
    `<details${t.rows.length <= 30 ? ' open' : ''}><summary>${esc(TITLES[name])} — ${t.rows.length} row(s)</summary>` +
    `<p><a download="${esc(`${name}-${r.date}.csv`)}" href="${href}">Download ${esc(name)}-${esc(r.date)}.csv</a></p>` +
    `<table><thead><tr>${t.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></details>`
  );
}

/** The report as a complete HTML document. Precondition: report built by buildDailyReport. */
export function dailyReportHtml(r: DailyReport): string {
  const hours = r.strikes.by_hour.map((h) => String(h.hour).padStart(2, '0'));
  const strikesSvg = barChartSvg({
    title: 'Strikes by hour',
    categories: hours,
    series: INCIDENT_KINDS.filter((k) => r.strikes.by_kind[k]).map((k) => ({ name: k, colour: KIND_COLOURS[k], values: r.strikes.by_hour.map((h) => h.by_kind[k] ?? 0) })),
  });
  const reached = r.responses.items.filter((i) => i.seconds !== null);
  const responseSvg = barChartSvg({
    title: 'Minutes from call to first arrival, per incident',
    categories: reached.map((_, i) => String(i + 1)),
    series: [{ name: 'minutes to arrival', colour: '#2166ac', values: reached.map((i) => Math.round((i.seconds! / 60) * 10) / 10) }],
    unit: 'min',
  });
  const victimsSvg = barChartSvg({
    title: 'Victims by START colour',
    categories: [...START_COLOURS],
    series: START_COLOURS.map((c) => ({ name: c, colour: START_HEX[c], values: START_COLOURS.map((x) => (x === c ? r.victims.by_colour[c] ?? 0 : 0)) })),
    height: 200,
  });
  const used = r.supplies.filter((s) => s.used > 0 || s.left > 0);
  const suppliesSvg = barChartSvg({
    title: 'Supplies used today and left',
    categories: used.map((s) => `${s.centre}: ${s.item}`),
    series: [
      { name: 'used', colour: '#b2182b', values: used.map((s) => s.used) },
      { name: 'left', colour: '#4393c3', values: used.map((s) => s.left) },
    ],
    height: 240,
  });
  const figures = [
    ['Strikes', String(r.strikes.total)],
    ['Response median', minutes(r.responses.median_s)],
    ['Response 90th percentile', minutes(r.responses.p90_s)],
    ['Rescued alive', String(r.victims.alive)],
    ['Recovered dead', String(r.victims.dead)],
    ['Volunteers injured', String(r.volunteer_losses.injured)],
    ['Volunteers killed', String(r.volunteer_losses.killed)],
    ['Fuel burnt on trips', `${r.fuel_on_trips.litres} l over ${r.fuel_on_trips.distance_km} km`],
    ['Vehicles out of service', String(r.vehicles_out.length)],
  ];
  const section = (name: ReportTable, chart = '') => `<section><h2>${esc(TITLES[name])}</h2>${chart}${tableHtml(r, name)}</section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Daily report ${esc(r.date)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;color:#222}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}table{border-collapse:collapse;font-size:12px;margin:.5rem 0}
td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}summary{cursor:pointer}@media print{details{display:block}a{display:none}}</style></head>
<body><h1>Daily report ${esc(r.date)} (UTC${esc(r.utc_offset)})</h1>
<p>From ${esc(r.from)} to ${esc(r.to)}; made ${esc(r.generated_at)}. Response time runs from the call being logged to the first unit on scene, from the units' status timelines.</p>
<dl>${figures.map(([k, v]) => `<dt>${esc(k!)}</dt><dd>${esc(v!)}</dd>`).join('')}</dl>
${section('strikes', strikesSvg)}
${section('responses', reached.length ? responseSvg : '')}
${section('victims', victimsSvg)}
${section('volunteer-losses')}
${section('supplies', used.length ? suppliesSvg : '')}
${section('vehicles-out')}
<p>${REPORT_TABLES.length} tables; each downloads as CSV (RFC 4180).</p>
</body></html>
`;
}
