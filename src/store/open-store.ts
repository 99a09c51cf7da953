// Opens the configured store: SQLite (the embedded default) or PostgreSQL.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineOptions } from '../ledger/index.js';
import type { StoreConfig } from '../platform/config.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore, sqliteFileName } from './sqlite/sqlite-store.js';
import type { LedgerStore } from './store.js';

export interface OpenOptions extends EngineOptions {
  /**
   * For commands that only read: a SQLite store is opened without the owner lock, so they work
   * while a server owns it. A store that does not exist yet is created.
   */
  readonly readOnly?: boolean;
}

export async function openStore(config: StoreConfig, options: OpenOptions = {}): Promise<LedgerStore> {
  if (config.kind === 'postgres') return openPostgresStore({ url: config.url, ...(config.poolSize === undefined ? {} : { poolSize: config.poolSize }), ...options });
  const exists = existsSync(join(config.directory, sqliteFileName));
  return openSqliteStore({ directory: config.directory, ...options, readOnly: options.readOnly === true && exists });
}
