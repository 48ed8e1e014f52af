import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { prepared, PreparedQueryError } from './prepared.js';
import { openTestStorage } from '../test-support/harness.js';

let storage: Storage;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ storage, cleanup } = await openTestStorage());
  await migrateToLatest(storage);
});
afterAll(() => cleanup());

const insertCentre = prepared((db, a: { id: string; name: string; lat: number; lon: number; created_at: string }) =>
  db.insertInto('centres').values({ id: a.id, name: a.name, lat: a.lat, lon: a.lon, created_at: a.created_at }).returning('name'),
);
// The arguments are given in another order than the query uses them.
const centresNear = prepared((db, a: { maxLat: number; name: string; minLat: number }) =>
  db.selectFrom('centres').select(['id', 'name']).where('lat', '>=', a.minLat).where('lat', '<=', a.maxLat).where('name', '!=', a.name).orderBy('id'),
);

describe('prepared', () => {
  it('runs one compiled query with each call’s arguments, in a transaction too, matching the builder’s answers', async () => {
    const at = new Date(0).toISOString();
    expect(await insertCentre(storage.db, { id: 'c1', name: 'North', lat: 36.1, lon: 37.1, created_at: at })).toEqual([{ name: 'North' }]);
    await storage.write(async (db) => {
      await insertCentre(db, { id: 'c2', name: 'South', lat: 36.2, lon: 37.2, created_at: at });
      await insertCentre(db, { id: 'c3', name: 'East', lat: 36.3, lon: 37.3, created_at: at });
    });
    expect(await centresNear(storage.db, { maxLat: 36.25, name: 'North', minLat: 36.0 })).toEqual([{ id: 'c2', name: 'South' }]);
    expect(await centresNear(storage.db, { maxLat: 40, name: 'East', minLat: 0 })).toEqual([
      { id: 'c1', name: 'North' },
      { id: 'c2', name: 'South' },
    ]);
    const built = await storage.db.selectFrom('centres').select(['id', 'name']).where('lat', '>=', 0).where('lat', '<=', 40).where('name', '!=', 'East').orderBy('id').execute();
    expect(await centresNear(storage.db, { maxLat: 40, name: 'East', minLat: 0 })).toEqual(built);
  });

  it('refuses a query that puts anything but its arguments, untouched, into a parameter', async () => {
    const shifted = prepared((db, a: { lat: number }) => db.selectFrom('centres').select('id').where('lat', '>=', a.lat + 1));
    await expect(shifted(storage.db, { lat: 1 })).rejects.toBeInstanceOf(PreparedQueryError);
    const constant = prepared((db, a: { name: string }) => db.selectFrom('centres').select('id').where('name', '=', a.name).where('lat', '>', 0));
    await expect(constant(storage.db, { name: 'x' })).rejects.toBeInstanceOf(PreparedQueryError);
  });

  it('refuses a call whose argument names differ from the first call’s (a column would be dropped or misbound)', async () => {
    const byName = prepared((db, a: { name: string; lat?: number }) => db.selectFrom('centres').select('id').where('name', '=', a.name));
    expect(await byName(storage.db, { name: 'North' })).toEqual([{ id: 'c1' }]);
    await expect(byName(storage.db, { name: 'North', lat: 1 })).rejects.toBeInstanceOf(PreparedQueryError);
    await expect(byName(storage.db, {} as { name: string })).rejects.toBeInstanceOf(PreparedQueryError);
  });
});
