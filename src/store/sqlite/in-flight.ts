// The transfers and holds of commits that the engine has run but the writer has not yet made
// durable: the next commit's engine reads through them, newest first. A commit's record is dropped
// when it is acknowledged, and all of them when a commit fails. (Accounts in flight live in the
// committer's map of current accounts.)

import type { CommitPlan, PendingState, Transfer } from '../../ledger/index.js';

interface CommitRecord {
  readonly sequence: number;
  readonly transfers: CommitPlan['transfersById'];
  readonly holds: ReadonlyMap<bigint, PendingState>;
}

export class InFlight {
  /** Oldest first; at most the store's commits in flight, so a lookup tries a few maps. */
  private records: CommitRecord[] = [];

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

  add(sequence: number, plan: CommitPlan): void {
    this.records.push({ sequence, transfers: plan.transfersById, holds: plan.pendingChanges });
  }

  /** Forgets commit `sequence`: it is durable now. */
  release(sequence: number): void {
    this.records = this.records.filter((record) => record.sequence !== sequence);
  }

  clear(): void {
    this.records = [];
  }
}
