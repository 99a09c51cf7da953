// The group-commit dialect of the SQLite platform database: concurrent writes share commits, a
// failing write fails alone, writes applied together are all or none, reads see what was written,
// explicit transactions work and keep others out, and what was acknowledged survives a reopen.

import { Kysely, sql, type CompiledQuery } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitSqliteDialect, PlatformWriteError } from './dialect.js';
import { writeConflictCode } from './protocol.js';

interface Tables {
  notes: { id: number; body: string };
}

describe('the group-commit SQLite dialect', () => {
  let directory: string;
  let dialect: GroupCommitSqliteDialect;
  let db: Kysely<Tables>;

  const open = async () => {
    dialect = new GroupCommitSqliteDialect(join(directory, 'platform.db'));
    db = new Kysely<Tables>({ dialect });
    await sql`create table if not exists notes (id integer primary key, body text not null)`.execute(db);
  };

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'zhifu-group-commit-'));
    await open();
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(directory, { recursive: true, force: true });
  });

  it('coalesces concurrent writes into few commits, and a read after a write sees it', async () => {
    const before = dialect.driver.statistics;
    await Promise.all(Array.from({ length: 500 }, (_, id) => db.insertInto('notes').values({ id, body: `note ${id}` }).execute()));
    const after = dialect.driver.statistics;
    expect(after.units - before.units).toBe(500);
    expect(after.commits - before.commits).toBeLessThan(100);
    const { count } = await db.selectFrom('notes').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    expect(count).toBe(500);
  });

  it('fails a write alone, with SQLite\'s error code, and commits the others of its transaction', async () => {
    await db.insertInto('notes').values({ id: 1, body: 'first' }).execute();
    const results = await Promise.allSettled([
      db.insertInto('notes').values({ id: 2, body: 'second' }).execute(),
      db.insertInto('notes').values({ id: 1, body: 'duplicate' }).execute(),
      db.insertInto('notes').values({ id: 3, body: 'third' }).execute(),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const error = (results[1] as PromiseRejectedResult).reason as PlatformWriteError;
    expect(error).toBeInstanceOf(PlatformWriteError);
    expect(error.code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect((await db.selectFrom('notes').select('body').orderBy('id').execute()).map((row) => row.body)).toEqual(['first', 'second', 'third']);
  });

  it('reports changed rows, so that "insert … on conflict do nothing" tells who won', async () => {
    const [first, second] = await Promise.all([
      db.insertInto('notes').values({ id: 7, body: 'a' }).onConflict((conflict) => conflict.doNothing()).executeTakeFirst(),
      db.insertInto('notes').values({ id: 7, body: 'b' }).onConflict((conflict) => conflict.doNothing()).executeTakeFirst(),
    ]);
    expect([first!.numInsertedOrUpdatedRows, second!.numInsertedOrUpdatedRows]).toEqual([1n, 0n]);
  });

  it('applies writes together all or none', async () => {
    const unit = (...queries: { compile(): CompiledQuery }[]) => queries.map((query) => ({ query: query.compile() }));
    await dialect.driver.writeTogether(unit(db.insertInto('notes').values({ id: 10, body: 'a' }), db.insertInto('notes').values({ id: 11, body: 'b' })));
    await expect(dialect.driver.writeTogether(unit(db.insertInto('notes').values({ id: 12, body: 'c' }), db.insertInto('notes').values({ id: 10, body: 'clash' })))).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
    });
    expect((await db.selectFrom('notes').select('id').orderBy('id').execute()).map((row) => row.id)).toEqual([10, 11]);
    // A statement that expects to change one row and changes none undoes its whole unit.
    const conditional = [{ query: db.updateTable('notes').set({ body: 'changed' }).where('id', '=', 99).compile(), expectRows: 1 }, { query: db.insertInto('notes').values({ id: 13, body: 'd' }).compile() }];
    await expect(dialect.driver.writeTogether(conditional)).rejects.toMatchObject({ code: writeConflictCode });
    await expect(dialect.driver.writeTogether([{ query: db.updateTable('notes').set({ body: 'changed' }).where('id', '=', 99).compile(), expectRows: 1 }])).rejects.toMatchObject({ code: writeConflictCode });
    expect((await db.selectFrom('notes').select('id').orderBy('id').execute()).map((row) => row.id)).toEqual([10, 11]);
  });

  it('runs explicit transactions, rolls them back on error, and keeps other queries out meanwhile', async () => {
    let outsideSaw: number | undefined;
    await db.transaction().execute(async (transaction) => {
      await transaction.insertInto('notes').values({ id: 20, body: 'inside' }).execute();
      // A query from outside waits for the transaction, so it never sees its uncommitted row.
      const outside = db.selectFrom('notes').selectAll().execute().then((rows) => (outsideSaw = rows.length));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(outsideSaw).toBeUndefined();
      void outside;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(outsideSaw).toBe(1);
    await expect(
      db.transaction().execute(async (transaction) => {
        await transaction.insertInto('notes').values({ id: 21, body: 'rolled back' }).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await db.selectFrom('notes').select('id').execute()).map((row) => row.id)).toEqual([20]);
  });

  it('keeps what it acknowledged across a close and reopen', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, id) => db.insertInto('notes').values({ id, body: 'kept' }).execute()));
    await db.destroy();
    await open();
    expect((await db.selectFrom('notes').select('id').execute()).length).toBe(50);
  });
});
