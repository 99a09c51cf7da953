// The embedded store: SQLite through better-sqlite3, in WAL mode with synchronous=FULL, so a
// commit that returned has reached the disk. One process owns the store for writing (owner-lock.ts)
// and keeps the accounts it has read in memory, which is safe because nobody else writes.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  executeCommit,
  expiryBatchMax,
  LedgerAuditor,
  type Account,
  type AccountBalance,
  type AccountFilter,
  type AuditReport,
  type CommitPlan,
  type EngineOptions,
  type LedgerOperation,
  type LedgerReader,
  type PendingState,
  type Transfer,
} from '../../ledger/index.js';
import { chainTransfers, clampTimestamp, listAccountTransfers, type ChainedTransfer } from '../account-chain.js';
import { directReferences, maxTransferIdAfter, splitByMaxId } from '../prefetch.js';
import { StoreReadOnlyError, type CommitOutcome, type LedgerStore } from '../store.js';
import { AccountCache } from '../account-cache.js';
import {
  decodeAccount,
  decodeBalance,
  decodeChained,
  decodeHold,
  decodeTransfer,
  encodeHoldStatus,
  decodeU128,
  encodeU128,
  holdStatuses,
  toSigned64,
  u128JsonArray,
} from './codec.js';
import type { AccountRow, BalanceRow, HoldRow, TransferRow, U128Value } from './codec.js';
import { acquireOwnerLock, type OwnerLock } from './owner-lock.js';
import { migrateSqlite } from './migrate.js';
import { prepareStatements, type Statements } from './statements.js';

export interface SqliteStoreOptions extends EngineOptions {
  /** The folder that holds ledger.db (created if missing). */
  readonly directory: string;
  /** Open for reading only, without taking the owner lock: works while another process owns the store. */
  readonly readOnly?: boolean;
}

export const sqliteFileName = 'ledger.db';

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(options);
}

export class SqliteStore implements LedgerStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly lock: OwnerLock | undefined;
  private readonly cache = new AccountCache();
  private readonly reader: LedgerReader;
  /** Transfers looked up for the commit under way; cleared when it ends. */
  private prefetched: { readonly ids: ReadonlySet<bigint>; readonly found: ReadonlyMap<bigint, Transfer> } | undefined;

  constructor(private readonly options: SqliteStoreOptions) {
    this.location = options.directory;
    const path = join(options.directory, sqliteFileName);
    if (options.readOnly) {
      this.db = new Database(path, { readonly: true, fileMustExist: true });
      this.db.pragma('busy_timeout = 5000');
    } else {
      mkdirSync(options.directory, { recursive: true });
      this.lock = acquireOwnerLock(options.directory);
      try {
        this.db = new Database(path);
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = FULL');
        this.db.pragma('busy_timeout = 5000');
        this.db.pragma('cache_size = -262144');
        this.db.pragma('wal_autocheckpoint = 10000');
      } catch (error) {
        this.lock.release();
        throw error;
      }
    }
    migrateSqlite(this.db, options.readOnly === true);
    this.statements = prepareStatements(this.db);
    this.reader = {
      account: (id) => this.readAccount(id),
      transfer: (id) => this.readTransfer(id),
      pending: (id) => this.readHold(id),
    };
  }

  commit(operations: readonly LedgerOperation[], now: bigint): Promise<CommitOutcome> {
    try {
      return Promise.resolve(this.commitNow(operations, now));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The synchronous commit: one IMMEDIATE transaction, then the account cache learns the result. */
  commitNow(operations: readonly LedgerOperation[], now: bigint): CommitOutcome {
    if (this.options.readOnly) throw new StoreReadOnlyError(`The store in ${this.location} was opened read-only.`);
    const s = this.statements;
    const run = this.db.transaction(() => {
      const state = s.ledgerState.get() as { last_timestamp: bigint; max_transfer_id: U128Value };
      const last = state.last_timestamp;
      const maxTransferId = decodeU128(state.max_transfer_id);
      const timestampFirst = now > last ? now : last + 1n;
      const dueHoldIds = (s.dueHolds.all(timestampFirst, expiryBatchMax) as U128Value[]).map(decodeU128);
      this.prefetchTransfers(directReferences(operations, dueHoldIds).transferIds, maxTransferId);
      const output = executeCommit(this.reader, { operations, timestampFirst, dueHoldIds }, this.options);
      const heads = this.write(output.plan);
      const lastTimestamp = output.plan.lastTimestamp > last ? output.plan.lastTimestamp : last;
      s.setLedgerState.run(lastTimestamp, encodeU128(maxTransferIdAfter(output.plan, maxTransferId)));
      return { output, heads, lastTimestamp };
    });
    // If the transaction fails, the cache is untouched: rows read into it are still the committed state.
    let committed: ReturnType<typeof run>;
    try {
      committed = run.immediate();
    } finally {
      this.prefetched = undefined;
    }
    this.cache.apply(committed.output.plan, committed.heads);
    return { results: committed.output.results, expired: committed.output.expired, lastTimestamp: committed.lastTimestamp };
  }

  /** Writes a commit's plan; returns the new chain heads of the accounts its transfers touched. */
  private write(plan: CommitPlan): Map<bigint, bigint> {
    const s = this.statements;
    const created = new Set(plan.accountsCreated.map((account) => account.id));
    const { chained, heads } = chainTransfers(plan.transfersCreated, (id) => (created.has(id) ? 0n : this.headOf(id)));
    for (const account of plan.accountsCreated) {
      s.insertAccount.run(
        encodeU128(account.id), account.ledger, account.code, account.flags, encodeU128(account.userData128),
        toSigned64(account.userData64), account.userData32, encodeU128(account.debitsPending), encodeU128(account.debitsPosted),
        encodeU128(account.creditsPending), encodeU128(account.creditsPosted), account.timestamp, heads.get(account.id) ?? 0n,
      );
    }
    for (const row of chained) this.insertTransfer(row);
    const updated = new Map<bigint, Account>();
    for (const account of plan.accountsUpdated) updated.set(account.id, account);
    for (const id of heads.keys()) {
      if (!created.has(id) && !updated.has(id)) updated.set(id, this.readAccount(id)!);
    }
    for (const account of updated.values()) {
      s.updateAccount.run(
        account.flags, encodeU128(account.debitsPending), encodeU128(account.debitsPosted), encodeU128(account.creditsPending),
        encodeU128(account.creditsPosted), heads.get(account.id) ?? this.headOf(account.id), encodeU128(account.id),
      );
    }
    for (const [id, hold] of plan.pendingChanges) {
      s.upsertHold.run(encodeU128(id), encodeHoldStatus(hold.status), hold.expiresAt, hold.resolvedAt);
    }
    for (const balance of plan.balances) {
      s.insertBalance.run(
        encodeU128(balance.accountId), balance.timestamp, encodeU128(balance.debitsPending), encodeU128(balance.debitsPosted),
        encodeU128(balance.creditsPending), encodeU128(balance.creditsPosted),
      );
    }
    return heads;
  }

  private insertTransfer({ transfer: t, debitPrevious, creditPrevious }: ChainedTransfer): void {
    this.statements.insertTransfer.run(
      t.timestamp, encodeU128(t.id), encodeU128(t.debitAccountId), encodeU128(t.creditAccountId), encodeU128(t.amount),
      encodeU128(t.pendingId), encodeU128(t.userData128), toSigned64(t.userData64), t.userData32, t.timeout, t.ledger, t.code,
      t.flags, debitPrevious, creditPrevious,
    );
  }

  private readAccount(id: bigint): Account | undefined {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached.account;
    const row = this.statements.account.get(encodeU128(id)) as AccountRow | undefined;
    if (row === undefined) return undefined;
    const account = decodeAccount(row);
    if (!this.options.readOnly) this.cache.set(account, row.last_transfer_timestamp);
    return account;
  }

  private headOf(id: bigint): bigint {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached.head;
    return (this.statements.accountHead.get(encodeU128(id)) as bigint | undefined) ?? 0n;
  }

  /**
   * Reads, in one query, the stored transfers among the ids a commit names (usually none), so
   * that the engine's many lookups of new ids cost a map lookup each, not a query each.
   */
  private prefetchTransfers(ids: ReadonlySet<bigint>, maxTransferId: bigint): void {
    const found = new Map<bigint, Transfer>();
    const { lookUp } = splitByMaxId(ids, maxTransferId);
    const rows = lookUp.length === 0 ? [] : (this.statements.transfersIn.all(u128JsonArray(lookUp)) as TransferRow[]);
    for (const row of rows) {
      const transfer = decodeTransfer(row);
      found.set(transfer.id, transfer);
    }
    this.prefetched = { ids, found };
  }

  private readTransfer(id: bigint): Transfer | undefined {
    if (this.prefetched?.ids.has(id)) return this.prefetched.found.get(id);
    const row = this.statements.transfer.get(encodeU128(id)) as TransferRow | undefined;
    return row === undefined ? undefined : decodeTransfer(row);
  }

  private readHold(id: bigint): PendingState | undefined {
    const row = this.statements.hold.get(encodeU128(id)) as HoldRow | undefined;
    return row === undefined ? undefined : decodeHold(row);
  }

  async lookupAccounts(ids: readonly bigint[]): Promise<Account[]> {
    return ids.map((id) => this.statements.account.get(encodeU128(id)) as AccountRow | undefined).filter((row) => row !== undefined).map(decodeAccount);
  }

  async lookupTransfers(ids: readonly bigint[]): Promise<Transfer[]> {
    return ids.map((id) => this.readTransfer(id)).filter((transfer) => transfer !== undefined);
  }

  async lookupHolds(ids: readonly bigint[]): Promise<Map<bigint, PendingState>> {
    const holds = new Map<bigint, PendingState>();
    for (const id of ids) {
      const hold = this.readHold(id);
      if (hold !== undefined) holds.set(id, hold);
    }
    return holds;
  }

  async getAccountTransfers(filter: AccountFilter): Promise<Transfer[]> {
    const head = (this.statements.accountHead.get(encodeU128(filter.accountId)) as bigint | undefined) ?? 0n;
    return listAccountTransfers(filter, head, (accountId, timestamp, count) => {
      const rows: ChainedTransfer[] = [];
      let next = timestamp;
      while (next !== 0n && rows.length < count) {
        const row = this.statements.transferAt.get(next) as TransferRow | undefined;
        if (row === undefined) break;
        const chained = decodeChained(row);
        rows.push(chained);
        next = chained.transfer.debitAccountId === accountId ? chained.debitPrevious : chained.creditPrevious;
      }
      return rows;
    });
  }

  async getAccountBalances(filter: AccountFilter): Promise<AccountBalance[]> {
    const statement = filter.reversed ? this.statements.balancesDescending : this.statements.balancesAscending;
    const rows = statement.all(encodeU128(filter.accountId), clampTimestamp(filter.timestampMin), clampTimestamp(filter.timestampMax), filter.limit) as BalanceRow[];
    return rows.map(decodeBalance);
  }

  async audit(): Promise<AuditReport> {
    const read = this.db.transaction(() => {
      const auditor = new LedgerAuditor();
      for (const row of this.statements.allAccounts.iterate() as Iterable<AccountRow>) auditor.addAccount(decodeAccount(row));
      for (const row of this.statements.allTransfers.iterate() as Iterable<TransferRow & { hold_status: bigint | null }>) {
        auditor.addTransfer(decodeTransfer(row), row.hold_status === null ? undefined : holdStatuses[Number(row.hold_status)]);
      }
      return auditor.report();
    });
    return read.deferred();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
    this.lock?.release();
  }
}
