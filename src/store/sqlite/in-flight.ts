// The effects of commits that the engine has run but the writer has not yet made durable: the next
// commit's engine reads through them, newest first. A commit's record is dropped when it is
// acknowledged (its state is then in the committed copy), and all of them when a commit fails.

import type { Account, CommitPlan, PendingState, Transfer } from '../../ledger/index.js';

export interface AccountState {
  readonly account: Account;
  readonly head: bigint;
}

interface CommitRecord {
  readonly sequence: number;
  readonly accounts: ReadonlyMap<bigint, AccountState>;
  readonly transfers: ReadonlyMap<bigint, Transfer>;
  readonly holds: ReadonlyMap<bigint, PendingState>;
}

export class InFlight {
  /** Oldest first; at most the store's commits in flight, so a lookup tries a few maps. */
  private records: CommitRecord[] = [];

  account(id: bigint): AccountState | undefined {
    for (let index = this.records.length - 1; index >= 0; index--) {
      const state = this.records[index]!.accounts.get(id);
      if (state !== undefined) return state;
    }
    return undefined;
  }

  transfer(id: bigint): Transfer | undefined {
    for (let index = this.records.length - 1; index >= 0; index--) {
      const transfer = this.records[index]!.transfers.get(id);
      if (transfer !== undefined) return transfer;
    }
    return undefined;
  }

  hold(id: bigint): PendingState | undefined {
    for (let index = this.records.length - 1; index >= 0; index--) {
      const hold = this.records[index]!.holds.get(id);
      if (hold !== undefined) return hold;
    }
    return undefined;
  }

  /** Records a commit's effects; `accounts` holds every account it created or changed, with its new head. */
  add(sequence: number, plan: CommitPlan, accounts: ReadonlyMap<bigint, AccountState>): void {
    this.records.push({ sequence, accounts, transfers: plan.transfersById, holds: plan.pendingChanges });
  }

  /** Forgets commit `sequence`: it is durable now. Commits are acknowledged in order. */
  release(sequence: number): void {
    this.records = this.records.filter((record) => record.sequence !== sequence);
  }

  clear(): void {
    this.records = [];
  }
}
