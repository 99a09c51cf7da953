// Split settlement: a merchant sends part of a paid trade's proceeds on to other merchants (a
// marketplace paying its sellers, a platform its partners), once per out_request_no. The money
// moves from the merchant's balance to each receiver's in one linked chain, all or none; a trade
// cannot send on more than the merchant received from it (splittableOf).

import type { Kysely } from 'kysely';
import { transferInput } from '../ledger/index.js';
import type { IdSource } from '../platform/ids.js';
import type { PlatformDatabase, PlatformTables, TradeSplitTable, TradeTable } from '../store/index.js';
import { cnyLedger, TransferCode } from '../wallet/index.js';
import { disputed, fail, ok, unexpected, type ActedVia, type TradeMerchant, type TradeOutcome, type TradeSteps } from './trade-steps.js';

export const splitReceiversMax = 20;

export interface Royalty {
  /** The receiving merchant's id. */
  readonly transIn: string;
  readonly amount: bigint;
  readonly description: string | null;
}

/**
 * What may still be split from a trade: what the merchant received from it and has not split yet
 * (Alipay's rule for order.settle). That is the money released to the merchant less the fee booked
 * on it, both net of refunds taken from the merchant after release — `released_amount` is already
 * less those refunds, and `fee_amount` less the fee they returned — less what was split before.
 * Without the fee a merchant could send on up to the fee's worth of its other money as this
 * trade's proceeds. It is negative when refunds after a split took back more than was left.
 */
export function splittableOf(trade: TradeTable): bigint {
  return BigInt(trade.released_amount) - BigInt(trade.fee_amount) - BigInt(trade.split_amount);
}

export class SplitService {
  private readonly db: Kysely<PlatformTables>;

  constructor(
    private readonly steps: TradeSteps,
    platform: PlatformDatabase,
    private readonly ids: IdSource,
  ) {
    this.db = platform.db;
  }

  async splits(tradeId: string): Promise<TradeSplitTable[]> {
    return this.db.selectFrom('trade_splits').selectAll().where('trade_id', '=', tradeId).orderBy('created_at').orderBy('id').execute();
  }

  /** Sends proceeds on; the same out_request_no with the same royalties answers the split it made. */
  split(tradeId: string, merchant: TradeMerchant, via: ActedVia, outRequestNo: string, royalties: readonly Royalty[], receiverOf: (merchantId: string) => Promise<TradeMerchant | undefined>): Promise<TradeOutcome<TradeSplitTable>> {
    return this.steps.run(tradeId, async (trade, now): Promise<TradeOutcome<TradeSplitTable>> => {
      if (trade.merchant_id !== merchant.id) return fail('trade_not_found');
      const stored = JSON.stringify(royalties.map((royalty) => ({ trans_in: royalty.transIn, amount: royalty.amount.toString(), desc: royalty.description })));
      const earlier = await this.db.selectFrom('trade_splits').selectAll().where('trade_id', '=', trade.id).where('out_request_no', '=', outRequestNo).executeTakeFirst();
      if (earlier !== undefined) return earlier.royalties === stored ? ok(earlier) : fail('split_request_conflict');
      if (disputed(trade)) return fail('trade_disputed');
      if (trade.status !== 'TRADE_SUCCESS' && trade.status !== 'TRADE_FINISHED') return fail(trade.status === 'TRADE_CLOSED' ? 'trade_closed' : 'trade_status_invalid');
      const total = royalties.reduce((sum, royalty) => sum + royalty.amount, 0n);
      if (total > splittableOf(trade)) return fail('split_amount_too_large');
      const receivers = await Promise.all(royalties.map((royalty) => receiverOf(royalty.transIn)));
      if (receivers.some((receiver) => receiver === undefined || receiver.id === merchant.id)) return fail('split_receiver_invalid');
      const ids = this.steps.stepIds(trade);
      const chain = royalties.map((royalty, index) => transferInput({ id: ids.next(), debitAccountId: merchant.balanceAccountId, creditAccountId: receivers[index]!.balanceAccountId, amount: royalty.amount, ledger: cnyLedger, code: TransferCode.tradeSplit }));
      const split: TradeSplitTable = { id: `spl_${this.ids.nextId().toString(36)}`, trade_id: trade.id, out_request_no: outRequestNo, amount: total.toString(), royalties: stored, created_at: now };
      const step = { changes: { split_amount: (BigInt(trade.split_amount) + total).toString() }, events: [['split', { split: split.id, amount: total, out_request_no: outRequestNo }]] as const, actor: { kind: 'merchant', id: merchant.id, via } as const, now, writes: [this.db.insertInto('trade_splits').values(split)] };
      // Refused for want of funds: the merchant has paid out or refunded what it would send on.
      const recorded = await this.steps.settle(trade, chain, step, (failure) => (failure === 'exceeds_credits' ? 'refund_unfundable' : unexpected(trade, failure)));
      return recorded.ok ? ok(split) : recorded;
    });
  }
}
