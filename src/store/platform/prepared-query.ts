// Queries built once and run many times. Kysely builds an immutable query tree and compiles it to
// SQL on every call, which on the hot paths (every payment authenticates, checks its PIN, claims
// its idempotency key, …) costs more than SQLite takes to run the query. A prepared query calls
// its builder once, with placeholders for its arguments, keeps the SQL, and on each run puts the
// arguments where the placeholders were. Types still come from the builder, as with any query.

import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';

export type PreparedQuery<A extends unknown[], R> = (...args: A) => Promise<QueryResult<R>>;

const placeholderTag = '\u0000zhifu-argument-';

/**
 * Prepares `build`, whose arguments must be values of the query (compared, inserted or set) used
 * as they are, and each at least once; anything else is refused here, when the query is made.
 */
export function prepareQuery<DB, A extends unknown[], R>(db: Kysely<DB>, build: (...args: A) => Compilable<R>): PreparedQuery<A, R> {
  const placeholders = Array.from({ length: build.length }, (_, index) => `${placeholderTag}${index}`);
  const compiled = build(...(placeholders as unknown as A)).compile();
  if (compiled.sql.includes(placeholderTag)) throw new Error(`prepareQuery: an argument was written into the SQL itself: ${compiled.sql}`);
  const sources = compiled.parameters.map((parameter) => (typeof parameter === 'string' ? placeholders.indexOf(parameter) : -1));
  placeholders.forEach((_, index) => {
    if (!sources.includes(index)) throw new Error(`prepareQuery: argument ${index} is not a value of the query: ${compiled.sql}`);
  });
  const constants = compiled.parameters;
  return (...args: A) => {
    const parameters = sources.map((source, position) => (source < 0 ? constants[position] : args[source]));
    return db.executeQuery(CompiledQuery.raw(compiled.sql, parameters)) as Promise<QueryResult<R>>;
  };
}
