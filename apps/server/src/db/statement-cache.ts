import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

const MAX_STATEMENTS = 512;

/**
 * Wraps a better-sqlite3 handle so Kysely reuses prepared statements: its driver prepares every query
 * afresh, which costs more than running it. Bounded, oldest out first: a hit does not reorder the map, which
 * cost more per query than the rare re-prepare of a hot statement pushed out.
 * Precondition: no statement is iterated (streamed) while the same SQL runs again.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}
