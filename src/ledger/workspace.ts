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
  /**
   * Every account the commit touched has a slot, a small number below `slotCount`; these are the
   * slots of `accountsCreated` and of `accountsUpdated`, in the same order. A store can then keep
   * what it needs per account in arrays indexed by slot, rather than in maps keyed by u128 id.
   */
  readonly accountsCreatedSlots: readonly number[];
  readonly accountsUpdatedSlots: readonly number[];
  readonly slotCount: number;
  /** Transfers created, in timestamp order. */
  readonly transfersCreated: readonly Transfer[];
  /**
   * The slots of the debit and then the credit account of each created transfer (two per
   * transfer, in the same order), so that a store can follow a transfer to its accounts without
   * looking their ids up again.
   */
  readonly transferSlots: ArrayLike<number>;
  /** The same transfers by id. */
  readonly transfersById: { get(id: bigint): Transfer | undefined };
  /** Holds created or resolved by this commit, with their final state. */
  readonly pendingChanges: ReadonlyMap<bigint, PendingState>;
  /** Balance snapshots of `history` accounts, in timestamp order. */
  readonly balances: readonly AccountBalance[];
  /** The last timestamp this commit used (the next commit starts after it). */
  readonly lastTimestamp: bigint;
}

/**
 * The transfers a commit created, in timestamp order, found by id through an index that is built
 * only when a lookup first needs it: most commits never ask (ids that count up are above them all).
 */
class CreatedTransfers {
  /** The transfers in their first `count` places; sized once for the commit's events, so that it never grows. */
  private list: Transfer[];
  private count = 0;
  /** The transfers' slots: the debit and then the credit account of each, two per transfer. */
  private slotPairs: Int32Array;
  private index: Map<bigint, Transfer> | undefined;
  /** The first `indexed` transfers of the list are in the index. */
  private indexed = 0;
  /** No transfer here has a higher id (not lowered when one is removed: it only saves lookups). */
  private idMax = -1n;

  constructor(capacity: number) {
    this.list = new Array<Transfer>(capacity);
    this.slotPairs = new Int32Array(2 * capacity);
  }

  push(transfer: Transfer, debit: number, credit: number): void {
    if (transfer.id > this.idMax) this.idMax = transfer.id;
    if (this.count === this.list.length) this.grow();
    this.list[this.count] = transfer;
    this.slotPairs[2 * this.count] = debit;
    this.slotPairs[2 * this.count + 1] = credit;
    this.count += 1;
  }

  /** Removes the last transfer (a failed chain's undo). */
  pop(): void {
    this.count -= 1;
    const transfer = this.list[this.count]!;
    this.list[this.count] = undefined as unknown as Transfer;
    if (this.indexed > this.count) {
      this.index?.delete(transfer.id);
      this.indexed -= 1;
    }
  }

  get(id: bigint): Transfer | undefined {
    if (id > this.idMax) return undefined;
    const list = this.list;
    const index = (this.index ??= new Map());
    for (; this.indexed < this.count; this.indexed++) index.set(list[this.indexed]!.id, list[this.indexed]!);
    return index.get(id);
  }

  /** The transfers, in timestamp order (the list is cut to its length: call once, when the commit is done). */
  transfers(): Transfer[] {
    this.list.length = this.count;
    return this.list;
  }

  slots(): Int32Array {
    return this.slotPairs.subarray(0, 2 * this.count);
  }

  private grow(): void {
    this.list.length = Math.max(16, 2 * this.list.length);
    const pairs = new Int32Array(2 * this.list.length);
    pairs.set(this.slotPairs);
    this.slotPairs = pairs;
  }
}

export class Workspace implements LedgerReader {
  /** The slot of every account touched, by id. */
  private readonly slotsById = new Map<bigint, number>();
  /** The commit's copy of each account, by slot: a stored account's copy or a created account. */
  private readonly slots: MutableAccount[] = [];
  /** Whether the commit changed the account in each slot (possibly back again, in a failed chain). */
  private readonly changed: boolean[] = [];
  /** The slots of stored accounts, in the order the reader returned them. */
  private readonly readSlots: number[] = [];
  /** The slots of the accounts this commit created, in timestamp order. */
  private readonly createdSlots: number[] = [];
  private readonly createdTransfers: CreatedTransfers;
  private readonly pendingStates = new Map<bigint, PendingState>();
  private readonly balanceSnapshots: AccountBalance[] = [];
  private undoLog: (() => void)[] | undefined;
  private timestampNext: bigint;

  /** `transfersMax`: how many transfers the commit may create at most (its transfer events), to size the lists once. */
  constructor(
    private readonly reader: LedgerReader,
    timestampFirst: bigint,
    transfersMax = 0,
  ) {
    this.timestampNext = timestampFirst;
    this.createdTransfers = new CreatedTransfers(transfersMax);
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

  /** The account with this id, as this commit sees it. */
  account(id: bigint): MutableAccount | undefined {
    const slot = this.slot(id);
    return slot < 0 ? undefined : this.slots[slot];
  }

  /**
   * The slot of the account with this id, or -1 if there is none: the number by which `at`,
   * `adjust`, `setClosed` and `insertTransfer` name it for the rest of the commit.
   */
  slot(id: bigint): number {
    const touched = this.slotsById.get(id);
    if (touched !== undefined) return touched;
    const stored = this.reader.account(id);
    if (stored === undefined) return -1;
    const slot = this.addSlot(id, {
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
    });
    this.readSlots.push(slot);
    return slot;
  }

  /** The account in a slot. */
  at(slot: number): MutableAccount {
    return this.slots[slot]!;
  }

  transfer(id: bigint): Transfer | undefined {
    return this.createdTransfers.get(id) ?? this.reader.transfer(id);
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
    // A created account keeps its slot if a failed chain undoes it; nothing names the slot then.
    this.createdSlots.push(this.addSlot(account.id, { ...account }));
    this.undoLog?.push(() => {
      this.slotsById.delete(account.id);
      this.createdSlots.pop();
    });
  }

  /** Records a new transfer; `debit` and `credit` are the slots of the accounts it moves money on. */
  insertTransfer(transfer: Transfer, debit: number, credit: number): void {
    this.createdTransfers.push(transfer, debit, credit);
    this.undoLog?.push(() => this.createdTransfers.pop());
  }

  setPending(id: bigint, state: PendingState): void {
    const before = this.pendingStates.get(id);
    this.pendingStates.set(id, state);
    this.undoLog?.push(() => {
      if (before === undefined) this.pendingStates.delete(id);
      else this.pendingStates.set(id, before);
    });
  }

  /** Changes the balances of the account in a slot by the given deltas, then snapshots it if it keeps history. */
  adjust(slot: number, timestamp: bigint, debitsPending: bigint, debitsPosted: bigint, creditsPending: bigint, creditsPosted: bigint): void {
    const account = this.slots[slot]!;
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
    this.changed[slot] = true;
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

  /** Sets or clears the closed flag of the account in a slot. */
  setClosed(slot: number, closed: boolean): void {
    const account = this.slots[slot]!;
    const flagsBefore = account.flags;
    account.flags = closed ? account.flags | AccountFlags.closed : account.flags & ~AccountFlags.closed;
    this.changed[slot] = true;
    this.undoLog?.push(() => {
      account.flags = flagsBefore;
    });
  }

  /** The changes of this commit, for the store. */
  plan(): CommitPlan {
    // Lists sized once (thousands of entries per commit): counted first, then filled.
    const reads = this.readSlots;
    let updated = 0;
    for (let index = 0; index < reads.length; index++) if (this.changed[reads[index]!] === true) updated += 1;
    const accountsUpdated = new Array<Account>(updated);
    const accountsUpdatedReads = new Array<number>(updated);
    const accountsUpdatedSlots = new Array<number>(updated);
    let next = 0;
    for (let index = 0; index < reads.length; index++) {
      const slot = reads[index]!;
      if (this.changed[slot] !== true) continue;
      accountsUpdated[next] = this.slots[slot]!;
      accountsUpdatedReads[next] = index;
      accountsUpdatedSlots[next] = slot;
      next += 1;
    }
    return {
      accountsCreated: this.createdSlots.map((slot) => this.slots[slot]!),
      accountsUpdated,
      accountsUpdatedReads,
      accountsCreatedSlots: this.createdSlots,
      accountsUpdatedSlots,
      slotCount: this.slots.length,
      transfersCreated: this.createdTransfers.transfers(),
      transferSlots: this.createdTransfers.slots(),
      transfersById: this.createdTransfers,
      pendingChanges: this.pendingStates,
      balances: this.balanceSnapshots,
      lastTimestamp: this.lastTimestamp,
    };
  }

  private addSlot(id: bigint, account: MutableAccount): number {
    const slot = this.slots.length;
    this.slots.push(account);
    this.changed.push(false);
    this.slotsById.set(id, slot);
    return slot;
  }
}
