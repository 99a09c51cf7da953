// Trades: escrow (guaranteed) trades, where the buyer's money is held until the goods arrive, and
// direct trades, paid to the merchant at once. Every step moves money as one linked chain on the
// ledger (trade-moves.ts), then records the trade's new state, its timeline and its refunds as one
// unit that applies only if nobody changed the trade meanwhile (its version).

import type { ExpressionBuilder, Kysely } from 'kysely';
import type { IdSource } from '../platform/ids.js';
import { OwnedCache } from '../platform/owned-cache.js';
import { containsText, prepareQuery, rowInserter, type PlatformDatabase, type PlatformTables, type TradeItemTable, type TradeRefundTable, type TradeTable } from '../store/index.js';
import type { WalletService, WalletUser } from '../wallet/index.js';
import { payDeadline, timeoutExpressDefault } from './timeout-express.js';
import { feeReturnTransfer, feeTransfer, holdTransfer, paymentTransfer, postHold, refundTransfer, voidHold } from './trade-moves.js';
import { cachedTradesMax, disputed, fail, feeOf, ok, tradeIdOf, unexpected, type ActedVia, type Actor, type MerchantActor, type NewTrade, type TradeKind, type TradeMerchant, type TradeOutcome, type TradeStatus, type TradeSteps } from './trade-steps.js';

/** The buyer's daily outflow limit (the wallet's): a trade paid from the wallet counts toward it. */
export type WalletOutflow = Pick<WalletService, 'withinDailyOutflow' | 'recountOutflow'>;

/** The queries of the trade lifecycle, prepared once. */
function tradeQueries(db: Kysely<PlatformTables>) {
  return {
    byOutTradeNo: prepareQuery(db, (merchantId: string, outTradeNo: string) => db.selectFrom('trades').selectAll().where('merchant_id', '=', merchantId).where('out_trade_no', '=', outTradeNo)),
    items: prepareQuery(db, (tradeId: string) => db.selectFrom('trade_items').selectAll().where('trade_id', '=', tradeId).orderBy('position')),
    refundByRequest: prepareQuery(db, (tradeId: string, outRequestNo: string) => db.selectFrom('trade_refunds').selectAll().where('trade_id', '=', tradeId).where('out_request_no', '=', outRequestNo)),
    insertTrade: rowInserter(db, 'trades'),
    insertItem: rowInserter(db, 'trade_items'),
    insertRefund: rowInserter(db, 'trade_refunds'),
  };
}

/** What a list of trades may be narrowed to: a status, a kind, and a search (`q`): an exact trade id or out_trade_no, or part of the subject, ignoring case. */
export interface TradeFilters {
  readonly status?: TradeStatus;
  readonly kind?: TradeKind;
  readonly q?: string;
}

/** Physical goods confirm themselves this long after shipment (Taobao's rule). */
export const autoConfirmDays = 10;
export const sellerExtensionDays: readonly number[] = [3, 5, 7, 10];
export const buyerExtensionDays = 3;
export const tradeItemsMax = 50;
const dayMilliseconds = 24 * 60 * 60 * 1000;

export class TradeService {
  private readonly db: Kysely<PlatformTables>;
  /** Trades' items by trade id: written when the trade is made and when items are confirmed, both here. */
  private readonly itemsOf: OwnedCache<string, TradeItemTable[]>;

  constructor(
    private readonly steps: TradeSteps,
    private readonly platform: PlatformDatabase,
    private readonly ids: IdSource,
    /** The buyer's daily outflow limit, which a payment from the wallet counts toward. */
    private readonly outflow: WalletOutflow,
  ) {
    this.db = platform.db;
    this.queries = tradeQueries(this.db);
    this.itemsOf = new OwnedCache(platform.exclusive, cachedTradesMax);
    // A claimed record written when its claim is settled may release items (a confirmation) or pay
    // the trade, which the buyer's daily outflow kept in memory has not counted.
    steps.onClaimSettled((trade) => {
      this.itemsOf.forget(trade.id);
      if (trade.buyer_user_id !== null) outflow.recountOutflow(trade.buyer_user_id);
    });
  }

  private readonly queries: ReturnType<typeof tradeQueries>;

  /** Creates a trade waiting for payment (`via`: the merchant's credential); the same out_trade_no with the same terms answers the trade it made. */
  async createTrade(merchant: TradeMerchant, via: ActedVia, input: NewTrade): Promise<TradeOutcome<TradeTable>> {
    const clock = input.testClockId === undefined ? undefined : await this.steps.testClock(input.testClockId);
    // A merchant makes trades on its own clocks only: whoever owns a clock advances it, and would
    // move the trades on it. Checked here, not by the transports, so that no caller skips it.
    if (input.testClockId !== undefined && (clock === undefined || clock.merchant_id !== merchant.id)) return fail('test_clock_not_found');
    const now = clock === undefined ? await this.steps.nowOf(null) : Number(clock.frozen_time);
    const deadline = payDeadline(input.timeoutExpress ?? timeoutExpressDefault, now);
    if (deadline === undefined) return fail('timeout_express_invalid');
    if (input.items !== undefined && input.items.reduce((sum, item) => sum + item.amount, 0n) !== input.amount) return fail('items_total_mismatch');
    const existing = await this.findByOutTradeNo(merchant.id, input.outTradeNo);
    if (existing !== undefined) return sameTerms(existing, input) ? ok(existing) : fail('out_trade_no_taken');
    const trade: TradeTable = {
      id: tradeIdOf(this.ids.nextId()),
      merchant_id: merchant.id,
      out_trade_no: input.outTradeNo,
      kind: input.kind,
      subject: input.subject,
      currency: 'CNY',
      total_amount: input.amount.toString(),
      status: 'WAIT_BUYER_PAY',
      buyer_user_id: input.buyerUserId ?? null,
      fee_rate_basis_points: merchant.feeRateBasisPoints,
      held_amount: '0',
      hold_transfer_id: null,
      released_amount: '0',
      fee_amount: '0',
      refunded_amount: '0',
      pay_deadline: deadline,
      paid_at: null,
      shipped_at: null,
      carrier: null,
      tracking_number: null,
      confirm_deadline: null,
      buyer_extended: 0,
      refund_deadline: null,
      ended_at: null,
      test_clock_id: input.testClockId ?? null,
      refund_request_id: null,
      split_amount: '0',
      app_id: input.appId ?? null,
      notify_url: input.notifyUrl ?? null,
      dispute_status: null,
      version: 1,
      step_claim: null,
      created_at: now,
    };
    const items: TradeItemTable[] = (input.items ?? []).map((item, position) => ({ trade_id: trade.id, position, name: item.name, amount: item.amount.toString(), status: 'held' }));
    try {
      await this.platform.writeTogether([this.queries.insertTrade(trade), ...items.map((item) => this.queries.insertItem(item)), ...this.steps.eventWrites(trade, 'created', { kind: 'merchant', id: merchant.id, via }, { amount: input.amount }, now)]);
    } catch (error) {
      // Two requests with one out_trade_no at once: the other one made it.
      const made = await this.findByOutTradeNo(merchant.id, input.outTradeNo);
      if (made === undefined) throw error;
      return sameTerms(made, input) ? ok(made) : fail('out_trade_no_taken');
    }
    this.steps.remember(trade);
    this.itemsOf.set(trade.id, items);
    return ok(trade);
  }

  async findTrade(id: string): Promise<TradeTable | undefined> {
    return this.steps.findTrade(id);
  }

  async findByOutTradeNo(merchantId: string, outTradeNo: string): Promise<TradeTable | undefined> {
    return (await this.queries.byOutTradeNo(merchantId, outTradeNo)).rows[0];
  }

  async items(tradeId: string): Promise<TradeItemTable[]> {
    return (await this.itemsOf.get(tradeId, async () => (await this.queries.items(tradeId)).rows))!;
  }

  async events(tradeId: string) {
    return this.db.selectFrom('trade_events').selectAll().where('trade_id', '=', tradeId).orderBy('id').execute();
  }

  async refunds(tradeId: string): Promise<TradeRefundTable[]> {
    return this.db.selectFrom('trade_refunds').selectAll().where('trade_id', '=', tradeId).orderBy('created_at').orderBy('id').execute();
  }

  /** Trades of a merchant or of a buyer, newest first, after a cursor, those the filters let through. */
  async listTrades(owner: { readonly merchantId: string } | { readonly buyerUserId: string }, limit: number, startingAfter?: string, filters: TradeFilters = {}): Promise<TradeOutcome<{ data: TradeTable[]; hasMore: boolean }>> {
    let query = this.db.selectFrom('trades').selectAll();
    query = 'merchantId' in owner ? query.where('merchant_id', '=', owner.merchantId) : query.where('buyer_user_id', '=', owner.buyerUserId);
    const { status, kind, q } = filters;
    if (status !== undefined) query = query.where('status', '=', status);
    if (kind !== undefined) query = query.where('kind', '=', kind);
    if (q !== undefined) query = query.where((eb) => eb.or([eb('id', '=', q), eb('out_trade_no', '=', q), containsText('subject', q)]));
    if (startingAfter !== undefined) {
      const cursor = await this.findTrade(startingAfter);
      const mine = cursor !== undefined && ('merchantId' in owner ? cursor.merchant_id === owner.merchantId : cursor.buyer_user_id === owner.buyerUserId);
      if (!mine) return fail('trade_not_found');
      query = query.where((eb) => eb.or([eb('created_at', '<', cursor.created_at), eb.and([eb('created_at', '=', cursor.created_at), eb('id', '<', cursor.id)])]));
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    return ok({ data: rows.slice(0, limit), hasMore: rows.length > limit });
  }

  /** The buyer pays from the wallet (the caller has checked the PIN): held for an escrow trade, paid at once for a direct one. */
  pay(tradeId: string, buyer: WalletUser, merchant: TradeMerchant): Promise<TradeOutcome<TradeTable>> {
    return this.steps.run(tradeId, async (trade, now) => {
      if (trade.status !== 'WAIT_BUYER_PAY') return fail(trade.status === 'TRADE_CLOSED' ? 'trade_closed' : 'trade_status_invalid');
      if (trade.buyer_user_id !== null && trade.buyer_user_id !== buyer.id) return fail('trade_buyer_mismatch');
      if (now >= Number(trade.pay_deadline)) {
        await this.closeUnpaid(trade, { kind: 'system', id: null }, now);
        return fail('trade_closed');
      }
      const total = BigInt(trade.total_amount);
      const payment = async () => {
        const outcome = await this.payNow(trade, buyer, merchant, total, now);
        return { outcome, counts: outcome.ok };
      };
      // A trade on a sandbox test clock lives in simulated days: the real day's limit leaves it out.
      if (trade.test_clock_id !== null) return (await payment()).outcome;
      return (await this.outflow.withinDailyOutflow(buyer, total, trade.id, payment)) ?? fail<TradeTable>('daily_limit_exceeded');
    });
  }

  private async payNow(trade: TradeTable, buyer: WalletUser, merchant: TradeMerchant, total: bigint, now: number): Promise<TradeOutcome<TradeTable>> {
    const ids = this.steps.stepIds(trade);
    const accounts = { buyer: buyer.balanceAccountId, merchant: merchant.balanceAccountId };
    const escrow = trade.kind === 'escrow';
    const fee = escrow ? 0n : feeOf(total, trade.fee_rate_basis_points);
    const chain = escrow ? [holdTransfer(ids, accounts, total)] : [paymentTransfer(ids, accounts, total), ...(fee > 0n ? [feeTransfer(ids, accounts, fee)] : [])];
    const changes: Partial<TradeTable> = escrow
      ? { status: 'WAIT_SELLER_SEND_GOODS', buyer_user_id: buyer.id, held_amount: total.toString(), hold_transfer_id: chain[0]!.id.toString(), paid_at: now }
      : { status: 'TRADE_SUCCESS', buyer_user_id: buyer.id, released_amount: total.toString(), fee_amount: fee.toString(), paid_at: now, refund_deadline: now + merchant.refundWindowDays * dayMilliseconds };
    const step = { changes, events: [['paid', { amount: total, fee }]] as const, actor: { kind: 'buyer', id: buyer.id } as const, now };
    return this.steps.settle(trade, chain, step, (failure) => (failure === 'exceeds_credits' ? 'balance_insufficient' : unexpected(trade, failure)));
  }

  /** The seller ships an escrow trade; the buyer's confirmation clock starts. */
  ship(tradeId: string, seller: MerchantActor, carrier: string, trackingNumber: string): Promise<TradeOutcome<TradeTable>> {
    return this.steps.run(tradeId, async (trade, now) => {
      if (trade.merchant_id !== seller.id) return fail('trade_not_found');
      if (disputed(trade)) return fail('trade_disputed');
      if (trade.status !== 'WAIT_SELLER_SEND_GOODS') return fail('trade_status_invalid');
      const changes = { status: 'WAIT_BUYER_CONFIRM_GOODS', shipped_at: now, carrier, tracking_number: trackingNumber, confirm_deadline: now + autoConfirmDays * dayMilliseconds };
      return this.steps.record(trade, changes, [['shipped', { carrier, tracking_number: trackingNumber }]], seller, now);
    });
  }

  /**
   * Releases held money to the seller: all of it, or the given items (partial confirmation). The
   * buyer confirms; the system confirms when the deadline passes.
   */
  confirm(tradeId: string, actor: Actor, merchant: TradeMerchant, positions?: readonly number[]): Promise<TradeOutcome<TradeTable>> {
    return this.steps.run(tradeId, async (trade, now) => {
      if (actor.kind === 'buyer' && trade.buyer_user_id !== actor.id) return fail('trade_not_found');
      if (disputed(trade)) return fail('trade_disputed');
      if (trade.refund_request_id !== null) return fail('refund_request_pending');
      if (trade.status !== 'WAIT_BUYER_CONFIRM_GOODS') return fail('trade_status_invalid');
      // The system confirms only once the deadline has passed: an extension may have moved it since the sweep looked.
      if (actor.kind === 'system' && (trade.confirm_deadline === null || Number(trade.confirm_deadline) > now)) return fail('trade_status_invalid');
      const items = await this.items(trade.id);
      const held = BigInt(trade.held_amount);
      let amount = held;
      let released: TradeItemTable[] = items.filter((item) => item.status === 'held');
      if (positions !== undefined) {
        released = items.filter((item) => positions.includes(item.position));
        if (released.length !== new Set(positions).size || released.some((item) => item.status !== 'held')) return fail('item_invalid');
        amount = released.reduce((sum, item) => sum + BigInt(item.amount), 0n);
        if (amount > held) amount = held;
      }
      const ids = this.steps.stepIds(trade);
      const accounts = { buyer: await this.steps.buyerAccount(trade), merchant: merchant.balanceAccountId };
      const rest = held - amount;
      const releasedTotal = BigInt(trade.released_amount) + amount;
      const fee = feeOf(releasedTotal, trade.fee_rate_basis_points) - BigInt(trade.fee_amount);
      const chain = [postHold(ids, BigInt(trade.hold_transfer_id!), amount), ...(rest > 0n ? [holdTransfer(ids, accounts, rest)] : []), ...(fee > 0n ? [feeTransfer(ids, accounts, fee)] : [])];
      const changes: Partial<TradeTable> = {
        held_amount: rest.toString(),
        hold_transfer_id: rest > 0n ? chain[1]!.id.toString() : null,
        released_amount: releasedTotal.toString(),
        fee_amount: (BigInt(trade.fee_amount) + fee).toString(),
        ...(rest === 0n ? { status: 'TRADE_FINISHED', ended_at: now } : {}),
      };
      const itemWrites = released.map((item) => this.db.updateTable('trade_items').set({ status: 'released' }).where('trade_id', '=', trade.id).where('position', '=', item.position));
      const step = { changes, events: [['confirmed', { amount, fee, items: released.map((item) => item.position), automatic: actor.kind === 'system' }]] as const, actor, now, writes: itemWrites };
      return this.itemsOf.writing(trade.id, () => this.steps.settle(trade, chain, step, (failure) => unexpected(trade, failure)));
    });
  }

  /** Moves the confirmation deadline: the seller by 3, 5, 7 or 10 days; the buyer once, by 3 days, when 3 days or fewer remain. */
  extend(tradeId: string, actor: Actor, days: number): Promise<TradeOutcome<TradeTable>> {
    return this.steps.run(tradeId, async (trade, now) => {
      if (actor.kind === 'merchant' && trade.merchant_id !== actor.id) return fail('trade_not_found');
      if (actor.kind === 'buyer' && trade.buyer_user_id !== actor.id) return fail('trade_not_found');
      if (disputed(trade)) return fail('trade_disputed');
      if (trade.status !== 'WAIT_BUYER_CONFIRM_GOODS') return fail('trade_status_invalid');
      const deadline = Number(trade.confirm_deadline);
      if (deadline <= now) return fail('extension_invalid');
      if (actor.kind === 'merchant' && !sellerExtensionDays.includes(days)) return fail('extension_invalid');
      if (actor.kind === 'buyer' && (days !== buyerExtensionDays || trade.buyer_extended === 1 || deadline - now > buyerExtensionDays * dayMilliseconds)) return fail('extension_invalid');
      const changes = { confirm_deadline: deadline + days * dayMilliseconds, ...(actor.kind === 'buyer' ? { buyer_extended: 1 } : {}) };
      return this.steps.record(trade, changes, [['extended', { days }]], actor, now);
    });
  }

  /** Closes a trade nobody has paid. */
  close(tradeId: string, actor: Actor): Promise<TradeOutcome<TradeTable>> {
    return this.steps.run(tradeId, async (trade, now) => {
      if (actor.kind === 'merchant' && trade.merchant_id !== actor.id) return fail('trade_not_found');
      if (trade.status === 'TRADE_CLOSED') return ok(trade);
      if (trade.status !== 'WAIT_BUYER_PAY') return fail('trade_status_invalid');
      return this.closeUnpaid(trade, actor, now);
    });
  }

  /**
   * Refunds part or all of a paid trade, once per out_request_no: from the hold while money is
   * held, from the merchant's balance for money already released (with its share of the fee).
   * `via`: the merchant's credential.
   */
  refund(tradeId: string, merchant: TradeMerchant, via: ActedVia, input: { readonly amount: bigint; readonly outRequestNo: string; readonly reason: string | null }, options: { readonly allowPendingRequest?: boolean } = {}): Promise<TradeOutcome<TradeRefundTable>> {
    return this.steps.run(tradeId, async (trade, now): Promise<TradeOutcome<TradeRefundTable>> => {
      if (trade.merchant_id !== merchant.id) return fail('trade_not_found');
      const [earlier] = (await this.queries.refundByRequest(trade.id, input.outRequestNo)).rows;
      if (earlier !== undefined) return BigInt(earlier.amount) === input.amount ? ok(earlier) : fail('refund_request_conflict');
      if (disputed(trade)) return fail('trade_disputed');
      // A merchant answers a buyer's refund request by accepting or declining it, not beside it.
      if (trade.refund_request_id !== null && options.allowPendingRequest !== true) return fail('refund_request_pending');
      // An accepted refund request made inside the window is honoured after it.
      const inWindow = now < Number(trade.refund_deadline) || options.allowPendingRequest === true;
      const refundable = trade.status === 'WAIT_SELLER_SEND_GOODS' || trade.status === 'WAIT_BUYER_CONFIRM_GOODS' || (trade.status === 'TRADE_SUCCESS' && inWindow);
      if (!refundable) return fail(trade.status === 'TRADE_CLOSED' ? 'trade_closed' : 'trade_status_invalid');
      const held = BigInt(trade.held_amount);
      const released = BigInt(trade.released_amount);
      if (input.amount > held + released) return fail('refund_amount_too_large');
      const fromHold = input.amount < held ? input.amount : held;
      const fromBalance = input.amount - fromHold;
      const feeReturned = BigInt(trade.fee_amount) - feeOf(released - fromBalance, trade.fee_rate_basis_points);
      const ids = this.steps.stepIds(trade);
      const accounts = { buyer: await this.steps.buyerAccount(trade), merchant: merchant.balanceAccountId };
      const rehold = held - fromHold;
      const chain = [
        ...(fromHold > 0n ? [voidHold(ids, BigInt(trade.hold_transfer_id!))] : []),
        ...(fromHold > 0n && rehold > 0n ? [holdTransfer(ids, accounts, rehold)] : []),
        ...(feeReturned > 0n ? [feeReturnTransfer(ids, accounts, feeReturned)] : []),
        ...(fromBalance > 0n ? [refundTransfer(ids, accounts, fromBalance)] : []),
      ];
      const holdLeft = fromHold > 0n ? rehold : held;
      const releasedLeft = released - fromBalance;
      const refunded = BigInt(trade.refunded_amount) + input.amount;
      const ended = holdLeft === 0n && (releasedLeft === 0n || trade.kind === 'escrow');
      const changes: Partial<TradeTable> = {
        held_amount: holdLeft.toString(),
        hold_transfer_id: holdLeft === 0n ? null : fromHold > 0n ? chain[1]!.id.toString() : trade.hold_transfer_id,
        released_amount: releasedLeft.toString(),
        fee_amount: (BigInt(trade.fee_amount) - feeReturned).toString(),
        refunded_amount: refunded.toString(),
        ...(ended ? { status: releasedLeft === 0n ? 'TRADE_CLOSED' : 'TRADE_FINISHED', ended_at: now } : {}),
      };
      const refund: TradeRefundTable = { id: `rfd_${this.ids.nextId().toString(36)}`, trade_id: trade.id, out_request_no: input.outRequestNo, amount: input.amount.toString(), from_hold: fromHold.toString(), from_balance: fromBalance.toString(), fee_returned: feeReturned.toString(), reason: input.reason, status: 'succeeded', created_at: now };
      const step = { changes, events: [['refunded', { refund: refund.id, amount: input.amount, out_request_no: input.outRequestNo }]] as const, actor: { kind: 'merchant', id: merchant.id, via } as const, now, writes: [this.queries.insertRefund(refund)] };
      const recorded = await this.steps.settle(trade, chain, step, (failure) => (failure === 'exceeds_credits' ? 'refund_unfundable' : unexpected(trade, failure)));
      return recorded.ok ? ok(refund) : recorded;
    });
  }

  /**
   * Runs what has fallen due: unpaid trades close, shipped escrow trades confirm themselves, direct
   * trades finish. In real time for trades without a test clock; in a clock's simulated time for
   * the trades on it when `testClockId` is given. Answers how many trades moved. In real time it
   * then settles the claims of steps that did not finish (trade-steps.ts), which are not counted.
   */
  async runDue(merchantOf: (merchantId: string) => Promise<TradeMerchant>, testClockId: string | null = null, limit = 500): Promise<number> {
    const now = await this.steps.nowOf(testClockId);
    const system: Actor = { kind: 'system', id: null };
    const clockFilter = testClockId === null ? (eb: ExpressionBuilder<PlatformTables, 'trades'>) => eb('test_clock_id', 'is', null) : (eb: ExpressionBuilder<PlatformTables, 'trades'>) => eb('test_clock_id', '=', testClockId);
    let done = 0;
    const unpaid = await this.db.selectFrom('trades').select('id').where(clockFilter).where('status', '=', 'WAIT_BUYER_PAY').where('pay_deadline', '<=', now).limit(limit).execute();
    for (const { id } of unpaid) if ((await this.close(id, system)).ok) done++;
    const unconfirmed = await this.db
      .selectFrom('trades')
      .select(['id', 'merchant_id'])
      .where(clockFilter)
      .where('status', '=', 'WAIT_BUYER_CONFIRM_GOODS')
      .where('confirm_deadline', '<=', now)
      .where((eb) => eb.or([eb('dispute_status', 'is', null), eb('dispute_status', '=', 'decided')]))
      .where('refund_request_id', 'is', null)
      .limit(limit)
      .execute();
    for (const { id, merchant_id } of unconfirmed) if ((await this.confirm(id, system, await merchantOf(merchant_id))).ok) done++;
    // A refund request made inside the window keeps the trade open until the seller answers it.
    const refundable = await this.db.selectFrom('trades').select('id').where(clockFilter).where('status', '=', 'TRADE_SUCCESS').where('refund_deadline', '<=', now).where('refund_request_id', 'is', null).limit(limit).execute();
    for (const { id } of refundable) {
      const finished = await this.steps.run(id, async (trade, at) => (trade.status === 'TRADE_SUCCESS' && trade.refund_request_id === null ? this.steps.record(trade, { status: 'TRADE_FINISHED', ended_at: at }, [['finished', {}]], system, at) : ok(trade)));
      if (finished.ok) done++;
    }
    if (testClockId === null) await this.steps.settleClaims(limit);
    return done;
  }

  private async closeUnpaid(trade: TradeTable, actor: Actor, now: number): Promise<TradeOutcome<TradeTable>> {
    return this.steps.record(trade, { status: 'TRADE_CLOSED', ended_at: now }, [['closed', { unpaid: true }]], actor, now);
  }
}


/** Whether a request for a trade's out_trade_no asks for that trade: the same terms, buyer and test clock (a trade on simulated time is not one on real time). */
function sameTerms(trade: TradeTable, input: NewTrade): boolean {
  return trade.kind === input.kind && trade.total_amount === input.amount.toString() && trade.subject === input.subject && (trade.buyer_user_id ?? undefined) === input.buyerUserId && (trade.test_clock_id ?? undefined) === input.testClockId;
}


