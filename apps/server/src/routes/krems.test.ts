// The API on a real map: Krems (Austria) from the shared OSM extract. Skipped with a printed reason when the
// extract is absent; with CI=true a missing extract fails instead.
import { newUlid } from '@civdef/core';
import { importOsm, sharedDataDir, sharedDataFile, writeGraphFile } from '@civdef/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphPath } from '../roads/paths.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

const CI = process.env.CI === 'true';
const KREMS = sharedDataFile('osm/krems.osm.gz');
if (!KREMS && !CI) process.stderr.write(`[server] skipping Krems API tests: osm/krems.osm.gz not in ${sharedDataDir()}\n`);

// The old town, a point south-east of the St. Pöltner Brücke over the river Krems, and one east of town
// whose way in does not need that bridge.
const OLD_TOWN = { lat: 48.4105, lon: 15.6003 };
const ACROSS = { lat: 48.395, lon: 15.62 };
const EAST = { lat: 48.41, lon: 15.65 };
const BRIDGE = 'St. Pöltner Brücke';

async function importKrems(dataDir: string): Promise<void> {
  if (!KREMS) throw new Error(`CI=true but osm/krems.osm.gz is missing from ${sharedDataDir()} (set CIVDEF_SHARED_DATA)`);
  for (const profile of ['vehicle', 'foot'] as const) {
    const { graph } = await importOsm(KREMS, { profile });
    await writeGraphFile(graphPath(dataDir, profile), graph, profile, { source: 'krems.osm.gz' });
  }
}

interface Answer {
  reachable: boolean;
  duration_s: number;
  streets: { name: string }[];
}

describe.runIf(KREMS || CI)('Krems', { timeout: 60_000 }, () => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    // The graph loads on first use, so placing the files now makes this server a Krems server.
    await importKrems(t.dataDir);
    headers = bearer(await t.tokenFor('dispatcher'));
  });
  afterAll(() => t?.close());

  const route = async (from: object, to: object) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/routes', headers, payload: { from, to } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Answer;
  };
  const times = async (to: object, from: object[]) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/travel-times', headers, payload: { to, from } });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { reachable: boolean; duration_s: number | null; reason: string | null }[] }).items;
  };

  it('routes over the bridge, and travel times agree with the routes', async () => {
    const over = await route(ACROSS, OLD_TOWN);
    expect(over.reachable).toBe(true);
    expect(over.streets.map((s) => s.name)).toContain(BRIDGE);
    const east = await route(EAST, OLD_TOWN);
    const items = await times(OLD_TOWN, [ACROSS, EAST, { lat: 48.0, lon: 15.0 }]);
    expect(items[0]!.duration_s).toBeCloseTo(over.duration_s, 0);
    expect(items[1]!.duration_s).toBeCloseTo(east.duration_s, 0);
    expect(items[2]).toMatchObject({ reachable: false, reason: 'no-road-nearby' });
  });

  it('closing the bridge cuts the far bank off at once; the other source is unaffected; lifting restores both', async () => {
    const id = newUlid();
    const before = await times(OLD_TOWN, [ACROSS, EAST]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/closures', headers, payload: { id, kind: 'closure', reason: 'crater', target: { street: BRIDGE } } });
    expect(res.statusCode, res.body).toBe(201);
    expect(await route(ACROSS, OLD_TOWN)).toMatchObject({ reachable: false });
    const during = await times(OLD_TOWN, [ACROSS, EAST]);
    expect(during[0]).toMatchObject({ reachable: false, reason: 'no-path' });
    expect(during[1]).toEqual(before[1]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/closures/${id}`, headers })).statusCode).toBe(200);
    expect(await times(OLD_TOWN, [ACROSS, EAST])).toEqual(before);
  });

  it('a point in the Danube snaps to the nearest road, and one far outside is refused with 422', async () => {
    const off = await t.app.inject({ method: 'POST', url: '/api/v1/routes', headers, payload: { from: { lat: 48.3, lon: 15.6 }, to: OLD_TOWN } });
    expect(off.statusCode).toBe(422);
    expect((off.json() as { detail: string }).detail).toMatch(/^No road within 500 m of 48\.300000,15\.600000/);
  });
});

describe.runIf(KREMS || CI)('a map imported beside a running server', { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('is loaded in place of the demo city without a restart', async () => {
    const headers = bearer(await t.tokenFor('viewer'));
    const ask = () => t.app.inject({ method: 'POST', url: '/api/v1/routes', headers, payload: { from: EAST, to: OLD_TOWN } });
    expect((await ask()).statusCode).toBe(422); // Krems is not on the demo city's map
    await importKrems(t.dataDir);
    let res = await ask();
    for (let i = 0; i < 50 && res.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await ask();
    }
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Answer).reachable).toBe(true);
  });
});
