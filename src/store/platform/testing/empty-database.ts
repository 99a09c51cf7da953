// An empty platform database of each kind for migration tests: SQLite in a directory of its own,
// PostgreSQL in a temporary database; `cleanups` receives what closes and removes it.

import { Kysely, PostgresDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPool } from '../../postgres/pool.js';
import { createTemporaryDatabase } from '../../postgres/temporary-database.js';
import { GroupCommitSqliteDialect } from '../group-commit/dialect.js';

export async function openEmptyPlatformDatabase<T>(kind: 'sqlite' | 'postgres', cleanups: (() => Promise<void>)[]): Promise<Kysely<T>> {
  if (kind === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'zhifu-migration-'));
    cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
    const db = new Kysely<T>({ dialect: new GroupCommitSqliteDialect(join(directory, 'platform.db')) });
    cleanups.push(() => db.destroy());
    return db;
  }
  const database = await createTemporaryDatabase('zhifu_migration');
  cleanups.push(() => database.drop());
  const db = new Kysely<T>({ dialect: new PostgresDialect({ pool: openPool(database.url, 2) }) });
  cleanups.push(() => db.destroy());
  return db;
}
