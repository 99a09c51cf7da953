// A trade as the public sees it, the same in API answers and in notifications: amounts as decimal
// strings in major units beside the currency, times as ISO 8601.

import { isoTime } from '../platform/clock.js';
import { formatAmount } from '../money/index.js';
import type { TradeItemTable, TradeTable } from '../store/index.js';

const time = isoTime;
const money = (value: string, currency: string) => formatAmount(BigInt(value), currency);

export type PublicTrade = ReturnType<typeof publicTrade>;

export function publicTrade(trade: TradeTable, items: readonly TradeItemTable[]) {
  return {
    id: trade.id,
    object: 'trade' as const,
    kind: trade.kind,
    merchant: trade.merchant_id,
    out_trade_no: trade.out_trade_no,
    subject: trade.subject,
    amount: money(trade.total_amount, trade.currency),
    currency: trade.currency,
    status: trade.status,
    buyer: trade.buyer_user_id,
    held_amount: money(trade.held_amount, trade.currency),
    released_amount: money(trade.released_amount, trade.currency),
    fee_amount: money(trade.fee_amount, trade.currency),
    refunded_amount: money(trade.refunded_amount, trade.currency),
    dispute_status: trade.dispute_status,
    test_clock: trade.test_clock_id,
    pay_deadline: time(trade.pay_deadline)!,
    paid_at: time(trade.paid_at),
    shipping: trade.shipped_at === null ? null : { carrier: trade.carrier!, tracking_number: trade.tracking_number!, shipped_at: time(trade.shipped_at)! },
    confirm_deadline: time(trade.confirm_deadline),
    refund_deadline: time(trade.refund_deadline),
    items: items.map((item) => ({ position: Number(item.position), name: item.name, amount: money(item.amount, trade.currency), status: item.status })),
    created_at: time(trade.created_at)!,
  };
}
