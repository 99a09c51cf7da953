// Opens the platform database: the tables of everything that is not the ledger (users, sessions,
// idempotency keys, …) behind one Kysely interface. SQLite keeps them in data/platform.db beside
// the ledger (a separate file, so that platform writes never wait for the ledger's writer thread),
// with group commit (group-commit/dialect.ts); PostgreSQL keeps them in the same database as the
// ledger's tables.

import { Kysely, Migrator, PostgresDialect, type Compilable, type CompiledQuery } from 'kysely';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreConfig } from '../../platform/config.js';
import type { StoreKind } from '../store.js';
import { GroupCommitSqliteDialect } from './group-commit/dialect.js';
import { platformMigrationProvider } from './migrations.js';
import type { PlatformTables } from './tables.js';

export const platformFileName = 'platform.db';

export interface PlatformDatabase {
  readonly kind: StoreKind;
  readonly db: Kysely<PlatformTables>;
  /** Applies writes together, all or none: one unit of the group commit on SQLite, a transaction on PostgreSQL. */
  writeTogether(queries: readonly Compilable[]): Promise<void>;
  close(): Promise<void>;
}

export async function openPlatformDatabase(config: StoreConfig): Promise<PlatformDatabase> {
  const opened = open(config);
  try {
    const { error } = await new Migrator({ db: opened.db, provider: platformMigrationProvider }).migrateToLatest();
    if (error !== undefined) throw error;
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}

function open(config: StoreConfig): PlatformDatabase {
  if (config.kind === 'postgres') {
    const db = new Kysely<PlatformTables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 8 }) }) });
    return {
      kind: 'postgres',
      db,
      writeTogether: (queries) =>
        db.transaction().execute(async (transaction) => {
          for (const query of queries) await transaction.executeQuery(query.compile());
        }),
      close: () => db.destroy(),
    };
  }
  mkdirSync(config.directory, { recursive: true });
  const dialect = new GroupCommitSqliteDialect(join(config.directory, platformFileName));
  const db = new Kysely<PlatformTables>({ dialect });
  return {
    kind: 'sqlite',
    db,
    writeTogether: async (queries) => {
      await dialect.driver.writeTogether(queries.map((query): CompiledQuery => query.compile()));
    },
    close: () => db.destroy(),
  };
}
