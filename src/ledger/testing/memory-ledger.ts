// A tiny in-memory committed store for tests: runs executeCommit and applies its plan to Maps.

import { LedgerAuditor, type AuditReport } from '../auditor.js';
import type { EngineOptions } from '../create-accounts.js';
import { executeCommit, type CommitOutput, type LedgerOperation } from '../execute-commit.js';
import { TransferFlags } from '../flags.js';
import { expiryBatchMax } from '../limits.js';
import type { Account, AccountBalance, PendingState, Transfer } from '../types.js';
import type { LedgerReader } from '../workspace.js';

/** A copy of everything a ledger holds, for before/after comparisons. */
export interface LedgerState {
  readonly accounts: ReadonlyMap<bigint, Account>;
  readonly transfers: ReadonlyMap<bigint, Transfer>;
  readonly holds: ReadonlyMap<bigint, PendingState>;
  readonly history: readonly AccountBalance[];
}

export class MemoryLedger implements LedgerReader {
  readonly accounts = new Map<bigint, Account>();
  readonly transfers = new Map<bigint, Transfer>();
  readonly holds = new Map<bigint, PendingState>();
  /** Every balance snapshot of `history` accounts, in commit order. */
  readonly history: AccountBalance[] = [];
  /** The last timestamp any commit used; 0n before the first. */
  lastTimestamp = 0n;

  constructor(readonly options: EngineOptions = {}) {}

  account(id: bigint): Account | undefined {
    return this.accounts.get(id);
  }

  transfer(id: bigint): Transfer | undefined {
    return this.transfers.get(id);
  }

  pending(id: bigint): PendingState | undefined {
    return this.holds.get(id);
  }

  /** Holds still pending whose expiry is at or before `timestamp`, soonest first (then oldest). */
  dueHoldIds(timestamp: bigint): bigint[] {
    const due: { id: bigint; expiresAt: bigint; created: bigint }[] = [];
    for (const [id, state] of this.holds) {
      if (state.status !== 'pending' || state.expiresAt === 0n || state.expiresAt > timestamp) continue;
      due.push({ id, expiresAt: state.expiresAt, created: this.transfers.get(id)?.timestamp ?? 0n });
    }
    due.sort((a, b) => compare(a.expiresAt, b.expiresAt) || compare(a.created, b.created));
    return due.slice(0, expiryBatchMax).map((hold) => hold.id);
  }

  /**
   * Runs one commit whose first timestamp is `timestamp` (by default, one after the last commit's)
   * and stores its plan. Expires the holds due by then first.
   */
  commit(operations: readonly LedgerOperation[], timestamp?: bigint): CommitOutput {
    const timestampFirst = timestamp ?? this.lastTimestamp + 1n;
    if (timestampFirst <= this.lastTimestamp) {
      throw new Error(`memory ledger: commit at ${timestampFirst} is not after ${this.lastTimestamp}`);
    }
    const output = executeCommit(this, { operations, timestampFirst, dueHoldIds: this.dueHoldIds(timestampFirst) }, this.options);
    this.apply(output);
    return output;
  }

  /** Stores the plan of a commit that was executed against this ledger. */
  apply(output: CommitOutput): void {
    const plan = output.plan;
    for (const account of plan.accountsCreated) {
      if (this.accounts.has(account.id)) throw new Error(`memory ledger: account ${account.id} created twice`);
      this.accounts.set(account.id, { ...account });
    }
    for (const account of plan.accountsUpdated) {
      if (!this.accounts.has(account.id)) throw new Error(`memory ledger: unknown account ${account.id} updated`);
      this.accounts.set(account.id, { ...account });
    }
    for (const transfer of plan.transfersCreated) {
      if (this.transfers.has(transfer.id)) throw new Error(`memory ledger: transfer ${transfer.id} created twice`);
      this.transfers.set(transfer.id, { ...transfer });
    }
    for (const [id, state] of plan.pendingChanges) this.holds.set(id, { ...state });
    this.history.push(...plan.balances.map((balance) => ({ ...balance })));
    if (plan.lastTimestamp > this.lastTimestamp) this.lastTimestamp = plan.lastTimestamp;
  }

  /** Runs the invariant check over everything stored. */
  audit(): AuditReport {
    const auditor = new LedgerAuditor();
    for (const account of this.accounts.values()) auditor.addAccount(account);
    const transfers = [...this.transfers.values()].sort((a, b) => compare(a.timestamp, b.timestamp));
    for (const transfer of transfers) {
      const isHold = (transfer.flags & TransferFlags.pending) !== 0;
      auditor.addTransfer(transfer, isHold ? this.holds.get(transfer.id)?.status : undefined);
    }
    return auditor.report();
  }

  /** A copy of the stored state. */
  state(): LedgerState {
    return {
      accounts: new Map([...this.accounts].map(([id, account]) => [id, { ...account }])),
      transfers: new Map([...this.transfers].map(([id, transfer]) => [id, { ...transfer }])),
      holds: new Map([...this.holds].map(([id, state]) => [id, { ...state }])),
      history: this.history.map((balance) => ({ ...balance })),
    };
  }
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
