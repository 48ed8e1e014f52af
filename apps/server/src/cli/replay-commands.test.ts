// civdef demo-strikes and civdef replay as a person runs them: the real process on a store of its own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshCliStore, runCivdef, type CliStore } from '../test-support/cli-run.js';

let s: CliStore;
beforeAll(async () => {
  s = await freshCliStore();
});
afterAll(() => s.cleanup());

const path = (name: string) => join(s.dataDir, '..', name);

describe('civdef replay', { timeout: 180_000 }, () => {
  it('replays a made-up day on the demo organisation and prints the figures', async () => {
    const made = await runCivdef(['demo-strikes', path('day.csv'), '--count', '6', '--hours', '2', '--seed', '3'], s.env);
    expect(made.code, made.stderr).toBe(0);
    const r = await runCivdef(['replay', path('day.csv'), '--speed', 'max', '--policy', 'nearest-straight-line', '--json'], s.env);
    expect(r.code, r.stderr).toBe(0);
    const figures = JSON.parse(r.stdout) as { policy: string; calls: number; incidents: number; merged: number; reached: number; medianS: number; p90S: number };
    expect(figures).toMatchObject({ policy: 'nearest-straight-line', calls: 6 });
    expect(figures.incidents + figures.merged).toBe(6);
    expect(figures.reached).toBe(figures.incidents);
    expect(figures.medianS).toBeGreaterThan(0);
    expect(figures.p90S).toBeGreaterThanOrEqual(figures.medianS);
  });

  it('names unreadable rows and refuses a file with none to replay, exit 1; bad arguments exit 2', async () => {
    writeFileSync(path('bad.csv'), 'date,latitude,longitude\n2025-13-01,36.2,37.15\n2025-01-01,91,37.15\n');
    const bad = await runCivdef(['replay', path('bad.csv'), '--speed', 'max'], s.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 2');
    expect(bad.stderr).toContain('line 3');
    expect(bad.stderr).toContain('holds no strike to replay');
    const missing = await runCivdef(['replay', path('nowhere.csv')], s.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    const speed = await runCivdef(['replay', path('bad.csv'), '--speed', '0'], s.env);
    expect(speed.code).toBe(2);
    expect(speed.stderr).toContain('--speed');
  });
});
