// Applies the PostgreSQL migrations a database has not had yet. An advisory lock makes servers that
// start together take turns, so each migration runs once.

import type pg from 'pg';
import { migrations } from './schema.js';

/** The advisory lock key of migrations ('zhifu-migrate'). */
const migrationLockKey = 0x7a686966_75_6d6967n;

export async function migratePostgres(client: pg.PoolClient): Promise<void> {
  const latest = migrations[migrations.length - 1]!.version;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [BigInt.asIntN(64, migrationLockKey).toString()]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`);
    const result = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    const applied = result.rows[0]?.version ?? 0;
    if (applied > latest) throw new Error(`The PostgreSQL store is at schema version ${applied}, newer than this Zhifu (${latest}).`);
    for (const migration of migrations) {
      if (migration.version <= applied) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
