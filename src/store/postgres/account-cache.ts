// A PostgreSQL writer's in-memory copy of the accounts it has read and written, with each
// account's chain head, so that the engine reads them without a query. It is updated after each
// commit and bounded in size; the store trusts it only while no other process has committed.

import type { Account, CommitPlan } from '../../ledger/index.js';

/** Accounts kept in memory at most; beyond that the oldest entries are dropped and re-read when needed. */
export const accountCacheEntriesMax = 1_000_000;

export interface CachedAccount {
  readonly account: Account;
  readonly head: bigint;
}

export class AccountCache {
  private readonly entries = new Map<bigint, CachedAccount>();

  clear(): void {
    this.entries.clear();
  }

  get(id: bigint): CachedAccount | undefined {
    return this.entries.get(id);
  }

  set(account: Account, head: bigint): void {
    if (this.entries.size >= accountCacheEntriesMax && !this.entries.has(account.id)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(account.id, { account, head });
  }

  /** Learns the state a commit wrote. */
  apply(plan: CommitPlan, heads: ReadonlyMap<bigint, bigint>): void {
    for (const account of plan.accountsCreated) this.set(account, heads.get(account.id) ?? 0n);
    for (const account of plan.accountsUpdated) this.set(account, heads.get(account.id) ?? this.entries.get(account.id)?.head ?? 0n);
    for (const [id, head] of heads) {
      const entry = this.entries.get(id);
      if (entry !== undefined && entry.head !== head) this.entries.set(id, { account: entry.account, head });
    }
  }
}
