// Opens the platform database: the tables of everything that is not the ledger (users, sessions,
// idempotency keys, …) behind one Kysely interface. SQLite keeps them in data/platform.db beside
// the ledger (a separate file, so that platform writes never wait for the ledger's writer thread);
// PostgreSQL keeps them in the same database as the ledger's tables.

import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreConfig } from '../../platform/config.js';
import type { StoreKind } from '../store.js';
import { platformMigrationProvider } from './migrations.js';
import type { PlatformTables } from './tables.js';

export const platformFileName = 'platform.db';

export interface PlatformDatabase {
  readonly kind: StoreKind;
  readonly db: Kysely<PlatformTables>;
  close(): Promise<void>;
}

export async function openPlatformDatabase(config: StoreConfig): Promise<PlatformDatabase> {
  const db = new Kysely<PlatformTables>({ dialect: dialectFor(config) });
  try {
    const { error } = await new Migrator({ db, provider: platformMigrationProvider }).migrateToLatest();
    if (error !== undefined) throw error;
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { kind: config.kind, db, close: () => db.destroy() };
}

function dialectFor(config: StoreConfig) {
  if (config.kind === 'postgres') return new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 8 }) });
  mkdirSync(config.directory, { recursive: true });
  const database = new Database(join(config.directory, platformFileName));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database: withStatementCache(database) });
}

/** Statements kept prepared at most; the queries of the code are far fewer, so none is dropped in practice. */
export const preparedStatementsMax = 1_000;

/**
 * Kysely prepares every query anew; preparing costs about as much as running a small query, so the
 * prepared statements are kept by their SQL text and reused.
 */
function withStatementCache(database: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (statements.size >= preparedStatementsMax) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
