// A consumer's payments to merchants and the money that came back, read from the ledger (the truth
// of what moved, and when): what each step of a trade did to what the consumer can spend, their
// available balance (posted credits less posted and pending debits). An escrow payment is a hold
// and a direct payment a transfer, both out; a refund, a voided hold, or the part of a hold that a
// post gives back, in.
//
// One movement is one step of a trade, and a step is one linked chain, whose events the ledger
// stores at consecutive timestamps: a transfer of the account one timestamp after a linked
// transfer of the same trade is the next link of its chain (linksInto). A step is listed as its
// net: a release that posts part of a hold and holds the rest again nets to nothing (what the
// buyer can spend does not change) and is left out; a refund from a hold that holds the rest
// again is one refund of the difference.

import { batchEventsMax, queryLimitMax, TransferFlags, u64Max, type Transfer } from '../ledger/index.js';
import type { Ledger } from '../store/index.js';
import { TransferCode } from './chart.js';

export const tradeMovementKinds = ['trade_payment', 'trade_refund'] as const;
export type TradeMovementKind = (typeof tradeMovementKinds)[number];

/** Ids of movements read from the ledger: this prefix and the step's first transfer id on the account, in decimal. */
export const ledgerMovementPrefix = 'ltr_';

/** The latest timestamp a scan can be asked for: no upper bound. */
export const timestampLatest = u64Max;

export interface TradeMovement {
  readonly id: string;
  readonly kind: TradeMovementKind;
  /** The trade, as every transfer of a trade step names it in user_data_128. */
  readonly reference: bigint;
  /** Minor units: what the step did to the available balance, negative when money left it. */
  readonly amount: bigint;
  /** Nanoseconds: the step's first transfer on the account. */
  readonly timestamp: bigint;
}

export interface TradeMovementScan {
  /** Inclusive bounds, in nanoseconds, of the movements' timestamps. */
  readonly newest: bigint;
  readonly oldest: bigint;
  /** How many movements of `kinds` to find at most, newest first. */
  readonly want: number;
  readonly kinds: readonly TradeMovementKind[];
}

/** The transfer codes of trade steps (trade-moves.ts), each carrying its trade in user_data_128. */
const tradeCodes: ReadonlySet<number> = new Set([TransferCode.tradeHold, TransferCode.tradePayment, TransferCode.merchantFee, TransferCode.tradeRefund, TransferCode.feeReturn, TransferCode.tradeSplit]);

export function isTradeTransfer(transfer: Transfer): boolean {
  return tradeCodes.has(transfer.code) && transfer.userData128 !== 0n;
}

/** The transfer id behind a movement id, or undefined when it is not one. */
export function movementTransferId(id: string): bigint | undefined {
  const digits = id.startsWith(ledgerMovementPrefix) ? id.slice(ledgerMovementPrefix.length) : '';
  return /^[1-9]\d{0,38}$/.test(digits) ? BigInt(digits) : undefined;
}

interface Step {
  readonly firstId: bigint;
  readonly reference: bigint;
  readonly timestamp: bigint;
  readonly amount: bigint;
}

/** The trade movements of a balance account, newest first, within the scan's bounds. */
export async function scanTradeMovements(ledger: Ledger, accountId: bigint, scan: TradeMovementScan): Promise<TradeMovement[]> {
  const found: TradeMovement[] = [];
  if (scan.want <= 0 || scan.kinds.length === 0 || scan.newest < scan.oldest) return found;
  // A step's transfers lie within one batch's timestamps: reading that far past each bound finds
  // the whole of a step that a bound cuts through, which then counts where its first transfer is.
  const reach = BigInt(batchEventsMax);
  const floor = scan.oldest > reach ? scan.oldest - reach : 0n;
  let ceiling = scan.newest + reach;
  let step: Step | undefined;
  /** Keeps a whole step if it is a movement the scan wants; true when the scan is done. */
  const finish = (done: Step): boolean => {
    if (done.timestamp < scan.oldest) return true;
    if (done.timestamp > scan.newest || done.amount === 0n) return false;
    const kind: TradeMovementKind = done.amount < 0n ? 'trade_payment' : 'trade_refund';
    if (scan.kinds.includes(kind)) found.push({ id: `${ledgerMovementPrefix}${done.firstId}`, kind, reference: done.reference, amount: done.amount, timestamp: done.timestamp });
    return found.length >= scan.want;
  };
  for (;;) {
    const page = await ledger.getAccountTransfers({ accountId, timestampMin: floor, timestampMax: ceiling, limit: queryLimitMax, debits: true, credits: true, reversed: true });
    const holds = await holdsPosted(ledger, page, accountId);
    for (const transfer of page) {
      if (!isTradeTransfer(transfer)) continue;
      const amount = availableEffect(transfer, holds.get(transfer.pendingId), accountId);
      if (step !== undefined && (await linksInto(ledger, accountId, transfer, step))) {
        step = { firstId: transfer.id, reference: step.reference, timestamp: transfer.timestamp, amount: step.amount + amount };
        continue;
      }
      if (step !== undefined && finish(step)) return found;
      step = { firstId: transfer.id, reference: transfer.userData128, timestamp: transfer.timestamp, amount };
    }
    if (page.length < queryLimitMax) break;
    ceiling = page.at(-1)!.timestamp - 1n;
  }
  if (step !== undefined) finish(step);
  return found;
}

/**
 * Whether `transfer` is a link of the same chain as the first transfer of `step`: the link just
 * before it, or one whose links in between (on other accounts: a refund's fee return between the
 * hold given back and the refund from the merchant's balance) are all found, linked, on the other
 * account of `transfer` and name the same trade. Otherwise they are told apart, as two steps.
 */
async function linksInto(ledger: Ledger, accountId: bigint, transfer: Transfer, step: Step): Promise<boolean> {
  if ((transfer.flags & TransferFlags.linked) === 0 || transfer.userData128 !== step.reference) return false;
  const gap = step.timestamp - transfer.timestamp - 1n;
  if (gap === 0n) return true;
  if (gap < 0n || gap >= BigInt(batchEventsMax)) return false;
  const other = transfer.debitAccountId === accountId ? transfer.creditAccountId : transfer.debitAccountId;
  const between = await ledger.getAccountTransfers({ accountId: other, timestampMin: transfer.timestamp + 1n, timestampMax: step.timestamp - 1n, limit: Number(gap), debits: true, credits: true, reversed: false });
  return BigInt(between.length) === gap && between.every((link) => (link.flags & TransferFlags.linked) !== 0 && link.userData128 === step.reference);
}

/**
 * What a transfer did to the account's available balance. Posts and voids are stored with their
 * hold's accounts; a void's amount is the hold's, a post's the part posted (the rest of the hold
 * goes back), so a post on the debit side needs its hold.
 */
function availableEffect(transfer: Transfer, hold: Transfer | undefined, accountId: bigint): bigint {
  const debit = transfer.debitAccountId === accountId;
  const flags = transfer.flags;
  if ((flags & TransferFlags.pending) !== 0) return debit ? -transfer.amount : 0n;
  if ((flags & TransferFlags.voidPendingTransfer) !== 0) return debit ? transfer.amount : 0n;
  if ((flags & TransferFlags.postPendingTransfer) !== 0) {
    if (!debit) return transfer.amount;
    if (hold === undefined) throw new Error(`wallet: the hold ${transfer.pendingId} of transfer ${transfer.id} is missing`);
    return hold.amount - transfer.amount;
  }
  return debit ? -transfer.amount : transfer.amount;
}

/** The holds of the posts on the debit side of the account among `transfers`, by id. */
async function holdsPosted(ledger: Ledger, transfers: readonly Transfer[], accountId: bigint): Promise<Map<bigint, Transfer>> {
  const ids = [...new Set(transfers.filter((transfer) => (transfer.flags & TransferFlags.postPendingTransfer) !== 0 && transfer.debitAccountId === accountId && isTradeTransfer(transfer)).map((transfer) => transfer.pendingId))];
  return new Map((ids.length === 0 ? [] : await ledger.lookupTransfers(ids)).map((hold) => [hold.id, hold]));
}
