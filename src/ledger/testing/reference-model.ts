// An independent, deliberately simple reference model of the ledger's semantics, for model-based tests.

// Plain-object state, one event at a time; a linked chain rolls back by restoring a deep copy.

import { AccountFlags, TransferFlags } from '../flags.js';
import { amountMax, batchEventsMax, expiryBatchMax, nanosecondsPerSecond } from '../limits.js';
import type { CreateAccountResult, CreateTransferResult } from '../result-codes.js';
import type { Account, AccountBalance, AccountInput, PendingState, Transfer, TransferInput } from '../types.js';
import { accountRules, firstBroken, tigerBeetleRules, transferRules, type ReferenceRules, type TransferView } from './reference-rules.js';

export type ModelOperation =
  | { readonly kind: 'create_accounts'; readonly events: readonly AccountInput[] }
  | { readonly kind: 'create_transfers'; readonly events: readonly TransferInput[] };

export type ModelResults = readonly CreateAccountResult[] | readonly CreateTransferResult[];

export interface ModelCommit {
  readonly results: readonly ModelResults[];
  readonly expired: number;
  /** Balance snapshots of `history` accounts taken by this commit. */
  readonly balances: readonly AccountBalance[];
  readonly lastTimestamp: bigint;
}

interface ModelState {
  accounts: Map<bigint, Account>;
  transfers: Map<bigint, Transfer>;
  holds: Map<bigint, PendingState>;
  balances: AccountBalance[];
}

export class ReferenceModel {
  private state: ModelState = { accounts: new Map(), transfers: new Map(), holds: new Map(), balances: [] };
  private clock = 1n;
  lastTimestamp = 0n;

  constructor(
    private readonly rules: ReferenceRules = tigerBeetleRules,
    private readonly ledgers?: ReadonlySet<number>,
  ) {}

  get accounts(): ReadonlyMap<bigint, Account> {
    return this.state.accounts;
  }

  get transfers(): ReadonlyMap<bigint, Transfer> {
    return this.state.transfers;
  }

  get holds(): ReadonlyMap<bigint, PendingState> {
    return this.state.holds;
  }

  commit(operations: readonly ModelOperation[], timestampFirst: bigint): ModelCommit {
    if (timestampFirst <= this.lastTimestamp) throw new Error('reference model: time went backwards');
    this.clock = timestampFirst;
    this.state.balances = [];
    const expired = this.expire(timestampFirst);
    const results = operations.map((operation): ModelResults => {
      if (operation.events.length > batchEventsMax) return operation.events.map(() => 'batch_too_long' as const);
      if (operation.kind === 'create_accounts') return this.runBatch(operation.events, (event, at) => this.createAccount(event, at));
      return this.runBatch(operation.events, (event, at) => this.createTransfer(event, at));
    });
    if (this.clock - 1n > this.lastTimestamp) this.lastTimestamp = this.clock - 1n;
    return { results, expired, balances: this.state.balances, lastTimestamp: this.clock - 1n };
  }

  /** Expires every pending hold due at `now`: soonest expiry first, then oldest hold. */
  private expire(now: bigint): number {
    const due = [...this.state.holds]
      .filter(([, hold]) => hold.status === 'pending' && hold.expiresAt !== 0n && hold.expiresAt <= now)
      .map(([id, hold]) => ({ id, hold, created: this.state.transfers.get(id)!.timestamp }))
      .sort((a, b) => order(a.hold.expiresAt, b.hold.expiresAt) || order(a.created, b.created))
      .slice(0, expiryBatchMax);
    for (const { id, hold } of due) {
      const timestamp = this.clock++;
      this.release(this.state.transfers.get(id)!, timestamp, 0n, true);
      this.state.holds.set(id, { ...hold, status: 'expired', resolvedAt: timestamp });
    }
    return due.length;
  }

  /** Runs one batch: each event gets the next timestamp; a chain fails as a whole. */
  private runBatch<E extends { readonly flags: number }, R extends string>(events: readonly E[], apply: (event: E, at: bigint) => R | 'ok'): R[] {
    const results: (R | 'ok' | 'linked_event_failed' | 'linked_event_chain_open')[] = [];
    let chainStart = -1;
    let chainFailed = false;
    let saved: ModelState | undefined;
    events.forEach((event, index) => {
      const timestamp = this.clock++;
      const linked = (event.flags & TransferFlags.linked) !== 0;
      const leftOpen = linked && index === events.length - 1;
      if (linked && chainStart < 0) {
        chainStart = index;
        saved = structuredClone(this.state);
      }
      let result: (typeof results)[number];
      if (chainFailed) result = leftOpen ? this.rules.openChainAfterFailure : 'linked_event_failed';
      else if (leftOpen) result = 'linked_event_chain_open';
      else result = apply(event, timestamp);
      if (result !== 'ok' && chainStart >= 0 && !chainFailed) {
        chainFailed = true;
        this.state = saved!;
        for (let earlier = chainStart; earlier < index; earlier++) results[earlier] = 'linked_event_failed';
      }
      results.push(result);
      if (!linked) {
        chainStart = -1;
        chainFailed = false;
      }
    });
    return results as R[];
  }

  private createAccount(a: AccountInput, timestamp: bigint): CreateAccountResult {
    const result = firstBroken(accountRules, { a, existing: this.state.accounts.get(a.id), ledgers: this.ledgers });
    if (result !== 'ok') return result;
    const { id, ledger, code, flags, userData128, userData64, userData32 } = a;
    this.state.accounts.set(id, {
      ...{ id, ledger, code, flags, userData128, userData64, userData32 },
      ...{ debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n, timestamp },
    });
    return 'ok';
  }

  private createTransfer(t: TransferInput, timestamp: bigint): CreateTransferResult {
    const view = this.viewOf(t, timestamp);
    const result = firstBroken(transferRules, view);
    if (result !== 'ok') return result;
    if (view.kind === 'plain') {
      this.state.transfers.set(t.id, { ...t, amount: view.amount, timestamp });
      const pending = (t.flags & TransferFlags.pending) !== 0;
      this.move(t.debitAccountId, t.creditAccountId, timestamp, pending ? view.amount : 0n, pending ? 0n : view.amount);
      if (pending) {
        const expiresAt = t.timeout === 0 ? 0n : timestamp + BigInt(t.timeout) * nanosecondsPerSecond;
        this.state.holds.set(t.id, { status: 'pending', expiresAt, resolvedAt: 0n });
        if ((t.flags & TransferFlags.closingDebit) !== 0) this.setClosed(t.debitAccountId, true);
        if ((t.flags & TransferFlags.closingCredit) !== 0) this.setClosed(t.creditAccountId, true);
      }
      return 'ok';
    }
    const hold = view.hold!;
    const { debitAccountId, creditAccountId, ledger, code } = hold;
    this.state.transfers.set(t.id, { ...t, debitAccountId, creditAccountId, ledger, code, amount: view.amount, timestamp });
    this.release(hold, timestamp, view.kind === 'post' ? view.amount : 0n, view.kind === 'void');
    this.state.holds.set(hold.id, { ...view.holdState!, status: view.kind === 'post' ? 'posted' : 'voided', resolvedAt: timestamp });
    return 'ok';
  }

  private viewOf(t: TransferInput, timestamp: bigint): TransferView {
    const flags = t.flags;
    const kind = (flags & TransferFlags.postPendingTransfer) !== 0 ? 'post' : (flags & TransferFlags.voidPendingTransfer) !== 0 ? 'void' : 'plain';
    const existing = this.state.transfers.get(t.id);
    const existingHold = existing === undefined ? undefined : this.state.transfers.get(existing.pendingId);
    const hold = kind === 'plain' ? undefined : this.state.transfers.get(t.pendingId);
    const holdState = hold === undefined ? undefined : this.state.holds.get(hold.id);
    const dr = this.state.accounts.get(kind === 'plain' ? t.debitAccountId : (hold?.debitAccountId ?? -1n));
    const cr = this.state.accounts.get(kind === 'plain' ? t.creditAccountId : (hold?.creditAccountId ?? -1n));
    let amount = t.amount;
    if (kind === 'plain' && dr !== undefined && cr !== undefined) {
      if ((flags & TransferFlags.balancingDebit) !== 0) amount = least(amount, dr.creditsPosted - dr.debitsPosted - dr.debitsPending);
      if ((flags & TransferFlags.balancingCredit) !== 0) amount = least(amount, cr.debitsPosted - cr.creditsPosted - cr.creditsPending);
    }
    if (kind === 'post' && hold !== undefined && t.amount === amountMax) amount = hold.amount;
    if (kind === 'void' && hold !== undefined) amount = hold.amount;
    return { t, timestamp, rules: this.rules, kind, existing, existingHold, hold, holdState, dr, cr, amount };
  }

  /** Adds pending and posted amounts to a debit and a credit account. */
  private move(debitId: bigint, creditId: bigint, timestamp: bigint, pending: bigint, posted: bigint): void {
    this.change(debitId, timestamp, (a) => ({ ...a, debitsPending: a.debitsPending + pending, debitsPosted: a.debitsPosted + posted }));
    this.change(creditId, timestamp, (a) => ({ ...a, creditsPending: a.creditsPending + pending, creditsPosted: a.creditsPosted + posted }));
  }

  /** Gives back a hold's pending amount, posts `posted` of it, and on void or expiry reopens what it closed. */
  private release(hold: Transfer, timestamp: bigint, posted: bigint, reopen: boolean): void {
    if (reopen && (hold.flags & TransferFlags.closingDebit) !== 0) this.setClosed(hold.debitAccountId, false);
    if (reopen && (hold.flags & TransferFlags.closingCredit) !== 0) this.setClosed(hold.creditAccountId, false);
    this.move(hold.debitAccountId, hold.creditAccountId, timestamp, -hold.amount, posted);
  }

  private change(id: bigint, timestamp: bigint, update: (account: Account) => Account): void {
    const account = update(this.state.accounts.get(id)!);
    this.state.accounts.set(id, account);
    if ((account.flags & AccountFlags.history) === 0) return;
    const { debitsPending, debitsPosted, creditsPending, creditsPosted } = account;
    this.state.balances.push({ accountId: id, timestamp, debitsPending, debitsPosted, creditsPending, creditsPosted });
  }

  private setClosed(id: bigint, closed: boolean): void {
    const account = this.state.accounts.get(id)!;
    const flags = closed ? account.flags | AccountFlags.closed : account.flags & ~AccountFlags.closed;
    this.state.accounts.set(id, { ...account, flags });
  }
}

function least(a: bigint, b: bigint): bigint {
  const floor = b > 0n ? b : 0n;
  return a < floor ? a : floor;
}

function order(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
