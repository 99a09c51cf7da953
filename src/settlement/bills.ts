// A merchant's daily bill: every movement of its balance on one business day (China Standard
// Time), read from the ledger itself, so its totals are the ledger's movements by construction:
// payments and released holds in, fees out, fee returns in, refunds out, splits out and in,
// payouts out. Each line names its trade (from the transfer's user_data_128) or its payout.

import type { Transfer } from '../ledger/index.js';
import { transferFlags, queryLimitMax } from '../ledger/index.js';
import { formatAmount } from '../money/index.js';
import { isoTime } from '../platform/clock.js';
import { selectInBatches, type Ledger, type PlatformDatabase } from '../store/index.js';
import { tradeIdOf } from '../trades/index.js';
import { TransferCode } from '../wallet/index.js';
import { csvField, spreadsheetText } from '../platform/csv.js';

const dayMilliseconds = 24 * 60 * 60 * 1000;
/** China Standard Time is UTC+8 all year: business days start at 16:00 UTC. */
export const chinaOffsetMilliseconds = 8 * 60 * 60 * 1000;

/** 'other' takes any movement made outside trades and payouts (an operator's correction), so that the net is always the ledger's. */
export type BillLineType = 'payment' | 'release' | 'fee' | 'fee_return' | 'refund' | 'split_out' | 'split_in' | 'payout' | 'other';
export const billLineTypes: readonly BillLineType[] = ['payment', 'release', 'fee', 'fee_return', 'refund', 'split_out', 'split_in', 'payout', 'other'];

export interface BillLine {
  readonly time: string;
  readonly type: BillLineType;
  /** The trade or payout the movement belongs to. */
  readonly reference: string;
  readonly outTradeNo: string;
  /** Signed: what the movement did to the merchant's posted balance, in fen. */
  readonly amount: bigint;
  readonly transferId: bigint;
}

export interface DailyBill {
  readonly day: string;
  readonly lines: readonly BillLine[];
  readonly totals: Readonly<Record<BillLineType, bigint>>;
  /** The net of every line: the posted balance at the end of the day less at its start. */
  readonly net: bigint;
}

/** The business day (`yyyy-MM-dd`, CST) a moment falls in. */
export function businessDayOf(milliseconds: number): string {
  return isoTime(milliseconds + chinaOffsetMilliseconds).slice(0, 10);
}

/** The first and last nanosecond of a business day `yyyy-MM-dd` (CST), or undefined if it is not a date. */
export function businessDayRange(day: string): { readonly first: bigint; readonly last: bigint } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return undefined;
  const start = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - chinaOffsetMilliseconds;
  if (isoTime(start + chinaOffsetMilliseconds).slice(0, 10) !== day) return undefined;
  return { first: BigInt(start) * 1_000_000n, last: BigInt(start + dayMilliseconds) * 1_000_000n - 1n };
}

export class BillService {
  constructor(
    private readonly ledger: Ledger,
    private readonly platform: PlatformDatabase,
  ) {}

  /** The bill of `merchantId`, whose balance account is `balanceAccountId`, for a business day. */
  async dailyBill(merchantId: string, balanceAccountId: bigint, day: string): Promise<DailyBill | undefined> {
    const range = businessDayRange(day);
    if (range === undefined) return undefined;
    const transfers: Transfer[] = [];
    for (let from = range.first; ; ) {
      const page = await this.ledger.getAccountTransfers({ accountId: balanceAccountId, timestampMin: from, timestampMax: range.last, limit: queryLimitMax, debits: true, credits: true, reversed: false });
      transfers.push(...page);
      if (page.length < queryLimitMax) break;
      from = page.at(-1)!.timestamp + 1n;
    }
    // A post or void names its hold; the hold tells its accounts and its code when the post does not.
    const holdIds = [...new Set(transfers.filter((transfer) => transfer.pendingId !== 0n).map((transfer) => transfer.pendingId))];
    const holds = new Map((await this.ledger.lookupTransfers(holdIds)).map((hold) => [hold.id, hold]));
    const entries: { line: BillLine; transfer: Transfer; hold: Transfer | undefined }[] = [];
    for (const transfer of transfers) {
      const hold = holds.get(transfer.pendingId);
      const line = classify(transfer, hold, balanceAccountId);
      if (line !== undefined) entries.push({ line: { ...line, time: isoTime(Number(transfer.timestamp / 1_000_000n)), transferId: transfer.id, reference: '', outTradeNo: '' }, transfer, hold });
    }
    const named = await this.name(entries, merchantId);
    const totals = Object.fromEntries(billLineTypes.map((type) => [type, named.filter((line) => line.type === type).reduce((sum, line) => sum + line.amount, 0n)])) as Record<BillLineType, bigint>;
    return { day, lines: named, totals, net: named.reduce((sum, line) => sum + line.amount, 0n) };
  }

  /** The bill as CSV: one row per movement, then a total per type and the net. */
  static csv(bill: DailyBill): string {
    const rows = [['time', 'type', 'reference', 'out_trade_no', 'amount', 'currency', 'transfer_id'].join(',')];
    for (const line of bill.lines) rows.push([line.time, line.type, line.reference, spreadsheetText(line.outTradeNo), formatAmount(line.amount, 'CNY'), 'CNY', line.transferId.toString()].map(csvField).join(','));
    for (const type of billLineTypes) rows.push(['', `total_${type}`, '', '', formatAmount(bill.totals[type], 'CNY'), 'CNY', ''].join(','));
    rows.push(['', 'net', '', '', formatAmount(bill.net, 'CNY'), 'CNY', ''].join(','));
    return `${rows.join('\n')}\n`;
  }

  private async name(entries: readonly { line: BillLine; transfer: Transfer; hold: Transfer | undefined }[], merchantId: string): Promise<BillLine[]> {
    const db = this.platform.db;
    const tradeIds = [...new Set(entries.filter(({ line }) => line.type !== 'payout' && line.type !== 'other').map(({ transfer, hold }) => tradeIdOf(transfer.userData128 !== 0n ? transfer.userData128 : (hold?.userData128 ?? 0n))))];
    // Found by id in maps, and read in slices: a day may hold tens of thousands of trades.
    const trades = new Map(
      (await selectInBatches(tradeIds, (slice) => db.selectFrom('trades').select(['id', 'out_trade_no', 'merchant_id']).where('id', 'in', slice).execute())).map((row) => [row.id, row]),
    );
    const holdIds = entries.filter(({ line }) => line.type === 'payout').map(({ transfer }) => transfer.pendingId.toString());
    const payouts = new Map(
      (await selectInBatches(holdIds, (slice) => db.selectFrom('payouts').select(['id', 'hold_transfer_id']).where('hold_transfer_id', 'in', slice).execute())).map((row) => [row.hold_transfer_id, row.id]),
    );
    return entries.map(({ line, transfer, hold }) => {
      if (line.type === 'payout') return { ...line, reference: payouts.get(transfer.pendingId.toString()) ?? '' };
      if (line.type === 'other') return line;
      const tradeId = tradeIdOf(transfer.userData128 !== 0n ? transfer.userData128 : (hold?.userData128 ?? 0n));
      // Another merchant's order number (a split received from it) is its own business.
      const trade = trades.get(tradeId);
      return { ...line, reference: tradeId, outTradeNo: trade !== undefined && trade.merchant_id === merchantId ? trade.out_trade_no : '' };
    });
  }
}

/** What a transfer did to the merchant's posted balance, and why; undefined when it did nothing to it. */
function classify(transfer: Transfer, hold: Transfer | undefined, account: bigint): { type: BillLineType; amount: bigint } | undefined {
  const flags = transfer.flags;
  if ((flags & transferFlags('pending')) !== 0 || (flags & transferFlags('voidPendingTransfer')) !== 0) return undefined;
  const posting = (flags & transferFlags('postPendingTransfer')) !== 0;
  const source = posting ? (hold ?? transfer) : transfer;
  const credit = source.creditAccountId === account;
  const debit = source.debitAccountId === account;
  if (!credit && !debit) return undefined;
  const amount = credit ? transfer.amount : -transfer.amount;
  switch (source.code) {
    case TransferCode.tradePayment:
      return { type: 'payment', amount };
    case TransferCode.tradeHold:
      return { type: 'release', amount };
    case TransferCode.merchantFee:
      return { type: 'fee', amount };
    case TransferCode.feeReturn:
      return { type: 'fee_return', amount };
    case TransferCode.tradeRefund:
      return { type: 'refund', amount };
    case TransferCode.tradeSplit:
      return { type: credit ? 'split_in' : 'split_out', amount };
    case TransferCode.payout:
      return { type: 'payout', amount };
    default:
      return { type: 'other', amount };
  }
}
