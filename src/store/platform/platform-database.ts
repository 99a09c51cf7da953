// Opens the platform database: the tables of everything that is not the ledger (users, sessions,
// idempotency keys, …) behind one Kysely interface. SQLite keeps them in data/platform.db beside
// the ledger (a separate file, so that platform writes never wait for the ledger's writer thread),
// with group commit (group-commit/dialect.ts); PostgreSQL keeps them in the same database as the
// ledger's tables.

import { Kysely, Migrator, PostgresDialect, type Compilable, type CompiledQuery } from 'kysely';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPool } from '../postgres/pool.js';
import { postgresPoolSizeDefault, type StoreConfig } from '../../platform/config.js';
import type { StoreKind } from '../store.js';
import { GroupCommitSqliteDialect } from './group-commit/dialect.js';
import { writeConflictCode } from './group-commit/protocol.js';
import { platformMigrationProvider } from './migrations.js';
import type { PlatformTables } from './tables.js';

export const platformFileName = 'platform.db';

/** A write of a unit; with `expectRows`, the unit applies only if this statement changes exactly that many rows. */
export type PlatformWrite = Compilable | { readonly query: Compilable; readonly expectRows: number };

/**
 * Writes that go with a change, made at the moment the change is written (an operator's log line
 * takes its id and time then, so that the log's order is the order changes were written).
 */
export type WritesWith = () => readonly PlatformWrite[];
export const noWrites: WritesWith = () => [];

/** For a guarded change that found nothing to change (someone made it already): nothing was written, and that is no error. */
export function unlessUnchanged(error: unknown): void {
  if (!(error instanceof PlatformWriteConflictError)) throw error;
}

/** A unit of writes did not apply: a statement did not change the rows it expected (someone changed them first). */
export class PlatformWriteConflictError extends Error {
  readonly code = 'write_conflict';
}

export interface PlatformDatabase {
  readonly kind: StoreKind;
  readonly db: Kysely<PlatformTables>;
  /**
   * Whether this process is the database's only writer: on SQLite the server (or a CLI command)
   * holds the store's owner lock, so services may cache rows they read and change (OwnedCache);
   * several processes may write one PostgreSQL database, so nothing may be cached there.
   */
  readonly exclusive: boolean;
  /**
   * Applies writes together, all or none: one unit of the group commit on SQLite, a transaction on
   * PostgreSQL. Throws PlatformWriteConflictError, having applied nothing, when an expectation fails.
   */
  writeTogether(writes: readonly PlatformWrite[]): Promise<void>;
  close(): Promise<void>;
}

/** A write compiled: its statement, and the rows it must change when it says so. */
export function compileWrite(write: PlatformWrite): { readonly query: CompiledQuery; readonly expectRows?: number } {
  return 'compile' in write ? { query: write.compile() } : { query: write.query.compile(), expectRows: write.expectRows };
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
    const db = new Kysely<PlatformTables>({ dialect: new PostgresDialect({ pool: openPool(config.url, config.poolSize ?? postgresPoolSizeDefault) }) });
    return {
      kind: 'postgres',
      db,
      exclusive: false,
      writeTogether: (writes) =>
        db.transaction().execute(async (transaction) => {
          for (const { query, expectRows } of writes.map(compileWrite)) {
            const result = await transaction.executeQuery(query);
            if (expectRows !== undefined && result.numAffectedRows !== BigInt(expectRows)) throw new PlatformWriteConflictError(`expected ${expectRows} changed rows: ${query.sql}`);
          }
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
    exclusive: true,
    writeTogether: async (writes) => {
      try {
        await dialect.driver.writeTogether(writes.map(compileWrite));
      } catch (error) {
        if ((error as { code?: string }).code === writeConflictCode) throw new PlatformWriteConflictError((error as Error).message);
        throw error;
      }
    },
    close: () => db.destroy(),
  };
}
