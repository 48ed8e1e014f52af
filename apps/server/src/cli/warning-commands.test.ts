// The warning commands as a person runs them: the real civdef process on files of its own.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newUlid } from '@civdef/core';
import { afterAll, describe, expect, it } from 'vitest';
import { freshCliStore, runCivdef, type CliStore } from '../test-support/cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'civdef-warning-'));
const stores: CliStore[] = [];
afterAll(async () => {
  for (const s of stores.splice(0)) await s.cleanup();
  rmSync(dir, { recursive: true, force: true });
});
async function env(): Promise<NodeJS.ProcessEnv> {
  const s = await freshCliStore();
  stores.push(s);
  return s.env;
}
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');

// Three neighbourhoods in a column, each 0.02 degrees (about 2.2 km north-south), south to north.
const cell = (lat: number) => [[37.14, lat], [37.16, lat], [37.16, lat + 0.02], [37.14, lat + 0.02], [37.14, lat]];
const ZONES = file(
  'zones.geojson',
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { id: 'south', name: 'South', 'name:ar': 'الجنوب' }, geometry: { type: 'Polygon', coordinates: [cell(36.18)] } },
      { type: 'Feature', properties: { id: 'middle', name: 'Middle' }, geometry: { type: 'Polygon', coordinates: [cell(36.2)] } },
      { type: 'Feature', properties: { id: 'north', name: 'North' }, geometry: { type: 'Polygon', coordinates: [cell(36.22)] } },
    ],
  }),
);
const T0 = Date.parse('2026-03-01T10:00:00Z');
/** A helicopter flying north up the column at 200 km/h, seen each minute by a spotter 1 km west of it. */
function helicopter(): string {
  return Array.from({ length: 8 }, (_, m) => {
    const lat = 36.13 + m * 0.03; // 3.33 km a minute
    return JSON.stringify({
      id: newUlid(),
      time: new Date(T0 + m * 60_000).toISOString(),
      spotter: { lat, lon: 37.139 },
      aircraft: 'helicopter',
      bearing_deg: 90,
      distance_m: 900,
      heading_deg: 0,
    });
  }).join('\n');
}

describe('civdef forecast', { timeout: 120_000 }, () => {
  it('replays sightings and prints every decision: an alert issued, moved north with the aircraft, then cleared', async () => {
    const history = file('history.csv', 'date,latitude,longitude\n2026-02-01,36.225,37.15\n2026-02-03,36.226,37.151\n');
    const r = await runCivdef(['forecast', '--zones', ZONES, '--sightings', file('heli.jsonl', helicopter()), '--history', history], await env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^2026-03-01T10:0\d:\d\dZ {2}issue {3}\S+ {2}helicopter {2}(South|Middle|North) \d+% \d\d:\d\d-\d\d:\d\d/);
    expect(out.some((l) => /update .*North/.test(l))).toBe(true);
    expect(out[out.length - 2]).toMatch(/ cancel {2}\S+ {2}helicopter {2}\((left|silent|no-zone-at-risk)\)$/);
    expect(out[out.length - 1]).toBe('8 sightings from heli.jsonl over 3 zones, 2 past strikes.');
  });

  it('prints JSON lines with --json', async () => {
    const r = await runCivdef(['forecast', '--zones', ZONES, '--sightings', file('heli2.jsonl', helicopter()), '--json'], await env());
    expect(r.code, r.stderr).toBe(0);
    const decisions = lines(r.stdout).map((l) => JSON.parse(l) as { action: string; alert_id: string; zones: { id: string; probability: number; earliest: string }[] });
    expect(decisions[0]!.action).toBe('issue');
    expect(decisions[decisions.length - 1]!.action).toBe('cancel');
    const issued = decisions[0]!.zones[0]!;
    expect(['south', 'middle', 'north']).toContain(issued.id);
    expect(issued.probability).toBeGreaterThan(0);
    expect(Date.parse(issued.earliest)).toBeGreaterThanOrEqual(T0);
  });

  it('refuses a bad file with one line naming the file and the line or feature, exit 1', async () => {
    const e = await env();
    const badZones = file('bad.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [37, 36] } }] }));
    const heli = file('heli3.jsonl', helicopter());
    let r = await runCivdef(['forecast', '--zones', badZones, '--sightings', heli], e);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`civdef: ${badZones}: feature 0: geometry is Point, not a Polygon or MultiPolygon\n`);

    const notJson = file('notjson.geojson', '{\n  "type": "FeatureCollection",\n  "features": [\n}');
    r = await runCivdef(['forecast', '--zones', notJson, '--sightings', heli], e);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^civdef: ${notJson.replace(/[.]/g, '\\.')}( line 4)?: not JSON`));

    const [first, second] = helicopter().split('\n');
    const future = JSON.stringify({ ...JSON.parse(second!), time: '2099-01-01T00:00:00Z' });
    r = await runCivdef(['forecast', '--zones', ZONES, '--sightings', file('future.jsonl', `${first}\n${future}\n`)], e);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^civdef: \S+future\.jsonl line 2: time: is in the future: 2099-01-01T00:00:00Z is after \S+ \(the clock now plus 120 s\)\n$/);

    const unplaced = JSON.stringify({ ...JSON.parse(first!), bearing_deg: undefined, distance_m: undefined });
    r = await runCivdef(['forecast', '--zones', ZONES, '--sightings', file('unplaced.jsonl', `\n${unplaced}\n`)], e);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`civdef: ${join(dir, 'unplaced.jsonl')} line 2: cannot place the aircraft: give bearing_deg (and distance_m), overhead: true, or base\n`);

    r = await runCivdef(['forecast', '--zones', join(dir, 'missing.geojson'), '--sightings', heli], e);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`civdef: cannot read ${join(dir, 'missing.geojson')} (ENOENT)\n`);
  });

  it('reports unreadable history rows by line, skips them, and still replays (exit 1)', async () => {
    const history = file('mixed.csv', 'date,latitude,longitude\n2026-02-01,36.225,37.15\n2026-02-31,36.2,37.15\nyesterday,36.2,37.15\n');
    const r = await runCivdef(['forecast', '--zones', ZONES, '--sightings', file('heli4.jsonl', helicopter()), '--history', history], await env());
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([`civdef: ${history} line 3: 2026-02-31 is not a real date and time`, `civdef: ${history} line 4: date "yesterday" is not YYYY-MM-DD`]);
    expect(lines(r.stdout).some((l) => / issue /.test(l))).toBe(true);
    expect(lines(r.stdout).pop()).toBe('8 sightings from heli4.jsonl over 3 zones, 1 past strikes.');
  });

  it('wants its files: a missing option is a usage error, exit 2', async () => {
    const r = await runCivdef(['forecast', '--zones', ZONES], await env());
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^civdef: required option '--sightings <file.jsonl>' not specified/)]);
  });
});

describe('civdef simulate raid', { timeout: 120_000 }, () => {
  it('flies a raid over the demo city and reports hit rate, lead time, zones per alert and false alarms; the same seed, the same figures', async () => {
    const e = await env();
    const a = await runCivdef(['simulate', 'raid', '--seed', '7', '--strikes', '15', '--json'], e);
    expect(a.code, a.stderr).toBe(0);
    const figures = JSON.parse(a.stdout) as Record<string, number>;
    expect(figures.strikes).toBe(15);
    expect(figures.seed).toBe(7);
    expect(figures.hitRate).toBeGreaterThanOrEqual(0);
    expect(figures.hitRate).toBeLessThanOrEqual(1);
    expect(figures.sightings).toBeGreaterThan(15);
    expect(figures.zones).toBeGreaterThan(20);
    const b = await runCivdef(['simulate', 'raid', '--seed', '7', '--strikes', '15', '--json'], e);
    expect(b.stdout).toBe(a.stdout);
    const text = await runCivdef(['simulate', 'raid', '--seed', '7', '--strikes', '15'], e);
    expect(text.code).toBe(0);
    const printed = lines(text.stdout);
    expect(printed.slice(0, 6).map((l) => l.split(':')[0])).toEqual([
      'Raid over the demo city (49 zones), seed 7',
      'Hit rate',
      'Lead time',
      'Zones per alert',
      'False alarms',
      'Double taps',
    ]);
    // Then one line per aircraft type that struck, splitting the same strikes.
    const byType = (JSON.parse(a.stdout) as { byType: Record<string, { strikes: number }> }).byType;
    expect(Object.values(byType).reduce((n, t) => n + t.strikes, 0)).toBe(15);
    expect(printed.slice(6).map((l) => l.trim().split(':')[0])).toEqual(Object.keys(byType));
    for (const l of printed.slice(6)) expect(l).toMatch(/: \d+ strikes, hit rate \d+%; seen 5 min out \d+, median lead /);
  });

  it('refuses bad numbers with a usage error, exit 2', async () => {
    const r = await runCivdef(['simulate', 'raid', '--strikes', '0'], await env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^civdef: option '--strikes <n>' argument '0' is invalid. must be a whole number 1-2000/);
  });
});
