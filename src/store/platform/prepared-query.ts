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
  const bind = (args: A) => CompiledQuery.raw(compiled.sql, sources.map((source, position) => (source < 0 ? constants[position] : args[source]))) as CompiledQuery<R>;
  return (...args: A) => db.executeQuery(bind(args)) as Promise<QueryResult<R>>;
}

/**
 * A prepared insert of whole rows into `table`: built once with a placeholder per column, then
 * each row's values put in their places. `columns` must name every column the rows have.
 */
export function prepareInsert<DB, T extends keyof DB & string>(db: Kysely<DB>, table: T, columns: readonly (keyof DB[T] & string)[]): (row: { readonly [K in keyof DB[T]]: unknown }) => Compilable<unknown> {
  const placeholders = columns.map((_, index) => `${placeholderTag}${index}`);
  const values = Object.fromEntries(columns.map((column, index) => [column, placeholders[index]]));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the row type is checked at the call; the builder sees placeholders
  const compiled = (db.insertInto(table) as any).values(values).compile() as CompiledQuery;
  const sources = compiled.parameters.map((parameter) => (typeof parameter === 'string' ? placeholders.indexOf(parameter) : -1));
  if (sources.some((source) => source < 0) || new Set(sources).size !== columns.length) throw new Error(`prepareInsert: every value must be a column of the row: ${compiled.sql}`);
  return (row) => ({ compile: () => CompiledQuery.raw(compiled.sql, sources.map((source) => (row as Record<string, unknown>)[columns[source]!])) });
}

/** Inserts of whole rows into `table`, each shape of row (its set of columns) prepared once, when first seen. */
export function rowInserter<DB, T extends keyof DB & string>(db: Kysely<DB>, table: T): (row: { readonly [K in keyof DB[T]]: unknown }) => Compilable<unknown> {
  const prepared = new Map<string, ReturnType<typeof prepareInsert<DB, T>>>();
  return (row) => {
    const columns = Object.keys(row) as (keyof DB[T] & string)[];
    const shape = columns.join(',');
    let insert = prepared.get(shape);
    if (insert === undefined) {
      insert = prepareInsert(db, table, columns);
      prepared.set(shape, insert);
    }
    return insert(row);
  };
}
