// The open-API methods the gateway serves, each over the same trade services as the REST API:
// precreate (a QR code any wallet can pay), create (for a named buyer), pay (the buyer's one-time
// payment code at a till), query, refund and its query, close and cancel.

import { formatAmount, parseAmount } from '../money/index.js';
import type { Services } from '../services.js';
import type { TradeRefundTable, TradeTable } from '../store/index.js';
import { payDeadline, splitReceiversMax, type ActedVia, type MerchantActor, type TradeFailure, type TradeMerchant, type TradeOutcome } from '../trades/index.js';
import { businessDayRange } from '../settlement/index.js';
import { paymentCodeAmountMax } from '../wallet/index.js';
import { businessFailure } from './answers.js';
import { alipayTime } from '../notify/index.js';

export interface MethodContext {
  readonly services: Services;
  readonly merchant: TradeMerchant;
  readonly appId: string;
  readonly notifyUrl: string | undefined;
  readonly biz: Readonly<Record<string, unknown>>;
  /** Where the wallet opens a precreated trade's QR code. */
  readonly payPageOrigin: string;
}

type Method = (context: MethodContext) => Promise<Record<string, unknown>>;

/** The credential the merchant acts through here: the app that signed the request. */
function appVia(context: MethodContext): ActedVia {
  return { type: 'app', id: context.appId };
}

/** The merchant acting through the app that signed the request: who takes a trade's step. */
function appActor(context: MethodContext): MerchantActor {
  return { kind: 'merchant', id: context.merchant.id, via: appVia(context) };
}

/** Alipay's limits on total_amount: 0.01 to 100,000,000.00. */
const amountMax = 10_000_000_000n;

const subCodes: Record<TradeFailure, [string, string]> = {
  trade_not_found: ['ACQ.TRADE_NOT_EXIST', 'The trade does not exist.'],
  out_trade_no_taken: ['ACQ.CONTEXT_INCONSISTENT', 'A trade with this out_trade_no exists with other terms.'],
  timeout_express_invalid: ['ACQ.INVALID_PARAMETER', 'timeout_express must be 1m to 15d, or 1c.'],
  items_total_mismatch: ['ACQ.INVALID_PARAMETER', 'The items do not add up to the amount.'],
  trade_status_invalid: ['ACQ.TRADE_STATUS_ERROR', 'The trade is not in a state that allows this.'],
  trade_closed: ['ACQ.TRADE_HAS_CLOSE', 'The trade is closed.'],
  trade_buyer_mismatch: ['ACQ.BUYER_NOT_MATCH', 'The trade is for another buyer.'],
  balance_insufficient: ['ACQ.BUYER_BALANCE_NOT_ENOUGH', "The buyer's balance is not enough."],
  daily_limit_exceeded: ['ACQ.BUYER_PAYMENT_AMOUNT_DAY_LIMIT_ERROR', "The buyer's payments today would pass their daily limit."],
  item_invalid: ['ACQ.INVALID_PARAMETER', 'The items are not valid.'],
  extension_invalid: ['ACQ.INVALID_PARAMETER', 'The extension is not allowed.'],
  refund_amount_too_large: ['ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', 'The refund is more than what is left of the trade.'],
  refund_request_conflict: ['ACQ.CONTEXT_INCONSISTENT', 'This out_request_no was used for a refund of another amount.'],
  refund_unfundable: ['ACQ.SELLER_BALANCE_NOT_ENOUGH', "The merchant's balance cannot fund this refund."],
  trade_changed: ['ACQ.SYSTEM_ERROR', 'The trade changed at the same moment; retry.'],
  trade_disputed: ['ACQ.TRADE_STATUS_ERROR', 'The trade is in dispute.'],
  dispute_not_allowed: ['ACQ.TRADE_STATUS_ERROR', 'The trade cannot be disputed.'],
  dispute_not_found: ['ACQ.TRADE_STATUS_ERROR', 'The trade has no dispute.'],
  dispute_status_invalid: ['ACQ.TRADE_STATUS_ERROR', 'The dispute does not allow this.'],
  split_receiver_invalid: ['ACQ.TRANS_IN_INVALID', 'A receiver (trans_in) is not another active merchant.'],
  split_amount_too_large: ['ACQ.ALLOC_AMOUNT_VALIDATE_ERROR', 'The splits add up to more than the trade left the merchant (released, less its fee and refunds) and is not split already.'],
  split_request_conflict: ['ACQ.CONTEXT_INCONSISTENT', 'This out_request_no was used for other royalties.'],
  refund_request_exists: ['ACQ.TRADE_STATUS_ERROR', 'A refund request is waiting already.'],
  refund_request_not_found: ['ACQ.TRADE_STATUS_ERROR', 'No refund request is waiting.'],
  refund_request_pending: ['ACQ.TRADE_STATUS_ERROR', "A buyer's refund request waits for an answer."],
  test_clock_not_found: ['ACQ.INVALID_PARAMETER', 'No test clock of this merchant has this id.'],
};

function value<T>(outcome: TradeOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  const [subCode, message] = subCodes[outcome.code];
  throw businessFailure(subCode, message);
}

function text(biz: MethodContext['biz'], field: string, lengthMax: number): string | undefined {
  const raw = biz[field];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string' || raw.length > lengthMax) throw businessFailure('ACQ.INVALID_PARAMETER', `${field} must be a string of at most ${lengthMax} characters.`);
  return raw;
}

function required(biz: MethodContext['biz'], field: string, lengthMax: number): string {
  const found = text(biz, field, lengthMax);
  if (found === undefined) throw businessFailure('ACQ.INVALID_PARAMETER', `${field} is required.`);
  return found;
}

/** A yuan amount with at most two decimals, as text or a JSON number. */
function amount(biz: MethodContext['biz'], field: string): bigint {
  const raw = biz[field];
  const source = typeof raw === 'number' ? String(raw) : raw;
  if (typeof source !== 'string') throw businessFailure('ACQ.INVALID_PARAMETER', `${field} is required.`);
  const parsed = parseAmount(source, 'CNY', { allowZero: false });
  if (!parsed.ok || parsed.amount > amountMax) throw businessFailure('ACQ.INVALID_PARAMETER', `${field} must be 0.01 to 100000000.00 with at most two decimals.`);
  return parsed.amount;
}

const yuan = (fen: string | bigint) => formatAmount(BigInt(fen), 'CNY');

/** The merchant's trade named by trade_no or out_trade_no. */
async function findTrade(context: MethodContext): Promise<TradeTable> {
  const tradeNo = text(context.biz, 'trade_no', 64);
  const outTradeNo = text(context.biz, 'out_trade_no', 64);
  if (tradeNo === undefined && outTradeNo === undefined) throw businessFailure('ACQ.INVALID_PARAMETER', 'trade_no or out_trade_no is required.');
  const trade = tradeNo !== undefined ? await context.services.trades.findTrade(tradeNo) : await context.services.trades.findByOutTradeNo(context.merchant.id, outTradeNo!);
  if (trade === undefined || trade.merchant_id !== context.merchant.id || (outTradeNo !== undefined && trade.out_trade_no !== outTradeNo)) throw businessFailure('ACQ.TRADE_NOT_EXIST', 'The trade does not exist.');
  return trade;
}

/** A new direct trade from the common fields, or the one this out_trade_no made before with the same terms. */
async function createDirectTrade(context: MethodContext, buyerUserId?: string): Promise<TradeTable> {
  const timeoutExpress = text(context.biz, 'timeout_express', 8);
  return value(
    await context.services.trades.createTrade(context.merchant, appVia(context), {
      kind: 'direct',
      outTradeNo: required(context.biz, 'out_trade_no', 64),
      subject: required(context.biz, 'subject', 256),
      amount: amount(context.biz, 'total_amount'),
      appId: context.appId,
      ...(buyerUserId === undefined ? {} : { buyerUserId }),
      ...(timeoutExpress === undefined ? {} : { timeoutExpress }),
      ...(context.notifyUrl === undefined ? {} : { notifyUrl: context.notifyUrl }),
    }),
  );
}

function stillPayable(trade: TradeTable): void {
  if (trade.status === 'TRADE_SUCCESS' || trade.status === 'TRADE_FINISHED') throw businessFailure('ACQ.TRADE_HAS_SUCCESS', 'The trade has been paid.');
  if (trade.status === 'TRADE_CLOSED') throw businessFailure('ACQ.TRADE_HAS_CLOSE', 'The trade is closed.');
}

function paidFields(trade: TradeTable) {
  return { trade_no: trade.id, out_trade_no: trade.out_trade_no, buyer_user_id: trade.buyer_user_id, total_amount: yuan(trade.total_amount), receipt_amount: yuan(trade.total_amount), buyer_pay_amount: yuan(trade.total_amount), gmt_payment: trade.paid_at === null ? undefined : alipayTime(Number(trade.paid_at)) };
}

async function refundFields(context: MethodContext, trade: TradeTable, refund: TradeRefundTable, fundChange: boolean) {
  const current = (await context.services.trades.findTrade(trade.id))!;
  return { trade_no: trade.id, out_trade_no: trade.out_trade_no, buyer_user_id: trade.buyer_user_id, refund_fee: yuan(current.refunded_amount), fund_change: fundChange ? 'Y' : 'N', gmt_refund_pay: alipayTime(Number(refund.created_at)) };
}

async function refund(context: MethodContext, trade: TradeTable, refundAmount: bigint, outRequestNo: string, reason: string | null): Promise<Record<string, unknown>> {
  const earlier = (await context.services.trades.refunds(trade.id)).find((row) => row.out_request_no === outRequestNo);
  const made = value(await context.services.trades.refund(trade.id, context.merchant, appVia(context), { amount: refundAmount, outRequestNo, reason }));
  return refundFields(context, trade, made, earlier === undefined);
}

export const gatewayMethods: Readonly<Record<string, Method>> = {
  'alipay.trade.precreate': async (context) => {
    const trade = await createDirectTrade(context);
    stillPayable(trade);
    return { out_trade_no: trade.out_trade_no, qr_code: `${context.payPageOrigin}/pay/${trade.id}` };
  },

  'alipay.trade.create': async (context) => {
    const buyerId = required(context.biz, 'buyer_id', 64);
    const buyer = await context.services.identity.findUser(buyerId);
    if (buyer === undefined) throw businessFailure('ACQ.BUYER_NOT_EXIST', 'No buyer has this id.');
    const trade = await createDirectTrade(context, buyer.id);
    stillPayable(trade);
    return { out_trade_no: trade.out_trade_no, trade_no: trade.id };
  },

  'alipay.trade.pay': async (context) => {
    const scene = required(context.biz, 'scene', 32);
    if (scene !== 'bar_code' && scene !== 'security_code') throw businessFailure('ACQ.INVALID_PARAMETER', 'scene must be bar_code.');
    const authCode = required(context.biz, 'auth_code', 32);
    const total = amount(context.biz, 'total_amount');
    if (total > paymentCodeAmountMax) throw businessFailure('ACQ.PAYMENT_AUTH_CODE_INVALID', 'A payment code pays at most 2000.00; ask the buyer to pay with the PIN.');
    // Every term is checked before the buyer's one-time code is used up, so that a refused request
    // leaves the code valid for the next try.
    const outTradeNo = required(context.biz, 'out_trade_no', 64);
    const subject = required(context.biz, 'subject', 256);
    const timeoutExpress = text(context.biz, 'timeout_express', 8);
    if (timeoutExpress !== undefined && payDeadline(timeoutExpress, context.services.clock.now().getTime()) === undefined) value({ ok: false, code: 'timeout_express_invalid' });
    const existing = await context.services.trades.findByOutTradeNo(context.merchant.id, outTradeNo);
    if (existing !== undefined) {
      stillPayable(existing);
      if (existing.total_amount !== total.toString() || existing.subject !== subject) value({ ok: false, code: 'out_trade_no_taken' });
    }
    const redeemed = await context.services.paymentCodes.redeem(authCode);
    if (!redeemed.ok) throw businessFailure('ACQ.PAYMENT_AUTH_CODE_INVALID', 'The payment code is not valid, has expired, or was used.');
    const buyer = await context.services.identity.findUser(redeemed.userId);
    if (buyer === undefined || buyer.status === 'frozen') throw businessFailure('ACQ.BUYER_ENABLE_STATUS_FORBID', "The buyer's account cannot pay.");
    const trade = await createDirectTrade(context, buyer.id);
    stillPayable(trade);
    return paidFields(value(await context.services.trades.pay(trade.id, buyer, context.merchant)));
  },

  'alipay.trade.query': async (context) => {
    const trade = await findTrade(context);
    const paid = trade.paid_at !== null;
    return { trade_no: trade.id, out_trade_no: trade.out_trade_no, trade_status: trade.status, total_amount: yuan(trade.total_amount), ...(paid ? paidFields(trade) : {}) };
  },

  'alipay.trade.refund': async (context) => {
    const trade = await findTrade(context);
    const outRequestNo = text(context.biz, 'out_request_no', 64) ?? trade.id;
    return refund(context, trade, amount(context.biz, 'refund_amount'), outRequestNo, text(context.biz, 'refund_reason', 256) ?? null);
  },

  'alipay.trade.fastpay.refund.query': async (context) => {
    const trade = await findTrade(context);
    const outRequestNo = required(context.biz, 'out_request_no', 64);
    const found = (await context.services.trades.refunds(trade.id)).find((row) => row.out_request_no === outRequestNo);
    const base = { trade_no: trade.id, out_trade_no: trade.out_trade_no, out_request_no: outRequestNo };
    return found === undefined ? base : { ...base, total_amount: yuan(trade.total_amount), refund_amount: yuan(found.amount), refund_status: 'REFUND_SUCCESS', gmt_refund_pay: alipayTime(Number(found.created_at)) };
  },

  'alipay.trade.order.settle': async (context) => {
    const trade = await findTrade(context);
    const outRequestNo = required(context.biz, 'out_request_no', 32);
    const parameters = context.biz.royalty_parameters;
    if (!Array.isArray(parameters) || parameters.length === 0 || parameters.length > splitReceiversMax) throw businessFailure('ACQ.INVALID_PARAMETER', `royalty_parameters must be a list of 1 to ${splitReceiversMax} receivers.`);
    const royalties = parameters.map((entry: unknown) => {
      const royalty = (entry ?? {}) as Record<string, unknown>;
      return { transIn: required(royalty, 'trans_in', 64), amount: amount(royalty, 'amount'), description: text(royalty, 'desc', 256) ?? null };
    });
    const receiverOf = (merchantId: string) => context.services.merchants.findMerchant(merchantId).then((merchant) => (merchant?.status === 'active' ? merchant : undefined));
    const split = value(await context.services.splits.split(trade.id, context.merchant, appVia(context), outRequestNo, royalties, receiverOf));
    return { trade_no: trade.id, settle_no: split.id };
  },

  'alipay.data.dataservice.bill.downloadurl.query': async (context) => {
    const billType = required(context.biz, 'bill_type', 32);
    if (billType !== 'trade' && billType !== 'signcustomer') throw businessFailure('ACQ.INVALID_PARAMETER', 'bill_type must be trade or signcustomer.');
    const day = required(context.biz, 'bill_date', 10);
    const range = businessDayRange(day);
    if (range === undefined) throw businessFailure('ACQ.INVALID_PARAMETER', 'bill_date must be yyyy-MM-dd.');
    // A day's bill is ready once the day is over (Alipay: the next morning).
    if (range.last >= BigInt(context.services.clock.now().getTime()) * 1_000_000n) throw businessFailure('ACQ.BILL_NOT_EXIST', 'The bill of this day is not ready yet.');
    return { bill_download_url: `${context.payPageOrigin}/v1/bill_downloads?token=${context.services.billLinks.issue(context.merchant.id, day)}` };
  },

  'alipay.trade.close': async (context) => {
    const trade = await findTrade(context);
    const closed = value(await context.services.trades.close(trade.id, appActor(context)));
    return { trade_no: closed.id, out_trade_no: closed.out_trade_no };
  },

  'alipay.trade.cancel': async (context) => {
    const trade = await findTrade(context);
    if (trade.status === 'WAIT_BUYER_PAY' || (trade.status === 'TRADE_CLOSED' && trade.paid_at === null)) {
      value(await context.services.trades.close(trade.id, appActor(context)));
      return { trade_no: trade.id, out_trade_no: trade.out_trade_no, retry_flag: 'N', action: 'close' };
    }
    const left = BigInt(trade.released_amount) + BigInt(trade.held_amount);
    if (left > 0n) await refund(context, trade, left, `cancel:${trade.id}`, 'cancelled');
    return { trade_no: trade.id, out_trade_no: trade.out_trade_no, retry_flag: 'N', action: 'refund' };
  },
};
