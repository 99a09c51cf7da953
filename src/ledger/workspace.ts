// The engine's scratch state for one commit: copies of the accounts it touches, the transfers and
// holds it creates, and an undo log so that a failed linked chain leaves no trace.

import { hasFlag, AccountFlags } from './flags.js';
import type { Account, AccountBalance, PendingState, Transfer } from './types.js';

/** What the engine reads: committed state, looked up synchronously (the store prefetches it). */
export interface LedgerReader {
  account(id: bigint): Account | undefined;
  transfer(id: bigint): Transfer | undefined;
  pending(id: bigint): PendingState | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type MutableAccount = Mutable<Account>;

/** The changes one commit makes, for the store to write in one database transaction. */
export interface CommitPlan {
  /** Accounts created by this commit, in timestamp order, with their final balances. */
  readonly accountsCreated: readonly Account[];
  /**
   * Accounts that existed before and that this commit touched (balances or the closed flag), with
   * their final state. An account changed and then restored by a failed chain may be listed too;
   * writing it again is harmless.
   */
  readonly accountsUpdated: readonly Account[];
  /**
   * For each account of `accountsUpdated`, which answer of the reader's `account()` it was copied
   * from: 0 for the first account the reader returned in this commit, and so on. A store can then
   * find what it keeps beside each account without looking its id up again.
   */
  readonly accountsUpdatedReads: readonly number[];
  /** Transfers created, in timestamp order. */
  readonly transfersCreated: readonly Transfer[];
  /**
   * The debit and then the credit account of each created transfer (two per transfer, in the same
   * order), as listed in `accountsCreated` or `accountsUpdated`: the same objects, so that a store
   * can follow a transfer to its accounts without looking their ids up again.
   */
  readonly transferAccounts: readonly Account[];
  /** The same transfers by id. */
  readonly transfersById: ReadonlyMap<bigint, Transfer>;
  /** Holds created or resolved by this commit, with their final state. */
  readonly pendingChanges: ReadonlyMap<bigint, PendingState>;
  /** Balance snapshots of `history` accounts, in timestamp order. */
  readonly balances: readonly AccountBalance[];
  /** The last timestamp this commit used (the next commit starts after it). */
  readonly lastTimestamp: bigint;
}

export class Workspace implements LedgerReader {
  private readonly accounts = new Map<bigint, MutableAccount>();
  /** The copies of the accounts this commit created (by object: cheaper to test than by u128 id). */
  private readonly createdAccountCopies = new Set<MutableAccount>();
  /** Stored accounts whose balances or flags this commit changed (possibly back again, in a failed chain). */
  private readonly changedAccounts = new Set<MutableAccount>();
  /** The copies of stored accounts, in the order the reader returned them. */
  private readonly readCopies: MutableAccount[] = [];
  private readonly createdAccounts: Account[] = [];
  private readonly transfers = new Map<bigint, Transfer>();
  private readonly createdTransfers: Transfer[] = [];
  private readonly createdTransferAccounts: Account[] = [];
  /** No transfer created by this commit has a higher id, so a higher id is not looked up in `transfers`. */
  private createdTransferIdMax = -1n;
  private readonly pendingStates = new Map<bigint, PendingState>();
  private readonly balanceSnapshots: AccountBalance[] = [];
  private undoLog: (() => void)[] | undefined;
  private timestampNext: bigint;

  constructor(
    private readonly reader: LedgerReader,
    timestampFirst: bigint,
  ) {
    this.timestampNext = timestampFirst;
  }

  /** A fresh, unique timestamp for the next event. */
  tick(): bigint {
    return this.timestampNext++;
  }

  /** Reserves `count` consecutive timestamps and returns the first. */
  reserve(count: number): bigint {
    const first = this.timestampNext;
    this.timestampNext += BigInt(count);
    return first;
  }

  get lastTimestamp(): bigint {
    return this.timestampNext - 1n;
  }

  account(id: bigint): MutableAccount | undefined {
    const touched = this.accounts.get(id);
    if (touched !== undefined) return touched;
    const stored = this.reader.account(id);
    if (stored === undefined) return undefined;
    const copy: MutableAccount = {
      id: stored.id,
      ledger: stored.ledger,
      code: stored.code,
      flags: stored.flags,
      userData128: stored.userData128,
      userData64: stored.userData64,
      userData32: stored.userData32,
      debitsPending: stored.debitsPending,
      debitsPosted: stored.debitsPosted,
      creditsPending: stored.creditsPending,
      creditsPosted: stored.creditsPosted,
      timestamp: stored.timestamp,
    };
    this.accounts.set(id, copy);
    this.readCopies.push(copy);
    return copy;
  }

  transfer(id: bigint): Transfer | undefined {
    if (id > this.createdTransferIdMax) return this.reader.transfer(id);
    return this.transfers.get(id) ?? this.reader.transfer(id);
  }

  pending(id: bigint): PendingState | undefined {
    return this.pendingStates.get(id) ?? this.reader.pending(id);
  }

  /** Starts recording undo steps: everything until `endChain` can be rolled back. */
  beginChain(): void {
    this.undoLog = [];
  }

  /** Ends the chain, keeping its changes, or rolling them back in reverse order. */
  endChain(commit: boolean): void {
    const log = this.undoLog;
    this.undoLog = undefined;
    if (!commit && log !== undefined) for (let i = log.length - 1; i >= 0; i--) log[i]!();
  }

  insertAccount(account: Account): void {
    const copy: MutableAccount = { ...account };
    this.accounts.set(account.id, copy);
    this.createdAccountCopies.add(copy);
    this.createdAccounts.push(copy);
    this.undoLog?.push(() => {
      this.accounts.delete(account.id);
      this.createdAccountCopies.delete(copy);
      this.createdAccounts.pop();
    });
  }

  /** Records a new transfer; `debit` and `credit` are the workspace's accounts it moves money on. */
  insertTransfer(transfer: Transfer, debit: MutableAccount, credit: MutableAccount): void {
    this.transfers.set(transfer.id, transfer);
    if (transfer.id > this.createdTransferIdMax) this.createdTransferIdMax = transfer.id;
    this.createdTransfers.push(transfer);
    this.createdTransferAccounts.push(debit, credit);
    this.undoLog?.push(() => {
      this.transfers.delete(transfer.id);
      this.createdTransfers.pop();
      this.createdTransferAccounts.length -= 2;
    });
  }

  setPending(id: bigint, state: PendingState): void {
    const before = this.pendingStates.get(id);
    this.pendingStates.set(id, state);
    this.undoLog?.push(() => {
      if (before === undefined) this.pendingStates.delete(id);
      else this.pendingStates.set(id, before);
    });
  }

  /** Changes an account's balances by the given deltas, then snapshots it if it keeps history. */
  adjust(account: MutableAccount, timestamp: bigint, debitsPending: bigint, debitsPosted: bigint, creditsPending: bigint, creditsPosted: bigint): void {
    if (this.undoLog !== undefined) {
      const before = { ...account };
      const snapshotsBefore = this.balanceSnapshots.length;
      this.undoLog.push(() => {
        Object.assign(account, before);
        this.balanceSnapshots.length = snapshotsBefore;
      });
    }
    if (debitsPending !== 0n) account.debitsPending += debitsPending;
    if (debitsPosted !== 0n) account.debitsPosted += debitsPosted;
    if (creditsPending !== 0n) account.creditsPending += creditsPending;
    if (creditsPosted !== 0n) account.creditsPosted += creditsPosted;
    this.changedAccounts.add(account);
    if (hasFlag(account.flags, AccountFlags.history)) {
      this.balanceSnapshots.push({
        accountId: account.id,
        timestamp,
        debitsPending: account.debitsPending,
        debitsPosted: account.debitsPosted,
        creditsPending: account.creditsPending,
        creditsPosted: account.creditsPosted,
      });
    }
  }

  /** Sets or clears the closed flag of an account. */
  setClosed(account: MutableAccount, closed: boolean): void {
    const flagsBefore = account.flags;
    account.flags = closed ? account.flags | AccountFlags.closed : account.flags & ~AccountFlags.closed;
    this.changedAccounts.add(account);
    this.undoLog?.push(() => {
      account.flags = flagsBefore;
    });
  }

  /** The changes of this commit, for the store. */
  plan(): CommitPlan {
    const accountsUpdated: Account[] = [];
    const accountsUpdatedReads: number[] = [];
    const copies = this.readCopies;
    for (let index = 0; index < copies.length; index++) {
      if (!this.changedAccounts.has(copies[index]!)) continue;
      accountsUpdated.push(copies[index]!);
      accountsUpdatedReads.push(index);
    }
    return {
      accountsCreated: this.createdAccounts,
      accountsUpdated,
      accountsUpdatedReads,
      transfersCreated: this.createdTransfers,
      transferAccounts: this.createdTransferAccounts,
      transfersById: this.transfers,
      pendingChanges: this.pendingStates,
      balances: this.balanceSnapshots,
      lastTimestamp: this.lastTimestamp,
    };
  }
}
