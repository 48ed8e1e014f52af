// import-zones and import-incidents as a person runs them: the real civdef process on a store of its own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../runtime.js';
import { freshCliStore, runCivdef, type CliStore } from '../test-support/cli-run.js';
import { testConfig } from '../test-support/harness.js';

let s: CliStore;
beforeAll(async () => {
  s = await freshCliStore();
});
afterAll(() => s.cleanup());

const square = (lon: number, lat: number) => [[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]];
const zone = (id: string, lon: number, geometry?: unknown) => ({
  type: 'Feature',
  properties: { id, name: `Zone ${id}`, 'name:en': `Zone ${id}`, 'name:ar': `منطقة ${id}` },
  geometry: geometry ?? { type: 'Polygon', coordinates: [square(lon, 36.2)] },
});

async function withRuntime<T>(work: (r: Runtime) => Promise<T>): Promise<T> {
  const r = await openRuntime(testConfig(s.dataDir, { databaseUrl: s.databaseUrl }));
  try {
    return await work(r);
  } finally {
    await r.close();
  }
}

const file = (name: string, text: string) => {
  const path = join(s.dataDir, '..', name);
  writeFileSync(path, text);
  return path;
};

describe('civdef import-zones', { timeout: 180_000 }, () => {
  it('refuses a bad file on one line naming the feature, exit 1, nothing written; a good one replaces the zones', async () => {
    const bad = file('bad.geojson', JSON.stringify({ type: 'FeatureCollection', features: [zone('a', 37.1), zone('b', 37.2, { type: 'Point', coordinates: [37.2, 36.2] })] }));
    const refused = await runCivdef(['import-zones', bad], s.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('civdef: bad.geojson: feature 1: geometry is Point, not a Polygon or MultiPolygon\n');
    expect(await withRuntime((r) => r.ctx.storage.db.selectFrom('zones').selectAll().execute())).toEqual([]);

    const good = file('good.geojson', JSON.stringify({ type: 'FeatureCollection', features: [zone('a', 37.1), zone('b', 37.2)] }));
    const done = await runCivdef(['import-zones', good], s.env);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toBe('Imported 2 zones from good.geojson.\n');
    const stored = await withRuntime((r) => r.ctx.storage.db.selectFrom('zones').select(['id', 'name_en', 'name_ar']).orderBy('position').execute());
    expect(stored).toEqual([
      { id: 'a', name_en: 'Zone a', name_ar: 'منطقة a' },
      { id: 'b', name_en: 'Zone b', name_ar: 'منطقة b' },
    ]);
  });
});

describe('civdef import-incidents', { timeout: 180_000 }, () => {
  it('imports the readable rows and reports each unreadable one by line number (exit 1)', async () => {
    const csv = file('history.csv', 'date,latitude,longitude,kind\n2026-01-10,36.2,37.15,airstrike\n2026-13-01,36.2,37.15,airstrike\n2026-01-11,36.21,37.16,\n');
    const r = await runCivdef(['import-incidents', csv], s.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('civdef: history.csv line 3: 2026-13-01 is not a real date and time\n');
    expect(r.stdout).toBe('Imported 2 strike(s) from history.csv; 1 unreadable row(s) skipped.\n');
    expect(await withRuntime(async (rt) => (await rt.ctx.storage.db.selectFrom('strike_history').select('line').orderBy('line').execute()).map((x) => x.line))).toEqual([2, 4]);
  });
});
