// Refund requests: a buyer asks the seller for money back (an escrow trade before release, or a
// direct trade in its refund window). While a request waits, the confirmation clock stops and the
// buyer cannot confirm or dispute. The seller accepts (the refund is made, from the hold first) or
// declines with a word; after a decline the buyer has at least three days left to confirm or to
// open a dispute, in which an operator decides.

import type { Kysely } from 'kysely';
import type { IdSource } from '../platform/ids.js';
import type { PlatformDatabase, PlatformTables, TradeRefundRequestTable } from '../store/index.js';
import type { TradeService } from './trade-service.js';
import { disputed, fail, ok, type ActedVia, type MerchantActor, type TradeMerchant, type TradeOutcome, type TradeSteps } from './trade-steps.js';

const dayMilliseconds = 24 * 60 * 60 * 1000;
/** After a decline the buyer has at least this long to confirm or to open a dispute. */
export const declineGraceMilliseconds = 3 * dayMilliseconds;

export class RefundRequestService {
  private readonly db: Kysely<PlatformTables>;

  constructor(
    private readonly steps: TradeSteps,
    private readonly trades: TradeService,
    platform: PlatformDatabase,
    private readonly ids: IdSource,
  ) {
    this.db = platform.db;
  }

  async latest(tradeId: string): Promise<TradeRefundRequestTable | undefined> {
    return this.db.selectFrom('trade_refund_requests').selectAll().where('trade_id', '=', tradeId).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  }

  request(tradeId: string, buyerUserId: string, amount: bigint, reason: string): Promise<TradeOutcome<TradeRefundRequestTable>> {
    return this.steps.run(tradeId, async (trade, now) => {
      if (trade.buyer_user_id !== buyerUserId) return fail('trade_not_found');
      if (trade.refund_request_id !== null) return fail('refund_request_exists');
      if (disputed(trade)) return fail('trade_disputed');
      const held = BigInt(trade.held_amount);
      const open = trade.status === 'WAIT_SELLER_SEND_GOODS' || trade.status === 'WAIT_BUYER_CONFIRM_GOODS' || (trade.status === 'TRADE_SUCCESS' && now < Number(trade.refund_deadline));
      if (!open) return fail(trade.status === 'TRADE_CLOSED' ? 'trade_closed' : 'trade_status_invalid');
      if (amount > held + BigInt(trade.released_amount)) return fail('refund_amount_too_large');
      const row: TradeRefundRequestTable = { id: `rrq_${this.ids.nextId().toString(36)}`, trade_id: trade.id, amount: amount.toString(), reason, status: 'requested', answer: null, created_at: now, answered_at: null };
      const recorded = await this.steps.record(trade, { refund_request_id: row.id }, [['refund_requested', { request: row.id, amount, reason }]], { kind: 'buyer', id: buyerUserId }, now, [this.db.insertInto('trade_refund_requests').values(row)]);
      return recorded.ok ? ok(row) : recorded;
    });
  }

  /** The seller agrees: the refund is made (from the hold first), and the request is done. */
  async accept(tradeId: string, merchant: TradeMerchant, via: ActedVia): Promise<TradeOutcome<TradeRefundRequestTable>> {
    const trade = await this.trades.findTrade(tradeId);
    if (trade === undefined || trade.merchant_id !== merchant.id) return fail('trade_not_found');
    if (trade.refund_request_id === null) return fail('refund_request_not_found');
    const request = (await this.db.selectFrom('trade_refund_requests').selectAll().where('id', '=', trade.refund_request_id).executeTakeFirst())!;
    // Refunds are idempotent by out_request_no: accepting again after a crash refunds once.
    const refunded = await this.trades.refund(tradeId, merchant, via, { amount: BigInt(request.amount), outRequestNo: `request:${request.id}`, reason: request.reason }, { allowPendingRequest: true });
    if (!refunded.ok) return refunded;
    return this.answer(tradeId, request.id, 'accepted', null, { kind: 'merchant', id: merchant.id, via });
  }

  /** The seller declines, with a word; the buyer keeps at least three days to confirm or dispute. */
  decline(tradeId: string, merchant: TradeMerchant, via: ActedVia, answer: string): Promise<TradeOutcome<TradeRefundRequestTable>> {
    return this.trades.findTrade(tradeId).then((trade) => {
      if (trade === undefined || trade.merchant_id !== merchant.id) return fail<TradeRefundRequestTable>('trade_not_found');
      if (trade.refund_request_id === null) return fail<TradeRefundRequestTable>('refund_request_not_found');
      return this.answer(tradeId, trade.refund_request_id, 'declined', answer, { kind: 'merchant', id: merchant.id, via });
    });
  }

  private answer(tradeId: string, requestId: string, status: 'accepted' | 'declined', answer: string | null, actor: MerchantActor): Promise<TradeOutcome<TradeRefundRequestTable>> {
    return this.steps.run(tradeId, async (trade, now) => {
      if (trade.refund_request_id !== requestId) return fail('refund_request_not_found');
      const request = (await this.db.selectFrom('trade_refund_requests').selectAll().where('id', '=', requestId).executeTakeFirst())!;
      const deadline = trade.confirm_deadline === null ? null : Number(trade.confirm_deadline);
      const graced = status === 'declined' && deadline !== null && trade.status === 'WAIT_BUYER_CONFIRM_GOODS' && deadline < now + declineGraceMilliseconds ? { confirm_deadline: now + declineGraceMilliseconds } : {};
      const update = this.db.updateTable('trade_refund_requests').set({ status, answer, answered_at: now }).where('id', '=', requestId).where('status', '=', 'requested');
      const recorded = await this.steps.record(trade, { refund_request_id: null, ...graced }, [[status === 'accepted' ? 'refund_request_accepted' : 'refund_request_declined', { request: requestId, answer }]], actor, now, [{ query: update, expectRows: 1 }]);
      return recorded.ok ? ok({ ...request, status, answer, answered_at: now }) : recorded;
    });
  }
}
