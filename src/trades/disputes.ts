// Disputes on escrow trades, before the money is released: the buyer opens one (the trade's money
// then waits: no confirmation, automatic or not, no shipping, no refund), the seller answers, and
// an operator decides how much of the held money goes back to the buyer; the rest goes to the
// seller, less the fee. Every step is on the trade's timeline with who did it and when.

import type { Kysely } from 'kysely';
import type { IdSource } from '../platform/ids.js';
import { noWrites, type PlatformDatabase, type PlatformTables, type PlatformWrite, type TradeDisputeTable, type TradeRefundTable, type WritesWith } from '../store/index.js';
import { feeTransfer, postHold, voidHold } from './trade-moves.js';
import { disputed, fail, feeOf, ok, unexpected, type MerchantActor, type TradeMerchant, type TradeOutcome, type TradeSteps } from './trade-steps.js';

export const disputeReasonLengthMax = 1_000;
export const disputeListMax = 100;

export class DisputeService {
  private readonly db: Kysely<PlatformTables>;

  constructor(
    private readonly steps: TradeSteps,
    platform: PlatformDatabase,
    private readonly ids: IdSource,
  ) {
    this.db = platform.db;
  }

  async findByTrade(tradeId: string): Promise<TradeDisputeTable | undefined> {
    return this.db.selectFrom('trade_disputes').selectAll().where('trade_id', '=', tradeId).executeTakeFirst();
  }

  async find(id: string): Promise<TradeDisputeTable | undefined> {
    return this.db.selectFrom('trade_disputes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Disputes by state, oldest first: the operators' queue. */
  async list(statuses: readonly string[], limit: number): Promise<TradeDisputeTable[]> {
    return this.db.selectFrom('trade_disputes').selectAll().where('status', 'in', statuses).orderBy('opened_at').orderBy('id').limit(limit).execute();
  }

  /** The buyer opens a dispute on an escrow trade whose money is still held. */
  open(tradeId: string, buyerUserId: string, reason: string): Promise<TradeOutcome<TradeDisputeTable>> {
    return this.steps.run(tradeId, async (trade, now) => {
      if (trade.buyer_user_id !== buyerUserId) return fail('trade_not_found');
      const heldStatus = trade.status === 'WAIT_SELLER_SEND_GOODS' || trade.status === 'WAIT_BUYER_CONFIRM_GOODS';
      if (trade.refund_request_id !== null) return fail('refund_request_pending');
      if (trade.kind !== 'escrow' || !heldStatus || trade.dispute_status !== null || BigInt(trade.held_amount) === 0n) return fail('dispute_not_allowed');
      const dispute: TradeDisputeTable = { id: `dsp_${this.ids.nextId().toString(36)}`, trade_id: trade.id, status: 'open', reason, seller_statement: null, refund_amount: null, decision_note: null, decided_by: null, opened_at: now, answered_at: null, decided_at: null };
      const recorded = await this.steps.record(trade, { dispute_status: 'open' }, [['dispute_opened', { dispute: dispute.id, reason }]], { kind: 'buyer', id: buyerUserId }, now, [this.db.insertInto('trade_disputes').values(dispute)]);
      return recorded.ok ? ok(dispute) : recorded;
    });
  }

  /** The seller answers with their side of it. */
  answer(tradeId: string, seller: MerchantActor, statement: string): Promise<TradeOutcome<TradeDisputeTable>> {
    return this.steps.run(tradeId, async (trade, now) => {
      if (trade.merchant_id !== seller.id) return fail('trade_not_found');
      const dispute = await this.findByTrade(trade.id);
      if (dispute === undefined) return fail('dispute_not_found');
      if (dispute.status !== 'open') return fail('dispute_status_invalid');
      const answered = { ...dispute, status: 'answered', seller_statement: statement, answered_at: now };
      const write = this.db.updateTable('trade_disputes').set({ status: 'answered', seller_statement: statement, answered_at: now }).where('id', '=', dispute.id).where('status', '=', 'open');
      const recorded = await this.steps.record(trade, { dispute_status: 'answered' }, [['dispute_answered', { dispute: dispute.id, statement }]], seller, now, [{ query: write, expectRows: 1 }]);
      return recorded.ok ? ok(answered) : recorded;
    });
  }

  /**
   * An operator decides: `refund` of the held money goes back to the buyer, the rest to the seller
   * less the fee, in one chain (a post of the hold for the seller's part gives the rest back).
   */
  decide(disputeId: string, operatorId: string, merchantOf: (merchantId: string) => Promise<TradeMerchant>, refund: bigint, note: string | null, alsoWrite: WritesWith = noWrites): Promise<TradeOutcome<TradeDisputeTable>> {
    return this.find(disputeId).then((found) => {
      if (found === undefined) return fail<TradeDisputeTable>('dispute_not_found');
      return this.steps.run(found.trade_id, async (trade, now) => {
        const dispute = (await this.find(disputeId))!;
        if (!disputed(trade) || dispute.status === 'decided') return fail('dispute_status_invalid');
        const held = BigInt(trade.held_amount);
        if (refund < 0n || refund > held) return fail('refund_amount_too_large');
        const merchant = await merchantOf(trade.merchant_id);
        const release = held - refund;
        const releasedTotal = BigInt(trade.released_amount) + release;
        const fee = feeOf(releasedTotal, trade.fee_rate_basis_points) - BigInt(trade.fee_amount);
        const ids = this.steps.stepIds(trade);
        const accounts = { buyer: await this.steps.buyerAccount(trade), merchant: merchant.balanceAccountId };
        const holdId = BigInt(trade.hold_transfer_id!);
        const chain = release === 0n ? [voidHold(ids, holdId)] : [postHold(ids, holdId, release), ...(fee > 0n ? [feeTransfer(ids, accounts, fee)] : [])];
        const decided: TradeDisputeTable = { ...dispute, status: 'decided', refund_amount: refund.toString(), decision_note: note, decided_by: operatorId, decided_at: now };
        const writes: PlatformWrite[] = [...alsoWrite(), { query: this.db.updateTable('trade_disputes').set({ status: 'decided', refund_amount: decided.refund_amount, decision_note: note, decided_by: operatorId, decided_at: now }).where('id', '=', dispute.id).where('status', '!=', 'decided'), expectRows: 1 }];
        if (refund > 0n) {
          const row: TradeRefundTable = { id: `rfd_${this.ids.nextId().toString(36)}`, trade_id: trade.id, out_request_no: `dispute:${dispute.id}`, amount: refund.toString(), from_hold: refund.toString(), from_balance: '0', fee_returned: '0', reason: note ?? 'dispute decision', status: 'succeeded', created_at: now };
          writes.push(this.db.insertInto('trade_refunds').values(row));
        }
        const changes = {
          dispute_status: 'decided',
          held_amount: '0',
          hold_transfer_id: null,
          released_amount: releasedTotal.toString(),
          fee_amount: (BigInt(trade.fee_amount) + fee).toString(),
          refunded_amount: (BigInt(trade.refunded_amount) + refund).toString(),
          status: releasedTotal > 0n ? 'TRADE_FINISHED' : 'TRADE_CLOSED',
          ended_at: now,
        };
        const step = { changes, events: [['dispute_decided', { dispute: dispute.id, refund, released: release, fee, note }]] as const, actor: { kind: 'operator', id: operatorId } as const, now, writes };
        const recorded = await this.steps.settle(trade, chain, step, (failure) => unexpected(trade, failure));
        return recorded.ok ? ok(decided) : recorded;
      });
    });
  }
}
