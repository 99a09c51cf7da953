// The store port: what the ledger needs from a database. SQLite and PostgreSQL implement it with
// mirrored files, and one contract suite (contract/) runs against both.

import type {
  Account,
  AccountBalance,
  AccountFilter,
  AuditReport,
  LedgerOperation,
  OperationResults,
  PendingState,
  Transfer,
} from '../ledger/index.js';

export type StoreKind = 'sqlite' | 'postgres';

/** The accounts of one code on one ledger, counted, with their balances summed. */
export interface AccountTotals {
  readonly ledger: number;
  readonly code: number;
  readonly accounts: number;
  readonly debitsPending: bigint;
  readonly debitsPosted: bigint;
  readonly creditsPending: bigint;
  readonly creditsPosted: bigint;
}

export interface CommitOutcome {
  readonly results: readonly OperationResults[];
  /** Holds that expired in this commit. */
  readonly expired: number;
  /** The last ledger timestamp this commit used. */
  readonly lastTimestamp: bigint;
}

export interface LedgerStore {
  readonly kind: StoreKind;
  /** Where the data lives, for messages (a folder or a database URL without its password). */
  readonly location: string;
  /**
   * Commits the store accepts before earlier ones are durable. Each commit's engine work sees the
   * effects of those before it; results are answered only once a commit is on disk.
   */
  readonly commitsInFlightMax: number;
  /**
   * Runs the operations in one durable database transaction: expires due holds, executes every
   * operation through the ledger engine, and writes the changes. When it resolves, the changes
   * have reached disk; when it rejects, nothing was written.
   */
  commit(operations: readonly LedgerOperation[], now: bigint): Promise<CommitOutcome>;
  lookupAccounts(ids: readonly bigint[]): Promise<Account[]>;
  lookupTransfers(ids: readonly bigint[]): Promise<Transfer[]>;
  lookupHolds(ids: readonly bigint[]): Promise<Map<bigint, PendingState>>;
  /** An account's transfers in timestamp order (newest first when `reversed`). */
  getAccountTransfers(filter: AccountFilter): Promise<Transfer[]>;
  /** Balances after each transfer of an account with the `history` flag. */
  getAccountBalances(filter: AccountFilter): Promise<AccountBalance[]>;
  /** Checks every invariant over one consistent snapshot of the whole ledger. */
  audit(options?: AuditOptions): Promise<AuditReport>;
  /** Accounts counted and their balances summed per ledger and code, over one snapshot, ordered by ledger and code. */
  accountTotals(): Promise<AccountTotals[]>;
  close(): Promise<void>;
}

export interface AuditOptions {
  /**
   * Keep the check off the calling thread as far as the store can: SQLite runs it on a thread of
   * its own with a read-only connection; PostgreSQL's reads are asynchronous pages anyway. A server
   * asks for this, so that its requests are not held up while a large ledger is read.
   */
  readonly apart?: boolean;
}

/** Raised when a SQLite store is already owned by another process (or another handle here). */
export class StoreLockedError extends Error {
  readonly code = 'store_locked';
}

/** Raised for a write to a store that was opened read-only. */
export class StoreReadOnlyError extends Error {
  readonly code = 'store_read_only';
}

/** A commit the database could not write; it was rolled back and nothing of it remains. */
export class CommitFailedError extends Error {
  readonly code = 'commit_failed';
}

/** A commit that was not written because an earlier commit it was computed on failed. */
export class DependentCommitError extends Error {
  readonly code = 'commit_dropped';
}
