import { Kysely, sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCommitSqliteDialect } from './group-commit/dialect.js';
import { prepareQuery, rowInserter } from './prepared-query.js';

interface Tables {
  items: { id: string; owner: string; kind: string; amount: number };
}

describe('prepareQuery', () => {
  let directory: string;
  let db: Kysely<Tables>;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'zhifu-prepared-'));
    db = new Kysely<Tables>({ dialect: new GroupCommitSqliteDialect(join(directory, 'p.db')) });
    await sql`create table items (id text primary key, owner text not null, kind text not null, amount integer not null)`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(directory, { recursive: true, force: true });
  });

  it('runs the same SQL with new arguments each time, constants kept where they are', async () => {
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
    expect(() => prepareQuery(db, (_unused: string) => db.selectFrom('items').selectAll())).toThrow(/argument 0 is not a value/);
    expect(() => prepareQuery(db, (owner: string) => db.selectFrom('items').selectAll().where('owner', '=', owner.toUpperCase()))).toThrow(/argument 0 is not a value/);
    expect(() => prepareQuery(db, (owner: string) => db.selectFrom('items').selectAll().where(sql.lit(owner), '=', 'x'))).toThrow(/written into the SQL/);
  });
});

describe('rowInserter', () => {
  let directory: string;
  let db: Kysely<Tables>;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'zhifu-inserter-'));
    db = new Kysely<Tables>({ dialect: new GroupCommitSqliteDialect(join(directory, 'p.db')) });
    await sql`create table items (id text primary key, owner text not null, kind text not null, amount integer not null)`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(directory, { recursive: true, force: true });
  });

  it('inserts whole rows, each shape prepared once, values in their columns whatever the key order', async () => {
    const insert = rowInserter(db, 'items');
    await db.executeQuery(insert({ id: 'a', owner: 'alice', kind: 'k', amount: 1 }).compile());
    await db.executeQuery(insert({ amount: 2, kind: 'j', owner: 'bob', id: 'b' }).compile());
    expect(await db.selectFrom('items').selectAll().orderBy('id').execute()).toEqual([
      { id: 'a', owner: 'alice', kind: 'k', amount: 1 },
      { id: 'b', owner: 'bob', kind: 'j', amount: 2 },
    ]);
  });
});
