// The machinery every step of a trade shares: steps of one trade run one at a time; a step moves
// its money as one linked chain on the ledger, then writes the trade's new state, its timeline
// events and its other rows as one unit that applies only at the version the step read. A step
// that moves money claims the trade first (step-claims.ts): its record is on the trade row before
// the money moves, so a step cut off between the two is finished, or let go, by whoever comes next.

import type { Kysely } from 'kysely';
import type { TransferInput } from '../ledger/index.js';
import { applyBasisPoints, formatAmount } from '../money/index.js';
import type { Clock } from '../platform/clock.js';
import type { IdSource } from '../platform/ids.js';
import { KeyedQueue } from '../platform/keyed-queue.js';
import { OwnedCache } from '../platform/owned-cache.js';
import { PlatformWriteConflictError, prepareQuery, rowInserter, rowUpdater, type Ledger, type PlatformDatabase, type PlatformTables, type PlatformWrite, type TradeTable } from '../store/index.js';
import { outboxWrite } from '../notify/index.js';
import { publicTrade } from './public-trade.js';
import { chainFailure, fenceTransfer, fenceVoid, isFence, linkedChain, StepIds } from './trade-moves.js';
import { claimedWrite, claimWrite, decodeClaim, encodeClaim, stepClaimStaleMilliseconds, type StepClaim } from './step-claims.js';

export const tradeKinds = ['escrow', 'direct'] as const;
export type TradeKind = (typeof tradeKinds)[number];
export const tradeStatuses = ['WAIT_BUYER_PAY', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_SUCCESS', 'TRADE_FINISHED', 'TRADE_CLOSED'] as const;
export type TradeStatus = (typeof tradeStatuses)[number];

export type TradeFailure =
  | 'trade_not_found'
  | 'out_trade_no_taken'
  | 'timeout_express_invalid'
  | 'items_total_mismatch'
  | 'trade_status_invalid'
  | 'trade_closed'
  | 'trade_buyer_mismatch'
  | 'balance_insufficient'
  | 'daily_limit_exceeded'
  | 'item_invalid'
  | 'extension_invalid'
  | 'refund_amount_too_large'
  | 'refund_request_conflict'
  | 'refund_unfundable'
  | 'trade_changed'
  | 'trade_disputed'
  | 'dispute_not_allowed'
  | 'dispute_not_found'
  | 'dispute_status_invalid'
  | 'split_receiver_invalid'
  | 'split_amount_too_large'
  | 'split_request_conflict'
  | 'refund_request_exists'
  | 'refund_request_not_found'
  | 'refund_request_pending'
  | 'test_clock_not_found';

export type TradeOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: TradeFailure };

export interface TradeMerchant {
  readonly id: string;
  readonly balanceAccountId: bigint;
  readonly feeRateBasisPoints: number;
  readonly refundWindowDays: number;
}

export interface NewTrade {
  readonly kind: TradeKind;
  readonly outTradeNo: string;
  readonly subject: string;
  readonly amount: bigint;
  readonly buyerUserId?: string;
  readonly timeoutExpress?: string;
  readonly items?: readonly { readonly name: string; readonly amount: bigint }[];
  /** Made through the gateway: the app, and where to notify it. */
  readonly appId?: string;
  readonly notifyUrl?: string;
  /** A sandbox test clock the trade lives on: one of the merchant's own, or the trade is refused (test_clock_not_found). */
  readonly testClockId?: string;
}

/**
 * The credential a merchant's step came through, so that the timeline says which of the
 * merchant's keys, members or apps acted: an API key (its id), a member signed in with
 * Zhifu-Merchant (their user id), a gateway app (its app id), or the platform itself (the demo world).
 */
export type ActedVia = { readonly type: 'api_key' | 'member' | 'app'; readonly id: string } | { readonly type: 'platform' };

/** Who took a step: a buyer, a merchant (with the credential it came through), an operator, or the system (a deadline, a job). */
export type Actor =
  | { readonly kind: 'buyer' | 'operator'; readonly id: string }
  | { readonly kind: 'merchant'; readonly id: string; readonly via: ActedVia }
  | { readonly kind: 'system'; readonly id: null };

/** A merchant taking a step, with the credential it came through. */
export type MerchantActor = Extract<Actor, { readonly kind: 'merchant' }>;

/** A credential as a webhook event names it (`acted_by`: type and id, no label). */
export function actedByOf(via: ActedVia): { readonly type: ActedVia['type']; readonly id: string | null } {
  return via.type === 'platform' ? { type: 'platform', id: null } : { type: via.type, id: via.id };
}

/** How a step's credential is stored (`trade_events.actor_via`). */
export function encodeVia(via: ActedVia): string {
  return via.type === 'platform' ? 'platform' : `${via.type}:${via.id}`;
}

/** A stored credential back (undefined for lines written before it was kept, or not a merchant's). */
export function decodeVia(stored: string | null): ActedVia | undefined {
  if (stored === null) return undefined;
  if (stored === 'platform') return { type: 'platform' };
  const colon = stored.indexOf(':');
  const type = stored.slice(0, colon);
  if (colon < 0 || (type !== 'api_key' && type !== 'member' && type !== 'app')) return undefined;
  return { type, id: stored.slice(colon + 1) };
}

/**
 * What a step says happened, as its timeline line and its event's `change` carry it. Amounts are
 * given as bigint counts of the trade's minor unit; every other value is written as it is.
 */
export type EventData = Readonly<Record<string, string | number | boolean | bigint | null | readonly number[]>>;

/**
 * Event data as the public reads it: each bigint amount as a decimal string in the trade's
 * currency ("268.00"), with `currency` beside them (only when there are amounts).
 *
 * Converted here, when the step writes, rather than when the timeline is read: the same data goes
 * to the timeline table and to the outbox, whose payload is sent as stored (again on every retry
 * and replay), so converting once makes the timeline, the API and the webhooks agree by
 * construction, and neither the HTTP layer nor notify needs to know which keys of which event
 * are amounts. The type marks them: a bigint is an amount, so an id such as a refund's `refund`
 * stays text. Rows written in fen before this are rewritten by platform migration 0017.
 */
export function publicEventData(data: EventData, currencyCode: string): Record<string, unknown> {
  let amounts = false;
  const entries = Object.entries(data).map(([key, value]) => {
    if (typeof value !== 'bigint') return [key, value] as const;
    amounts = true;
    return [key, formatAmount(value, currencyCode)] as const;
  });
  return amounts ? { ...Object.fromEntries(entries), currency: currencyCode } : Object.fromEntries(entries);
}

/** What a step records: the trade's changes, what happened (its timeline lines and events), who did it and when, and its other rows. */
export interface StepRecord {
  readonly changes: Partial<TradeTable>;
  readonly events: readonly (readonly [string, EventData])[];
  readonly actor: Actor;
  readonly now: number;
  readonly writes?: readonly PlatformWrite[];
}

export const ok = <T>(value: T): TradeOutcome<T> => ({ ok: true, value });
export const fail = <T>(code: TradeFailure): TradeOutcome<T> => ({ ok: false, code });

/** The queries of every step, prepared once. */
function stepQueries(db: Kysely<PlatformTables>) {
  return {
    trade: prepareQuery(db, (id: string) => db.selectFrom('trades').selectAll().where('id', '=', id)),
    buyerAccount: prepareQuery(db, (userId: string) => db.selectFrom('users').select('balance_account_id').where('id', '=', userId)),
    insertTimeline: rowInserter(db, 'trade_events'),
    /** A trade's changes, at the version read. */
    update: rowUpdater(db, 'trades', 'id', 'version'),
  };
}

/** Whether a dispute holds the trade's money for an operator's decision. */
export function disputed(trade: TradeTable): boolean {
  return trade.dispute_status === 'open' || trade.dispute_status === 'answered';
}

/** Claims left by this process's failed steps remembered at most (one is forgotten only by a failure that outlives 10,000 others; it is then settled once stale). */
export const abandonedClaimsMax = 10_000;

/** Trades and buyers' accounts kept in memory at most, where this process is the database's only writer. */
export const cachedTradesMax = 20_000;
export const cachedBuyerAccountsMax = 100_000;

export class TradeSteps {
  private readonly db: Kysely<PlatformTables>;
  /** Steps of one trade run one at a time in this process; the version check covers other processes. */
  private readonly queue = new KeyedQueue();
  /** Trades by id: every step reads its trade, and every change of a trade is written here (record, settle, settleClaim). */
  private readonly trades: OwnedCache<string, TradeTable>;
  /** Users' balance accounts, which never change. */
  private readonly buyerAccounts: OwnedCache<string, bigint>;

  constructor(
    private readonly ledger: Ledger,
    private readonly platform: PlatformDatabase,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {
    this.db = platform.db;
    this.queries = stepQueries(this.db);
    this.trades = new OwnedCache(platform.exclusive, cachedTradesMax);
    this.buyerAccounts = new OwnedCache(platform.exclusive, cachedBuyerAccountsMax);
  }

  private readonly queries: ReturnType<typeof stepQueries>;

  /**
   * Runs a step on the trade as it stands now, after the steps before it, at the trade's time. A
   * claim left by a step that did not finish is settled first; one another process may still be
   * working on answers trade_changed.
   */
  run<T>(tradeId: string, run: (trade: TradeTable, now: number) => Promise<TradeOutcome<T>>): Promise<TradeOutcome<T>> {
    return this.queue.run(tradeId, async () => {
      const found = await this.findTrade(tradeId);
      if (found === undefined) return fail<T>('trade_not_found');
      const trade = found.step_claim === null ? found : await this.settleClaim(found);
      if (trade === undefined) return fail<T>('trade_changed');
      return run(trade, await this.nowOf(trade.test_clock_id));
    });
  }

  /**
   * Settles the claims steps left on trades (their process died, or their record's write failed).
   * One that cannot be settled does not stop the others: the errors are thrown together at the end.
   */
  async settleClaims(limit: number): Promise<void> {
    const claimed = await this.db.selectFrom('trades').select('id').where('step_claim', 'is not', null).limit(limit).execute();
    const errors: unknown[] = [];
    for (const { id } of claimed) await this.run(id, async (trade) => ok(trade)).catch((error: unknown) => errors.push(error));
    if (errors.length > 0) throw new AggregateError(errors, `trades: ${errors.length} of ${claimed.length} step claims could not be settled`);
  }

  /** Called with the trade as it stands when a claim on it was settled here, for services that keep what a step changes in memory. */
  onClaimSettled(listener: (trade: TradeTable) => void): void {
    this.claimListeners.push(listener);
  }

  private readonly claimListeners: ((trade: TradeTable) => void)[] = [];
  /** Claims (trade id @ claimed version) that this process's steps left when they failed: no step of this process is still at work on them. */
  private readonly abandoned = new Set<string>();

  /**
   * Finishes the step that claimed the trade if its chain is in the ledger, or lets the claim go if
   * it is not; answers the trade after, or undefined while the claim may be another process's
   * running step. Where this process is the only writer, the keyed queue has let no step of the
   * trade run meanwhile, so a claim met here is always a step that ended without finishing.
   */
  private async settleClaim(trade: TradeTable): Promise<TradeTable | undefined> {
    const claim = decodeClaim(trade.step_claim!);
    const key = `${trade.id}@${trade.version}`;
    if (!this.platform.exclusive && !this.abandoned.has(key) && this.clock.now().getTime() - claim.at < stepClaimStaleMilliseconds) return undefined;
    const writes = (await this.chainMoved(trade, claim)) ? this.claimedRecord(trade, { ...claim, writes: claim.writes.map(claimedWrite) }).writes : [this.letGo(trade)];
    try {
      await this.trades.writing(trade.id, () => this.platform.writeTogether(writes));
    } catch (error) {
      // Another process settled it first, or the claimed record no longer applies (checked below).
      if (!(error instanceof PlatformWriteConflictError)) throw error;
    }
    this.abandoned.delete(key);
    const after = await this.findTrade(trade.id);
    if (after !== undefined && Number(after.version) === Number(trade.version)) throw new Error(`trades: the claim on ${trade.id} at version ${trade.version} cannot be settled: its record does not apply`);
    if (after !== undefined) for (const listener of this.claimListeners) listener(after);
    return after?.step_claim === null ? after : undefined;
  }

  /**
   * Whether a claimed chain moved. When none of it is in the ledger it is fenced first (its first
   * id taken by a fence of the platform's own, trade-moves.ts), so that a step still at work
   * somewhere (a process paused past the claim's age, a commit whose answer was lost) cannot move
   * it after the claim is let go: it would be refused whole.
   */
  private async chainMoved(trade: TradeTable, claim: StepClaim): Promise<boolean> {
    const found = await this.ledger.lookupTransfers(claim.transfers);
    // Fenced by another settler, who let the claim go or is about to.
    if (found.some(isFence)) return false;
    if (found.length === 0) {
      const fence = fenceTransfer(claim.transfers[0]!);
      const [result] = await this.ledger.createTransfers([fence]);
      if (result === 'ok') {
        const [voided] = await this.ledger.createTransfers([fenceVoid(fence.id)]);
        if (voided !== 'ok' && voided !== 'exists' && voided !== 'pending_transfer_expired') throw new Error(`trades: the fence on ${trade.id}'s claimed chain could not be voided (${voided})`);
        return false;
      }
      // Another settler's fence, the same transfer.
      if (result === 'exists') return false;
      if (!result!.startsWith('exists_with_different_')) throw new Error(`trades: the claimed chain of ${trade.id} could not be fenced (${result})`);
      // The chain moved between the lookup and the fence.
      return this.chainMoved(trade, claim);
    }
    if (found.length !== claim.transfers.length) throw new Error(`trades: the chain claimed on ${trade.id} is in the ledger in part`);
    return true;
  }

  /** Lets a claim go: its chain did not move. The version still rises, so the claimed record can never apply after. */
  private letGo(claimed: TradeTable): PlatformWrite {
    return { query: this.queries.update({ step_claim: null, version: Number(claimed.version) + 1 }, claimed.id, Number(claimed.version)), expectRows: 1 };
  }

  /** The time a trade lives in: its test clock's simulated time, or the real time. */
  async nowOf(testClockId: string | null): Promise<number> {
    const clock = testClockId === null ? undefined : await this.testClock(testClockId);
    return clock === undefined ? this.clock.now().getTime() : Number(clock.frozen_time);
  }

  /** A test clock's owner and simulated time. */
  testClock(id: string) {
    return this.db.selectFrom('test_clocks').select(['merchant_id', 'frozen_time']).where('id', '=', id).executeTakeFirst();
  }

  /** Keeps a trade just written in full (a new one). */
  remember(trade: TradeTable): void {
    this.trades.set(trade.id, trade);
  }

  async findTrade(id: string): Promise<TradeTable | undefined> {
    return this.trades.get(id, async () => (await this.queries.trade(id)).rows[0]);
  }

  /**
   * Moves a step's chain and records the step, claiming the trade first: the claim raises the
   * trade's version and keeps the chain's ids and the step's record; the chain moves; the record is
   * written at the claimed version, which clears the claim. A refused chain lets the claim go and
   * answers what `refused` makes of the ledger's result (it throws for a result that means a bug).
   * Every transfer names its trade in user_data_128 (TigerBeetle's field for the business object),
   * so that a merchant's bill can say which trade each movement of its balance belongs to.
   */
  async settle(trade: TradeTable, chain: readonly TransferInput[], step: StepRecord, refused: (result: string) => TradeFailure): Promise<TradeOutcome<TradeTable>> {
    if (chain.length === 0) return this.record(trade, step.changes, step.events, step.actor, step.now, step.writes);
    const reference = tradeNumber(trade.id);
    const transfers = linkedChain(chain.map((transfer) => ({ ...transfer, userData128: reference })));
    const version = Number(trade.version);
    const claim = encodeClaim({ ...step, at: this.clock.now().getTime(), transfers: transfers.map((transfer) => transfer.id), writes: (step.writes ?? []).map(claimWrite) });
    const claimed: TradeTable = { ...trade, version: version + 1, step_claim: claim };
    const record = this.claimedRecord(claimed, step);
    if (!(await this.writeTrade(claimed, [{ query: this.queries.update({ step_claim: claim, version: version + 1 }, trade.id, version), expectRows: 1 }]))) return fail('trade_changed');
    let settled = false;
    try {
      const failure = await this.move(transfers);
      if (failure !== undefined) {
        await this.writeTrade({ ...claimed, step_claim: null, version: version + 2 }, [this.letGo(claimed)]);
        settled = true;
        // The first id taken: another process took the claim for dead and fenced the chain (or a
        // chain moved at this version before claims were kept). Nothing of this step moved.
        if (failure.startsWith('exists_with_different_')) return fail('trade_changed');
        return fail(refused(failure));
      }
      // Only a process that took the claim for dead (it was older than stepClaimStaleMilliseconds) can have written it.
      const written = await this.writeTrade(record.next, record.writes);
      settled = true;
      return written ? ok(record.next) : fail('trade_changed');
    } finally {
      if (!settled) this.abandon(`${trade.id}@${version + 1}`);
    }
  }

  /** Remembers a claim this process's step left when it failed, so that the trade's next step here settles it at once. */
  private abandon(claimKey: string): void {
    this.abandoned.add(claimKey);
    if (this.abandoned.size > abandonedClaimsMax) this.abandoned.delete(this.abandoned.values().next().value as string);
  }

  /** Writes a change of the trade and keeps the row it makes; false when the trade was not at the version read. */
  private async writeTrade(next: TradeTable, writes: readonly PlatformWrite[]): Promise<boolean> {
    try {
      await this.trades.writing(next.id, () => this.platform.writeTogether(writes));
    } catch (error) {
      if (error instanceof PlatformWriteConflictError) return false;
      throw error;
    }
    this.trades.set(next.id, next);
    return true;
  }

  /** Applies a chain of transfers as one; answers the failing result, if any. */
  private async move(transfers: readonly TransferInput[]): Promise<string | undefined> {
    const results = await this.ledger.createTransfers(transfers);
    // A chain applied before answers `exists` for its first transfer and `linked_event_failed` for
    // the rest: it is applied when every one of its transfers is in the ledger. Since steps claim
    // first, a claimed chain is found by settleClaim instead; this meets the chains of steps cut
    // off before claims were kept (the same step at the same version has the same ids).
    if (results[0] === 'exists' && results.slice(1).every((result) => result === 'linked_event_failed' || result === 'exists')) {
      const found = await this.ledger.lookupTransfers(transfers.map((transfer) => transfer.id));
      if (found.length === transfers.length) return undefined;
    }
    return chainFailure(transfers, results)?.result;
  }

  async buyerAccount(trade: TradeTable): Promise<bigint> {
    const userId = trade.buyer_user_id!;
    const account = await this.buyerAccounts.get(userId, async () => {
      const [row] = (await this.queries.buyerAccount(userId)).rows;
      return row === undefined ? undefined : BigInt(row.balance_account_id);
    });
    if (account === undefined) throw new Error(`trades: the buyer of ${trade.id} does not exist`);
    return account;
  }

  /** A step's writes for one thing that happened: a line on the trade's timeline, and the event in the outbox for notifications, with the same data. */
  eventWrites(trade: TradeTable, type: string, actor: Actor, data: EventData, now: number): PlatformWrite[] {
    const change = publicEventData(data, trade.currency);
    return [
      this.queries.insertTimeline({ id: `tev_${this.ids.nextId().toString(16).padStart(32, '0')}`, trade_id: trade.id, type, actor: actor.kind, actor_id: actor.id, actor_via: actor.kind === 'merchant' ? encodeVia(actor.via) : null, data: JSON.stringify(change), created_at: now }),
      outboxWrite(this.db, this.ids, { merchantId: trade.merchant_id, type: `trade.${type}`, objectId: trade.id, payload: { object: publicTrade(trade, []), change, ...(actor.kind === 'merchant' ? { acted_by: actedByOf(actor.via) } : {}) }, createdAt: now }),
    ];
  }

  /** Writes the trade's changes, its events and the other writes as one unit, if the trade is still at the version read (a step that moves no money). */
  async record(trade: TradeTable, changes: Partial<TradeTable>, events: readonly (readonly [string, EventData])[], actor: Actor, now: number, writes: readonly PlatformWrite[] = []): Promise<TradeOutcome<TradeTable>> {
    const record = this.recordWrites(trade, { changes, events, actor, now, writes });
    return (await this.writeTrade(record.next, record.writes)) ? ok(record.next) : fail('trade_changed');
  }

  /** A claimed step's record: written at the claimed version, it clears the claim. */
  private claimedRecord(claimed: TradeTable, step: StepRecord): { readonly next: TradeTable; readonly writes: PlatformWrite[] } {
    return this.recordWrites({ ...claimed, step_claim: null }, { ...step, changes: { ...step.changes, step_claim: null } });
  }

  /** A step's record: the trade's changes at the version read, its events, and its other writes; and the row as it will be. */
  private recordWrites(trade: TradeTable, step: StepRecord): { readonly next: TradeTable; readonly writes: PlatformWrite[] } {
    // The row as written: the trade read with every column, with the changes and the new version.
    const next: TradeTable = { ...trade, ...step.changes, version: Number(trade.version) + 1 };
    const update = this.queries.update({ ...step.changes, version: next.version }, trade.id, Number(trade.version));
    return { next, writes: [{ query: update, expectRows: 1 }, ...step.events.flatMap(([type, data]) => this.eventWrites(next, type, step.actor, data, step.now)), ...(step.writes ?? [])] };
  }

  /** Names the transfers of the trade's next step. */
  stepIds(trade: TradeTable): StepIds {
    return new StepIds(stepKey(trade));
  }
}

/** The number behind a trade id ('trd_' and the number in base 36). */
export function tradeNumber(id: string): bigint {
  let value = 0n;
  for (const digit of id.slice(4)) value = value * 36n + BigInt(parseInt(digit, 36));
  return value;
}

/** The trade id of a number. */
export function tradeIdOf(number: bigint): string {
  return `trd_${number.toString(36)}`;
}

/** The merchant discount fee on money that reached the merchant, rounded half-up to the fen. */
export function feeOf(amount: bigint, basisPoints: number): bigint {
  return applyBasisPoints(amount, BigInt(basisPoints), 'half_up');
}

/** The key of a trade's next step: the step's transfers are named by it, so a retry after a crash repeats them. */
function stepKey(trade: TradeTable): string {
  return `${trade.id}@${trade.version}`;
}

export function unexpected(trade: TradeTable, result: string): never {
  throw new Error(`trades: the ledger refused a step of ${trade.id} (${result})`);
}
