import { Kysely, sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCommitSqliteDialect } from './group-commit/dialect.js';
import { prepareQuery, rowInserter, rowUpdater } from './prepared-query.js';

interface Tables {
  items: { id: string; owner: string; kind: string; amount: number };
  versioned: { id: string; name: string; amount: number; version: number };
}

/** A group-commit database in a folder of its own for the tests of one describe block, made with `schema` and removed after them. */
function temporaryDatabase(schema: string): () => Kysely<Tables> {
  let directory: string;
  let db: Kysely<Tables>;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'zhifu-prepared-'));
    db = new Kysely<Tables>({ dialect: new GroupCommitSqliteDialect(join(directory, 'p.db')) });
    await sql.raw(schema).execute(db);
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(directory, { recursive: true, force: true });
  });
  return () => db;
}

const itemsSchema = 'create table items (id text primary key, owner text not null, kind text not null, amount integer not null)';

describe('prepareQuery', () => {
  const database = temporaryDatabase(itemsSchema);

  it('runs the same SQL with new arguments each time, constants kept where they are', async () => {
    const db = database();
    const insert = prepareQuery(db, (id: string, owner: string, amount: number) => db.insertInto('items').values({ id, owner, kind: 'fixed', amount }));
    await insert('a', 'alice', 5);
    await insert('b', 'alice', 7);
    await insert('c', 'bob', 11);
    const byOwner = prepareQuery(db, (owner: string, least: number) => db.selectFrom('items').select(['id', 'kind']).where('owner', '=', owner).where('amount', '>=', least).where('kind', 'in', ['fixed', 'other']).orderBy('id'));
    expect((await byOwner('alice', 6)).rows).toEqual([{ id: 'b', kind: 'fixed' }]);
    expect((await byOwner('bob', 0)).rows).toEqual([{ id: 'c', kind: 'fixed' }]);
    const update = prepareQuery(db, (id: string) => db.updateTable('items').set((eb) => ({ amount: eb('amount', '+', 1) })).where('id', '=', id));
    expect((await update('a')).numAffectedRows).toBe(1n);
    expect((await byOwner('alice', 6)).rows.map((row) => row.id)).toEqual(['a', 'b']);
  });

  it('refuses a builder that does not use an argument as a value', () => {
    const db = database();
    expect(() => prepareQuery(db, (_unused: string) => db.selectFrom('items').selectAll())).toThrow(/argument 0 is not a value/);
    expect(() => prepareQuery(db, (owner: string) => db.selectFrom('items').selectAll().where('owner', '=', owner.toUpperCase()))).toThrow(/argument 0 is not a value/);
    expect(() => prepareQuery(db, (owner: string) => db.selectFrom('items').selectAll().where(sql.lit(owner), '=', 'x'))).toThrow(/written into the SQL/);
  });
});

describe('rowInserter', () => {
  const database = temporaryDatabase(itemsSchema);

  it('inserts whole rows, each shape prepared once, values in their columns whatever the key order', async () => {
    const db = database();
    const insert = rowInserter(db, 'items');
    await db.executeQuery(insert({ id: 'a', owner: 'alice', kind: 'k', amount: 1 }).compile());
    await db.executeQuery(insert({ amount: 2, kind: 'j', owner: 'bob', id: 'b' }).compile());
    expect(await db.selectFrom('items').selectAll().orderBy('id').execute()).toEqual([
      { id: 'a', owner: 'alice', kind: 'k', amount: 1 },
      { id: 'b', owner: 'bob', kind: 'j', amount: 2 },
    ]);
  });
});

describe('rowUpdater', () => {
  const database = temporaryDatabase('create table versioned (id text primary key, name text not null, amount integer not null, version integer not null)');
  beforeAll(async () => {
    await database().insertInto('versioned').values([{ id: 'a', name: 'first', amount: 1, version: 1 }, { id: 'b', name: 'second', amount: 2, version: 1 }]).execute();
  });

  const rows = () => database().selectFrom('versioned').selectAll().orderBy('id').execute();

  it('sets the columns given on the row of its key, only at the version given, and leaves undefined ones alone', async () => {
    const db = database();
    const update = rowUpdater(db, 'versioned', 'id', 'version');
    expect((await db.executeQuery(update({ amount: 5, version: 2 }, 'a', 1).compile())).numAffectedRows).toBe(1n);
    // At a version the row no longer has: nothing changes, and the count says so.
    expect((await db.executeQuery(update({ amount: 9, version: 2 }, 'a', 1).compile())).numAffectedRows).toBe(0n);
    expect((await db.executeQuery(update({ version: 3, name: 'renamed', amount: undefined }, 'a', 2).compile())).numAffectedRows).toBe(1n);
    expect(await rows()).toEqual([
      { id: 'a', name: 'renamed', amount: 5, version: 3 },
      { id: 'b', name: 'second', amount: 2, version: 1 },
    ]);
    // The same statement with other values, for another row.
    expect((await db.executeQuery(update({ amount: 7, version: 2 }, 'b', 1).compile())).numAffectedRows).toBe(1n);
    expect((await rows())[1]).toEqual({ id: 'b', name: 'second', amount: 7, version: 2 });
  });

  it('updates by key alone without a version column, and refuses an update that sets nothing', async () => {
    const db = database();
    const update = rowUpdater(db, 'versioned', 'id');
    expect((await db.executeQuery(update({ name: 'plain' }, 'b').compile())).numAffectedRows).toBe(1n);
    expect((await rows())[1]!.name).toBe('plain');
    expect(() => update({ amount: undefined }, 'b')).toThrow(/must set a column/);
  });
});
