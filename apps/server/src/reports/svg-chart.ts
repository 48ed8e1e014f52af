// Bar charts as plain SVG: readable without JavaScript or a network, printable, and light on a slow link.
// Each bar carries its value as text, so the chart reads without hovering.

export interface Series {
  name: string;
  colour: string;
  values: readonly number[];
}

export interface BarChart {
  title: string;
  categories: readonly string[];
  /** Stacked bottom to top, in order. */
  series: readonly Series[];
  unit?: string;
  width?: number;
  height?: number;
}

/** Escapes text for HTML and SVG content and attribute values. Precondition: none. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A tick step of 1, 2 or 5 times a power of ten giving at most five ticks up to max. Precondition: max > 0. */
export function tickStep(max: number): number {
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** A stacked bar chart as an <svg> element with a legend. Precondition: each series has one value per category, all >= 0. */
export function barChartSvg(chart: BarChart): string {
  const width = chart.width ?? 720;
  const height = chart.height ?? 260;
  const left = 44;
  const bottom = 36;
  const top = 28;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const totals = chart.categories.map((_, i) => chart.series.reduce((s, se) => s + (se.values[i] ?? 0), 0));
  const max = Math.max(0, ...totals);
  const step = max > 0 ? tickStep(max) : 1;
  const top_ = max > 0 ? Math.ceil(max / step) * step : 1;
  const y = (v: number) => top + plotH - (v / top_) * plotH;
  const slot = plotW / Math.max(1, chart.categories.length);
  const barW = Math.max(2, slot * 0.7);
  const parts: string[] = [];
  for (let t = 0; t <= top_ + 1e-9; t += step) {
    parts.push(`<line x1="${left}" x2="${width - 8}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 4}" y="${y(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`);
  }
  chart.categories.forEach((cat, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let base = 0;
    for (const se of chart.series) {
      const v = se.values[i] ?? 0;
      if (v > 0) {
        parts.push(`<rect x="${x.toFixed(1)}" y="${y(base + v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + v)).toFixed(1)}" fill="${esc(se.colour)}"><title>${esc(`${cat}: ${se.name} ${fmt(v)}${chart.unit ? ` ${chart.unit}` : ''}`)}</title></rect>`);
      }
      base += v;
    }
    if (totals[i]! > 0) parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${(y(totals[i]!) - 3).toFixed(1)}" text-anchor="middle" font-size="10">${fmt(totals[i]!)}</text>`);
    parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 14}" text-anchor="middle" font-size="10">${esc(cat)}</text>`);
  });
  const legend = chart.series
    .map((se, k) => `<rect x="${left + k * 130}" y="6" width="10" height="10" fill="${esc(se.colour)}"/><text x="${left + k * 130 + 14}" y="15" font-size="11">${esc(se.name)}</text>`)
    .join('');
  const label = `${chart.title}: ${chart.categories.map((c, i) => `${c} ${fmt(totals[i]!)}`).join(', ')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(label)}"><title>${esc(chart.title)}</title>${legend}${parts.join('')}<line x1="${left}" x2="${width - 8}" y1="${y(0)}" y2="${y(0)}" stroke="#333"/></svg>`;
}
