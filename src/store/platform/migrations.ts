// The platform tables' migrations, applied in order on start by Kysely's migrator (which records
// them, and takes a lock so that servers starting together migrate once). Written with Kysely's
// schema builder so that one list serves SQLite and PostgreSQL.

import type { Kysely, Migration, MigrationProvider } from 'kysely';

export const platformMigrations: Record<string, Migration> = {
  '0001_idempotency_keys': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (column) => column.notNull())
        .addColumn('key', 'text', (column) => column.notNull())
        .addColumn('fingerprint', 'text', (column) => column.notNull())
        .addColumn('state', 'text', (column) => column.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();
      await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('idempotency_keys').execute();
    },
  },
};

export const platformMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return platformMigrations;
  },
};

