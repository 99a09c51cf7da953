// Queries built once and run many times. Kysely builds an immutable query tree and compiles it to
// SQL on every call, which on the hot paths (every payment authenticates, checks its PIN, claims
// its idempotency key, …) costs more than SQLite takes to run the query. A prepared query calls
// its builder once, with placeholders for its arguments, keeps the SQL, and on each run puts the
// arguments where the placeholders were. Types still come from the builder, as with any query.
//
// A run makes one object and its array of parameters, nothing else: its SQL, operation node and
// query id are made once and shared (Kysely's CompiledQuery.raw makes a node, an id and four frozen
// objects on every call). The parameters are a plain packed array, which V8 copies to the
// platform's writer thread faster than the frozen ones Kysely makes.

import { RawNode, createQueryId, type Compilable, type CompiledQuery, type Kysely, type QueryResult } from 'kysely';

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
  const bind = binder(compiled.sql);
  return (...args: A) => {
    const parameters: unknown[] = [];
    for (let position = 0; position < sources.length; position++) {
      const source = sources[position]!;
      parameters.push(source < 0 ? constants[position] : args[source]);
    }
    return db.executeQuery(bind(parameters)) as Promise<QueryResult<R>>;
  };
}

/** Compiled queries of one SQL text, sharing everything but their parameters (Kysely's plugins would key results by the query id; none is used). */
function binder(sql: string): (parameters: unknown[]) => CompiledQuery {
  const query = RawNode.createWithSql(sql);
  const queryId = createQueryId();
  return (parameters) => ({ sql, query, queryId, parameters });
}

/** The values of `row` at `columns`, in that order, for the placeholders of a prepared statement. */
function valuesAt(row: Readonly<Record<string, unknown>>, columns: readonly string[]): unknown[] {
  const parameters: unknown[] = [];
  for (const column of columns) parameters.push(row[column]);
  return parameters;
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
  const bind = binder(compiled.sql);
  const ordered = sources.map((source) => columns[source]!);
  return (row) => ({ compile: () => bind(valuesAt(row, ordered)) });
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

/**
 * Updates of `table` that set some columns of the row whose `key` column has a value, and, with
 * `version`, only while that column still has the value given (the caller counts the rows
 * changed). Each set of columns is prepared once, when first seen; a column whose value is
 * undefined is left as it is, as Kysely's set() leaves it.
 */
export function rowUpdater<DB, T extends keyof DB & string>(db: Kysely<DB>, table: T, key: keyof DB[T] & string, version?: keyof DB[T] & string) {
  const prepared = new Map<string, { readonly columns: readonly string[]; readonly bind: (parameters: unknown[]) => CompiledQuery }>();
  const keyTag = `${placeholderTag}key`;
  const versionTag = `${placeholderTag}version`;
  return (changes: { readonly [K in keyof DB[T]]?: unknown }, keyValue: unknown, versionValue?: unknown): Compilable<unknown> => {
    const columns = Object.keys(changes).filter((column) => (changes as Record<string, unknown>)[column] !== undefined);
    const shape = columns.join(',');
    let statement = prepared.get(shape);
    if (statement === undefined) {
      if (columns.length === 0) throw new Error(`rowUpdater: an update of ${table} must set a column`);
      const values = Object.fromEntries(columns.map((column, index) => [column, `${placeholderTag}${index}`]));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the row type is checked at the call; the builder sees placeholders
      let builder = (db.updateTable(table) as any).set(values).where(key, '=', keyTag);
      if (version !== undefined) builder = builder.where(version, '=', versionTag);
      const compiled = builder.compile() as CompiledQuery;
      const expected = [...columns.map((_, index) => `${placeholderTag}${index}`), keyTag, ...(version === undefined ? [] : [versionTag])];
      if (compiled.parameters.length !== expected.length || compiled.parameters.some((parameter, index) => parameter !== expected[index])) throw new Error(`rowUpdater: unexpected parameters in ${compiled.sql}`);
      statement = { columns, bind: binder(compiled.sql) };
      prepared.set(shape, statement);
    }
    const { columns: ordered, bind } = statement;
    return {
      compile: () => {
        const parameters = valuesAt(changes, ordered);
        parameters.push(keyValue);
        if (version !== undefined) parameters.push(versionValue);
        return bind(parameters);
      },
    };
  };
}
