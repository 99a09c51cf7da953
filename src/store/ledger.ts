// The ledger service every product uses: it queues operations from concurrent callers and commits
// them together (group commit), so that many callers share one durable write, and gives each
// caller its own results.

import {
  batchEventsMax,
  type Account,
  type AccountBalance,
  type AccountFilter,
  type AccountInput,
  type AuditReport,
  type CreateAccountResult,
  type CreateTransferResult,
  type LedgerOperation,
  type OperationResults,
  type PendingState,
  type Transfer,
  type TransferInput,
} from '../ledger/index.js';
import type { Clock } from '../platform/clock.js';
import type { AccountTotals, AuditOptions, CommitOutcome, LedgerStore } from './store.js';

/** Events in one group commit at most; a larger queue is committed over several. */
export const commitEventsMax = batchEventsMax;

interface Queued {
  readonly operation: LedgerOperation;
  readonly resolve: (results: OperationResults) => void;
  readonly reject: (error: unknown) => void;
}

/** A caller whose operation is being committed. */
interface Waiting {
  readonly kind: LedgerOperation['kind'];
  readonly events: number;
  readonly resolve: (results: OperationResults) => void;
  readonly reject: (error: unknown) => void;
}

function waitingOf(item: Queued): Waiting {
  return { kind: item.operation.kind, events: item.operation.events.length, resolve: item.resolve, reject: item.reject };
}

/** What a listener learns of each commit. */
export interface CommitReport {
  readonly events: number;
  readonly transfersCreated: number;
}

export interface CommitStatistics {
  commits: number;
  operations: number;
  events: number;
}

export class Ledger {
  private queue: Queued[] = [];
  private scheduled = false;
  private commitsInFlight = 0;
  private drained: (() => void)[] = [];
  private closed = false;
  private readonly commitListeners: ((report: CommitReport) => void)[] = [];
  readonly statistics: CommitStatistics = { commits: 0, operations: 0, events: 0 };

  constructor(
    readonly store: LedgerStore,
    private readonly clock: Clock,
  ) {}

  createAccounts(events: readonly AccountInput[]): Promise<CreateAccountResult[]> {
    return this.enqueue({ kind: 'create_accounts', events }) as Promise<CreateAccountResult[]>;
  }

  createTransfers(events: readonly TransferInput[]): Promise<CreateTransferResult[]> {
    return this.enqueue({ kind: 'create_transfers', events }) as Promise<CreateTransferResult[]>;
  }

  /** A commit with no events: expires the holds that are due. */
  async expirePendingTransfers(): Promise<void> {
    await this.enqueue({ kind: 'create_transfers', events: [] });
  }

  lookupAccounts(ids: readonly bigint[]): Promise<Account[]> {
    return this.store.lookupAccounts(ids);
  }

  lookupTransfers(ids: readonly bigint[]): Promise<Transfer[]> {
    return this.store.lookupTransfers(ids);
  }

  lookupHolds(ids: readonly bigint[]): Promise<Map<bigint, PendingState>> {
    return this.store.lookupHolds(ids);
  }

  getAccountTransfers(filter: AccountFilter): Promise<Transfer[]> {
    return this.store.getAccountTransfers(filter);
  }

  getAccountBalances(filter: AccountFilter): Promise<AccountBalance[]> {
    return this.store.getAccountBalances(filter);
  }

  audit(options?: AuditOptions): Promise<AuditReport> {
    return this.store.audit(options);
  }

  accountTotals(): Promise<AccountTotals[]> {
    return this.store.accountTotals();
  }

  /** Calls `listener` after every durable commit (for metrics). */
  onCommit(listener: (report: CommitReport) => void): void {
    this.commitListeners.push(listener);
  }

  /** Commits what is queued, then closes the store. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.queue.length > 0 || this.commitsInFlight > 0) await new Promise<void>((done) => this.drained.push(done));
    await this.store.close();
  }

  private enqueue(operation: LedgerOperation): Promise<OperationResults> {
    if (this.closed) return Promise.reject(new Error('The ledger is closed.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ operation, resolve, reject });
      this.scheduleSoon();
    });
  }

  /** Commits on the next turn of the event loop, so that callers in this turn share the commit. */
  private scheduleSoon(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startCommits();
    });
  }

  /**
   * Starts commits while the store accepts more in flight (SQLite overlaps the next commit's
   * engine work with the previous commit's disk write; PostgreSQL takes one at a time).
   */
  private startCommits(): void {
    while (this.queue.length > 0 && this.commitsInFlight < this.store.commitsInFlightMax) {
      const queued = this.takeGroup();
      const operations = queued.map((item) => item.operation);
      // Only the callers and counts are kept while the commit is in flight, not the events, which
      // the store no longer needs once the engine has run: they can be collected young.
      const group = queued.map(waitingOf);
      this.commitsInFlight += 1;
      let outcome: Promise<CommitOutcome>;
      try {
        outcome = this.store.commit(operations, this.clock.nowNanoseconds());
      } catch (error) {
        outcome = Promise.reject(error);
      }
      outcome
        .then(
          (committed) => this.answer(group, committed),
          (error: unknown) => {
            for (const item of group) item.reject(error);
          },
        )
        .finally(() => {
          this.commitsInFlight -= 1;
          if (this.queue.length > 0) this.scheduleSoon();
          else if (this.commitsInFlight === 0) for (const done of this.drained.splice(0)) done();
        });
    }
  }

  private answer(group: readonly Waiting[], outcome: CommitOutcome): void {
    let events = 0;
    let transfersCreated = 0;
    for (let index = 0; index < group.length; index++) {
      const waiting = group[index]!;
      const results = outcome.results[index]!;
      events += waiting.events;
      if (waiting.kind === 'create_transfers') for (const result of results) if (result === 'ok') transfersCreated += 1;
      waiting.resolve(results);
    }
    this.statistics.commits += 1;
    this.statistics.operations += group.length;
    this.statistics.events += events;
    for (const listener of this.commitListeners) listener({ events, transfersCreated });
  }

  /** The longest prefix of the queue within commitEventsMax (at least one operation). */
  private takeGroup(): Queued[] {
    let events = 0;
    let count = 0;
    while (count < this.queue.length) {
      const size = this.queue[count]!.operation.events.length;
      if (count > 0 && events + size > commitEventsMax) break;
      events += size;
      count += 1;
    }
    return this.queue.splice(0, count);
  }
}
