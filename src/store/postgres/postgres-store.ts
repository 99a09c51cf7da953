// The server store: PostgreSQL through node-postgres. Several processes may write to one database.
// Every commit takes one transaction-scoped advisory lock, so commits run one at a time across all
// processes, as TigerBeetle's single-threaded state machine does: the engine sees a consistent
// state of every account it reads, no account can be overdrawn by a race, and timestamps rise in
// commit order. Throughput comes from committing many events per transaction (group commit).

import pg from 'pg';
import { openPool } from './pool.js';
import { postgresPoolSizeDefault } from '../../platform/config.js';
import {
  executeCommit,
  expiryBatchMax,
  LedgerAuditor,
  TransferFlags,
  type Account,
  type AccountBalance,
  type AccountFilter,
  type AuditReport,
  type EngineOptions,
  type LedgerOperation,
  type PendingState,
  type Transfer,
} from '../../ledger/index.js';
import { clampTimestamp, listAccountTransfers } from '../account-chain.js';
import { AccountCache } from './account-cache.js';
import { holdAccountIds, maxTransferIdAfter, referencedAccountIds, transferIdsToLookUp } from '../prefetch.js';
import { CommitFailedError, type AccountTotals, type CommitOutcome, type LedgerStore } from '../store.js';
import { arrayLiteral } from './array-literal.js';
import { decodeAccount, decodeBalance, decodeChained, decodeHold, decodeTransfer, holdStatuses } from './codec.js';
import type { AccountRow, BalanceRow, HoldRow, TransferRow } from './codec.js';
import { migratePostgres } from './migrate.js';
import { writePlan } from './write-plan.js';

// node-postgres would read bigint columns as strings anyway; say so, so that nobody turns them into numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

/** The advisory lock key that serializes ledger commits ('zhifu-ledger'). */
const commitLockKey = BigInt.asIntN(64, 0x7a686966_756c6564n).toString();
/** Rows read per query when auditing. */
const auditPageRows = 10_000;

export interface PostgresStoreOptions extends EngineOptions {
  readonly url: string;
  /** Connections in the pool. */
  readonly poolSize?: number;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const pool = openPool(options.url, options.poolSize ?? postgresPoolSizeDefault);
  const client = await pool.connect();
  try {
    await migratePostgres(client);
  } catch (error) {
    client.release();
    await pool.end();
    throw error;
  }
  client.release();
  return new PostgresStore(pool, options);
}

export class PostgresStore implements LedgerStore {
  readonly kind = 'postgres' as const;
  readonly location: string;
  /** Commits take the ledger lock one at a time anyway; overlapping them would only queue on it. */
  readonly commitsInFlightMax = 1;
  private readonly cache = new AccountCache();
  /** The ledger's last timestamp when the cache was last true; -1 before any commit. */
  private cacheValidAt = -1n;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresStoreOptions,
  ) {
    this.location = redactUrl(options.url);
  }

  async commit(operations: readonly LedgerOperation[], now: bigint): Promise<CommitOutcome> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [commitLockKey]);
      const state = await client.query<{ last_timestamp: string; max_transfer_id: string }>(
        'SELECT last_timestamp, max_transfer_id FROM ledger_state WHERE id = 1',
      );
      const last = BigInt(state.rows[0]!.last_timestamp);
      const maxTransferId = BigInt(state.rows[0]!.max_transfer_id);
      // The cached accounts are true only if no other process has committed since this one did.
      if (last !== this.cacheValidAt) this.cache.clear();
      const timestampFirst = now > last ? now : last + 1n;
      const due = await client.query<{ id: string }>(
        'SELECT id FROM holds WHERE status = 0 AND expires_at > 0 AND expires_at <= $1 ORDER BY expires_at LIMIT $2',
        [timestampFirst.toString(), expiryBatchMax],
      );
      const dueHoldIds = due.rows.map((row) => BigInt(row.id));
      const snapshot = await this.prefetch(client, operations, dueHoldIds, maxTransferId);
      const output = executeCommit(
        {
          account: (id) => snapshot.accounts.get(id),
          transfer: (id) => snapshot.transfers.get(id),
          pending: (id) => snapshot.holds.get(id),
        },
        { operations, timestampFirst, dueHoldIds },
        this.options,
      );
      const heads = await writePlan(client, output.plan, snapshot.heads);
      const lastTimestamp = output.plan.lastTimestamp > last ? output.plan.lastTimestamp : last;
      await client.query('UPDATE ledger_state SET last_timestamp = $1, max_transfer_id = $2 WHERE id = 1', [
        lastTimestamp.toString(),
        maxTransferIdAfter(output.plan, maxTransferId).toString(),
      ]);
      await client.query('COMMIT');
      for (const [id, account] of snapshot.accounts) this.cache.set(account, snapshot.heads.get(id) ?? 0n);
      this.cache.apply(output.plan, heads);
      this.cacheValidAt = lastTimestamp;
      return { results: output.results, expired: output.expired, lastTimestamp };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      throw new CommitFailedError(`The commit failed and was rolled back: ${message}`, { cause: error });
    } finally {
      client.release();
    }
  }

  /** Reads what the commit's events name that is not cached, in a few set-based queries. */
  private async prefetch(client: pg.PoolClient, operations: readonly LedgerOperation[], dueHoldIds: readonly bigint[], maxTransferId: bigint) {
    const lookUp = transferIdsToLookUp(operations, dueHoldIds, maxTransferId);
    const transfers = new Map<bigint, Transfer>();
    if (lookUp.length > 0) {
      const rows = await client.query<TransferRow>('SELECT * FROM transfers WHERE id = ANY($1::numeric[])', [arrayLiteral(lookUp)]);
      for (const row of rows.rows) transfers.set(BigInt(row.id), decodeTransfer(row));
    }
    const pendingIds = [...transfers.values()].filter((transfer) => transfer.flags & TransferFlags.pending).map((transfer) => transfer.id);
    const holds = new Map<bigint, PendingState>();
    if (pendingIds.length > 0) {
      const rows = await client.query<HoldRow>('SELECT * FROM holds WHERE id = ANY($1::numeric[])', [arrayLiteral(pendingIds)]);
      for (const row of rows.rows) holds.set(BigInt(row.id), decodeHold(row));
    }
    const accounts = new Map<bigint, Account>();
    const heads = new Map<bigint, bigint>();
    const missing: bigint[] = [];
    for (const id of new Set([...referencedAccountIds(operations), ...holdAccountIds(transfers.values())])) {
      const cached = this.cache.get(id);
      if (cached === undefined) missing.push(id);
      else {
        accounts.set(id, cached.account);
        heads.set(id, cached.head);
      }
    }
    if (missing.length > 0) {
      const rows = await client.query<AccountRow>('SELECT * FROM accounts WHERE id = ANY($1::numeric[])', [arrayLiteral(missing)]);
      for (const row of rows.rows) {
        const account = decodeAccount(row);
        accounts.set(account.id, account);
        heads.set(account.id, BigInt(row.last_transfer_timestamp));
      }
    }
    return { transfers, holds, accounts, heads };
  }

  async lookupAccounts(ids: readonly bigint[]): Promise<Account[]> {
    const result = await this.pool.query<AccountRow>('SELECT * FROM accounts WHERE id = ANY($1::numeric[])', [ids.map(String)]);
    const byId = new Map(result.rows.map((row) => [BigInt(row.id), decodeAccount(row)]));
    return ids.map((id) => byId.get(id)).filter((account) => account !== undefined);
  }

  async lookupTransfers(ids: readonly bigint[]): Promise<Transfer[]> {
    const result = await this.pool.query<TransferRow>('SELECT * FROM transfers WHERE id = ANY($1::numeric[])', [ids.map(String)]);
    const byId = new Map(result.rows.map((row) => [BigInt(row.id), decodeTransfer(row)]));
    return ids.map((id) => byId.get(id)).filter((transfer) => transfer !== undefined);
  }

  async lookupHolds(ids: readonly bigint[]): Promise<Map<bigint, PendingState>> {
    const result = await this.pool.query<HoldRow>('SELECT * FROM holds WHERE id = ANY($1::numeric[])', [ids.map(String)]);
    return new Map(result.rows.map((row) => [BigInt(row.id), decodeHold(row)]));
  }

  async getAccountTransfers(filter: AccountFilter): Promise<Transfer[]> {
    const head = await this.pool.query<{ last_transfer_timestamp: string }>('SELECT last_transfer_timestamp FROM accounts WHERE id = $1', [
      filter.accountId.toString(),
    ]);
    const start = BigInt(head.rows[0]?.last_transfer_timestamp ?? '0');
    return listAccountTransfers(filter, start, async (accountId, timestamp, count) => {
      // Follows the chain in the database: one round trip per chunk, not per transfer.
      const result = await this.pool.query<TransferRow>(
        `WITH RECURSIVE chain AS (
           SELECT t.*, 1 AS position FROM transfers t WHERE t.timestamp = $2
           UNION ALL
           SELECT t.*, chain.position + 1 FROM chain
             JOIN transfers t ON t.timestamp = CASE WHEN chain.debit_account_id = $1 THEN chain.debit_previous ELSE chain.credit_previous END
           WHERE chain.position < $3
         )
         SELECT * FROM chain ORDER BY position`,
        [accountId.toString(), timestamp.toString(), count],
      );
      return result.rows.map(decodeChained);
    });
  }

  async getAccountBalances(filter: AccountFilter): Promise<AccountBalance[]> {
    const result = await this.pool.query<BalanceRow>(
      `SELECT * FROM account_balances WHERE account_id = $1 AND timestamp >= $2 AND timestamp <= $3
       ORDER BY timestamp ${filter.reversed ? 'DESC' : 'ASC'} LIMIT $4`,
      [filter.accountId.toString(), clampTimestamp(filter.timestampMin).toString(), clampTimestamp(filter.timestampMax).toString(), filter.limit],
    );
    return result.rows.map(decodeBalance);
  }

  /** Reads the whole ledger in one REPEATABLE READ snapshot, page by page (asynchronous reads: the caller's thread is free between pages, so `apart` changes nothing here). */
  async audit(): Promise<AuditReport> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const auditor = new LedgerAuditor();
      let after = '-1';
      for (;;) {
        const page = await client.query<AccountRow>('SELECT * FROM accounts WHERE timestamp > $1 ORDER BY timestamp LIMIT $2', [after, auditPageRows]);
        for (const row of page.rows) auditor.addAccount(decodeAccount(row));
        if (page.rows.length < auditPageRows) break;
        after = page.rows[page.rows.length - 1]!.timestamp;
      }
      after = '-1';
      for (;;) {
        const page = await client.query<TransferRow & { hold_status: number | null }>(
          `SELECT t.*, h.status AS hold_status FROM transfers t LEFT JOIN holds h ON (t.flags & 2) != 0 AND h.id = t.id
           WHERE t.timestamp > $1 ORDER BY t.timestamp LIMIT $2`,
          [after, auditPageRows],
        );
        for (const row of page.rows) {
          auditor.addTransfer(decodeTransfer(row), row.hold_status === null ? undefined : holdStatuses[row.hold_status]);
        }
        if (page.rows.length < auditPageRows) break;
        after = page.rows[page.rows.length - 1]!.timestamp;
      }
      await client.query('COMMIT');
      return auditor.report();
    } finally {
      client.release();
    }
  }

  /** One aggregate query (one snapshot); numeric sums are exact. */
  async accountTotals(): Promise<AccountTotals[]> {
    const result = await this.pool.query<{ ledger: string; code: number; accounts: string; debits_pending: string; debits_posted: string; credits_pending: string; credits_posted: string }>(
      `SELECT ledger, code, count(*) AS accounts, sum(debits_pending) AS debits_pending, sum(debits_posted) AS debits_posted,
         sum(credits_pending) AS credits_pending, sum(credits_posted) AS credits_posted
       FROM accounts GROUP BY ledger, code ORDER BY ledger, code`,
    );
    return result.rows.map((row) => ({
      ledger: Number(row.ledger),
      code: row.code,
      accounts: Number(row.accounts),
      debitsPending: BigInt(row.debits_pending),
      debitsPosted: BigInt(row.debits_posted),
      creditsPending: BigInt(row.credits_pending),
      creditsPosted: BigInt(row.credits_posted),
    }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A database URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparsable URL)';
  }
}
