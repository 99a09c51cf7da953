// The embedded store: SQLite through better-sqlite3, in WAL mode with synchronous=FULL, so a
// commit that was answered has reached the disk. One process owns the store for writing
// (owner-lock.ts); its commits go through the pipeline in committer.ts. Any process may open the
// store read-only beside the owner.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Account,
  type AccountBalance,
  type AccountFilter,
  type AuditReport,
  type EngineOptions,
  type LedgerOperation,
  type PendingState,
  type Transfer,
} from '../../ledger/index.js';
import { listAccountTransfers } from '../account-chain.js';
import { StoreReadOnlyError, type AccountTotals, type AuditOptions, type CommitOutcome, type LedgerStore } from '../store.js';
import { readAccountTotals } from './account-totals.js';
import { auditApart, auditSnapshot } from './audit.js';
import { checkpointAccountLog, foldAccountLog, mergeAccountRow } from './account-log.js';
import { readBalanceHistory } from './balance-history.js';
import { decodeAccount, decodeHold, encodeU128 } from './codec.js';
import type { AccountRow, HoldRow } from './codec.js';
import { SqliteCommitter } from './committer.js';
import { configureWriteConnection } from './connection.js';
import { migrateSqlite } from './migrate.js';
import { acquireOwnerLock, type OwnerLock } from './owner-lock.js';
import { prepareStatements, type Statements } from './statements.js';
import { readChain, readTransfer } from './transfer-reads.js';

export interface SqliteStoreOptions extends EngineOptions {
  /** The folder that holds ledger.db (created if missing). */
  readonly directory: string;
  /** Open for reading only, without taking the owner lock: works while another process owns the store. */
  readonly readOnly?: boolean;
  /** Accounts the owner keeps in memory at most (default 1,000,000); past that, settled ones are read again when needed. */
  readonly accountsInMemoryMax?: number;
}

export const sqliteFileName = 'ledger.db';

/** Commits in flight at most: enough to keep the engine and the writer thread both busy. */
const sqliteCommitsInFlightMax = 3;

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(options);
}

export class SqliteStore implements LedgerStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  readonly commitsInFlightMax = sqliteCommitsInFlightMax;
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly lock: OwnerLock | undefined;
  private readonly committer: SqliteCommitter | undefined;

  constructor(options: SqliteStoreOptions) {
    this.location = options.directory;
    const path = join(options.directory, sqliteFileName);
    if (options.readOnly) {
      this.db = new Database(path, { readonly: true, fileMustExist: true });
      this.db.pragma('busy_timeout = 5000');
      migrateSqlite(this.db, true);
      this.statements = prepareStatements(this.db);
      return;
    }
    mkdirSync(options.directory, { recursive: true });
    this.lock = acquireOwnerLock(options.directory);
    let db: Database.Database | undefined;
    try {
      db = new Database(path);
      configureWriteConnection(db);
      migrateSqlite(db, false);
      this.statements = prepareStatements(db);
      // Fold what a previous owner left in the account log, so that this owner starts from rows.
      checkpointAccountLog(db, this.statements);
      this.committer = new SqliteCommitter(path, this.statements, options);
      this.db = db;
    } catch (error) {
      if (db?.open) db.close();
      this.lock.release();
      throw error;
    }
  }

  commit(operations: readonly LedgerOperation[], now: bigint): Promise<CommitOutcome> {
    if (this.committer === undefined) return Promise.reject(new StoreReadOnlyError(`The store in ${this.location} was opened read-only.`));
    try {
      return this.committer.commit(operations, now);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Committed accounts with their chain heads: from the owner's memory, or rows with the account log laid over. */
  private committedAccounts(ids: readonly bigint[]): Map<bigint, { account: Account; head: bigint }> {
    const states = new Map<bigint, { account: Account; head: bigint }>();
    if (this.committer !== undefined) {
      for (const id of ids) {
        const state = this.committer.committedAccount(id);
        if (state !== undefined) states.set(id, state);
      }
      return states;
    }
    return this.db
      .transaction(() => {
        const logged = foldAccountLog(this.statements);
        for (const id of ids) {
          const row = this.statements.account.get(encodeU128(id)) as AccountRow | undefined;
          if (row === undefined) continue;
          const merged = mergeAccountRow(row, logged.get(id));
          states.set(id, { account: decodeAccount(merged), head: merged.last_transfer_timestamp });
        }
        return states;
      })
      .deferred();
  }

  async lookupAccounts(ids: readonly bigint[]): Promise<Account[]> {
    const states = this.committedAccounts(ids);
    return ids.flatMap((id) => {
      const state = states.get(id);
      return state === undefined ? [] : [state.account];
    });
  }

  async lookupTransfers(ids: readonly bigint[]): Promise<Transfer[]> {
    return ids.flatMap((id) => {
      const transfer = readTransfer(this.statements, id);
      return transfer === undefined ? [] : [transfer];
    });
  }

  async lookupHolds(ids: readonly bigint[]): Promise<Map<bigint, PendingState>> {
    const holds = new Map<bigint, PendingState>();
    for (const id of ids) {
      const row = this.statements.hold.get(encodeU128(id)) as HoldRow | undefined;
      if (row !== undefined) holds.set(id, decodeHold(row));
    }
    return holds;
  }

  async getAccountTransfers(filter: AccountFilter): Promise<Transfer[]> {
    const head = this.committedAccounts([filter.accountId]).get(filter.accountId)?.head ?? 0n;
    return listAccountTransfers(filter, head, (accountId, timestamp, count) => readChain(this.statements, accountId, timestamp, count));
  }

  /** Walks the account's snapshots in one read transaction, so that a commit landing meanwhile cannot cut the walk. */
  async getAccountBalances(filter: AccountFilter): Promise<AccountBalance[]> {
    return this.db.transaction(() => readBalanceHistory(this.statements, filter)).deferred();
  }

  /**
   * The invariant check over one read snapshot of the committed ledger (account log included). It
   * reads every account and transfer: `apart` runs it on a thread of its own with a read-only
   * connection, so that a server's requests are not held up meanwhile.
   */
  async audit(options?: AuditOptions): Promise<AuditReport> {
    if (options?.apart === true) return auditApart(this.db.name);
    return auditSnapshot(this.db, this.statements);
  }

  /** One aggregate query and the account log, over the same read snapshot as audit(). */
  async accountTotals(): Promise<AccountTotals[]> {
    return this.db.transaction(() => readAccountTotals(this.statements)).deferred();
  }

  async close(): Promise<void> {
    await this.committer?.close();
    if (this.db.open) this.db.close();
    this.lock?.release();
  }
}
