// Every platform migration goes up, down to an empty database and up again, on real SQLite and
// PostgreSQL: a release can be rolled back, and a migration's `down` is never left untried.

import { Migrator, NO_MIGRATIONS, sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { platformMigrationProvider } from './migrations.js';
import { openEmptyPlatformDatabase } from './testing/empty-database.js';

describe.each(['sqlite', 'postgres'] as const)('the platform migrations on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const openDatabase = () => openEmptyPlatformDatabase<unknown>(kind, cleanups);

  async function tableNames(db: Kysely<unknown>): Promise<string[]> {
    const tables = await db.introspection.getTables();
    return tables.map((table) => table.name).sort();
  }

  it('go up, all the way down and up again, leaving the same tables', async () => {
    const db = await openDatabase();
    const migrator = new Migrator({ db, provider: platformMigrationProvider });
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    const names = Object.keys(await platformMigrationProvider.getMigrations());
    expect(up.results?.map((result) => result.migrationName)).toEqual(names);
    const tables = await tableNames(db);
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(down.results).toHaveLength(names.length);
    expect(await tableNames(db)).toEqual([]);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await tableNames(db)).toEqual(tables);
  });

  it('makes the outflow reservation function on PostgreSQL only while migration 0019 is applied, and nothing on SQLite', async () => {
    const db = await openDatabase();
    const migrator = new Migrator({ db, provider: platformMigrationProvider });
    const functions = async () => (kind === 'sqlite' ? [] : (await sql<{ name: string }>`SELECT proname AS name FROM pg_proc WHERE proname = 'zhifu_reserve_outflow'`.execute(db)).rows);
    expect((await migrator.migrateTo('0018_outflow_reservations')).error).toBeUndefined();
    const tables = await tableNames(db);
    expect(await functions()).toEqual([]);
    // Up to the last migration of the function: it makes no table.
    expect((await migrator.migrateTo('0020_outflow_counts_trade_payments')).error).toBeUndefined();
    expect(await functions()).toHaveLength(kind === 'sqlite' ? 0 : 1);
    expect(await tableNames(db)).toEqual(tables);
    expect((await migrator.migrateTo('0018_outflow_reservations')).error).toBeUndefined();
    expect(await functions()).toEqual([]);
  });
});
