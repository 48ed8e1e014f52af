// The peer for bench/router.ts: the same directed edges in PostgreSQL with pgRouting, queried with
// pgr_dijkstra / pgr_dijkstraCost in a scratch database that is dropped afterwards.
import { writeFileSync, unlinkSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { RoadGraph } from '../../packages/router/src/graph/graph.js';
import { databaseUrl, dropScratchDatabase } from './scratch-db.js';

export const PGROUTING_APT = 'apt-get install -y postgresql-15-pgrouting';

/** Node v is vertex v + 1 and edge e is id e + 1 on the PostgreSQL side. */
export class PgRouting {
  private constructor(
    private readonly client: pg.Client,
    readonly drop: () => Promise<void>,
  ) {}

  /**
   * Connects, creates civdef_bench_router_<pid> and the extension. Throws an Error whose message says
   * why it cannot run (unreachable server, extension not installed).
   */
  static async open(adminUrl: string): Promise<PgRouting> {
    const name = `civdef_bench_router_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    await admin.connect();
    try {
      const ext = await admin.query("select 1 from pg_available_extensions where name = 'pgrouting'");
      if (ext.rowCount === 0) throw new Error(`the pgRouting extension is not installed on this server; install it with: ${PGROUTING_APT}`);
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const client = new pg.Client({ connectionString: databaseUrl(adminUrl, name) });
    client.on('error', () => undefined);
    await client.connect();
    const drop = async (): Promise<void> => {
      await client.end().catch(() => undefined);
      await dropScratchDatabase(adminUrl, name);
    };
    try {
      // pgRouting 3 needs PostGIS; CASCADE installs it into the scratch database.
      await client.query('create extension if not exists pgrouting cascade');
    } catch (err) {
      await drop();
      throw err;
    }
    return new PgRouting(client, drop);
  }

  /**
   * Loads one row per directed edge into table `name`: (id, source, target, cost, reverse_cost), pgRouting's
   * shape, cost = the live travel time in seconds or -1 when closed, reverse_cost -1 (the other direction,
   * where drivable, is its own row). COPY from a file when the server can read ours (same machine), else
   * one INSERT from arrays. Returns how it loaded.
   */
  async loadEdges(name: string, graph: RoadGraph, current: Float32Array): Promise<string> {
    await this.client.query(`create table ${name} (id bigint primary key, source bigint not null, target bigint not null, cost float8 not null, reverse_cost float8 not null)`);
    const rows: string[] = [];
    const ids: number[] = [];
    const src: number[] = [];
    const tgt: number[] = [];
    const cost: number[] = [];
    for (let u = 0; u < graph.nodeCount; u++) {
      for (let e = graph.offsets[u]!; e < graph.offsets[u + 1]!; e++) {
        const c = current[e] === Infinity ? -1 : current[e]!;
        rows.push(`${e + 1},${u + 1},${graph.targets[e]! + 1},${c},-1`);
        ids.push(e + 1);
        src.push(u + 1);
        tgt.push(graph.targets[e]! + 1);
        cost.push(c);
      }
    }
    const file = join(tmpdir(), `civdef-bench-router-${process.pid}-${name}.csv`);
    let how = 'COPY';
    try {
      writeFileSync(file, rows.join('\n') + '\n');
      chmodSync(file, 0o644);
      await this.client.query(`copy ${name} from '${file}' with (format csv)`);
    } catch {
      how = 'INSERT (COPY from file not possible)';
      await this.client.query(
        `insert into ${name} select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::float8[], array_fill(-1::float8, array[cardinality($1)]))`,
        [ids, src, tgt, cost],
      );
    } finally {
      try {
        unlinkSync(file);
      } catch {
        /* already gone */
      }
    }
    await this.client.query(`analyze ${name}`);
    return how;
  }

  /** Fastest route duration a -> b (pgr_dijkstra, the whole path returned as pgRouting does), or Infinity. */
  async route(table: string, a: number, b: number): Promise<number> {
    if (a === b) return 0;
    const r = await this.client.query({
      name: `route_${table}`,
      text: `select agg_cost from pgr_dijkstra('select id, source, target, cost, reverse_cost from ${table}', $1::bigint, $2::bigint, true) where edge = -1`,
      values: [a + 1, b + 1],
    });
    return r.rows.length ? Number(r.rows[0].agg_cost) : Infinity;
  }

  /**
   * Seconds from each source to the target. Two fair forms, both one SQL call per dispatch query:
   *   'many-to-one': pgr_dijkstraCost(edges, sources[], target): pgRouting runs one Dijkstra per source.
   *   'reversed':    the same edges with source and target swapped, then pgr_dijkstraCost(edges, target,
   *                  sources[]): one Dijkstra from the incident that stops once every unit is reached,
   *                  which is the search our travelTimes does.
   * bench/router.ts times both on a few queries and uses the faster one for the comparison.
   */
  async travelTimes(table: string, form: 'many-to-one' | 'reversed', target: number, sources: ArrayLike<number>): Promise<Float64Array> {
    const ids = Array.from(sources, (s) => s + 1);
    const r =
      form === 'reversed'
        ? await this.client.query({
            name: `tt_rev_${table}`,
            text: `select end_vid as unit, agg_cost from pgr_dijkstraCost('select id, target as source, source as target, cost, reverse_cost from ${table}', $1::bigint, $2::bigint[], true)`,
            values: [target + 1, ids],
          })
        : await this.client.query({
            name: `tt_m2o_${table}`,
            text: `select start_vid as unit, agg_cost from pgr_dijkstraCost('select id, source, target, cost, reverse_cost from ${table}', $1::bigint[], $2::bigint, true)`,
            values: [ids, target + 1],
          });
    const byUnit = new Map<number, number>();
    for (const row of r.rows) byUnit.set(Number(row.unit) - 1, Number(row.agg_cost));
    // pgRouting leaves out unreachable units and a unit standing on the target.
    return Float64Array.from(sources, (s) => (s === target ? 0 : (byUnit.get(s) ?? Infinity)));
  }
}
