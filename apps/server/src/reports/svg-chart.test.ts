import { describe, expect, it } from 'vitest';
import { barChartSvg, esc, tickStep } from './svg-chart.js';

describe('bar charts', () => {
  it('stacks the series, writes each total as text and names everything in the label', () => {
    const svg = barChartSvg({
      title: 'Strikes by hour',
      categories: ['00', '01', '02'],
      series: [
        { name: 'airstrike', colour: '#c00', values: [2, 0, 1] },
        { name: 'shelling', colour: '#f80', values: [1, 0, 0] },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<rect [^>]*fill="#c00"><title>/g)).toHaveLength(2);
    expect(svg.match(/<rect [^>]*fill="#f80"><title>/g)).toHaveLength(1);
    expect(svg).toContain('>3</text>');
    expect(svg).toContain('aria-label="Strikes by hour: 00 3, 01 0, 02 1"');
    expect(svg).not.toContain('<script');
  });

  it('escapes names so a centre called <b> cannot inject markup', () => {
    const svg = barChartSvg({ title: 't', categories: ['<b>&'], series: [{ name: '"x"', colour: '#000', values: [1] }] });
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
    expect(esc(`'"`)).toBe('&#39;&quot;');
  });

  it('draws an empty day without dividing by zero', () => {
    expect(barChartSvg({ title: 't', categories: ['a'], series: [{ name: 's', colour: '#000', values: [0] }] })).not.toContain('NaN');
  });

  it('picks round tick steps', () => {
    expect(tickStep(7)).toBe(2);
    expect(tickStep(23)).toBe(5);
    expect(tickStep(480)).toBe(100);
    expect(tickStep(0.9)).toBe(0.2);
  });
});
