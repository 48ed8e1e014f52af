import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema.js';

type Args = Record<string, unknown>;

/** A prepared query's SQL and which argument feeds each of its parameters, for one database. */
interface Plan {
  sql: string;
  order: string[];
  /** The argument names it was built with: a call with others would bind wrongly. */
  names: Set<string>;
}

/** A prepared query used wrongly: a parameter that is not one of its arguments, or a call with other argument names. */
export class PreparedQueryError extends Error {
  constructor(
    message: string,
    readonly sql: string,
  ) {
    super(`${message}: ${sql}`);
    this.name = 'PreparedQueryError';
  }
}

/**
 * A query built with Kysely once per database and then run with fresh arguments: for the short statements on
 * every request (a session lookup, an incident and its event), building and compiling the query cost more
 * than SQLite took to run it. The first run builds it with a marker in place of each argument and records
 * which argument went into which parameter; later runs bind the new values in that order.
 * Precondition: `build` puts each argument into the query as a plain value (no transformation, no branching on
 * it) and no value is undefined (bound as null). Every call passes the same argument names (checked).
 */
export function prepared<A extends Args, R>(build: (db: Kysely<Database>, args: A) => Compilable<R>) {
  // Keyed by the database's adapter, which its transactions share and which differs by dialect.
  const plans = new WeakMap<object, Plan>();
  return async (db: Kysely<Database>, args: A): Promise<R[]> => {
    const key = db.getExecutor().adapter;
    const names = Object.keys(args);
    let plan = plans.get(key);
    if (!plan) {
      plan = makePlan(db, build, names);
      plans.set(key, plan);
    } else if (names.length !== plan.names.size || !names.every((n) => plan!.names.has(n))) {
      throw new PreparedQueryError(`Called with arguments ${names.join(', ')}, built with ${[...plan.names].join(', ')}`, plan.sql);
    }
    const params = plan.order.map((name) => args[name] ?? null);
    const { rows } = await db.executeQuery(CompiledQuery.raw(plan.sql, params) as CompiledQuery<R>);
    return rows;
  };
}

function makePlan<A extends Args, R>(db: Kysely<Database>, build: (db: Kysely<Database>, args: A) => Compilable<R>, names: string[]): Plan {
  const markers = new Map<unknown, string>();
  const marked: Args = {};
  for (const name of names) {
    const marker = { preparedArgument: name };
    markers.set(marker, name);
    marked[name] = marker;
  }
  const compiled = build(db, marked as A).compile();
  const order = compiled.parameters.map((p) => {
    const name = markers.get(p);
    if (name === undefined) throw new PreparedQueryError('A parameter is not one of its arguments', compiled.sql);
    return name;
  });
  return { sql: compiled.sql, order, names: new Set(names) };
}
