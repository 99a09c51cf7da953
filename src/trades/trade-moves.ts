// The ledger's side of a trade: every step is one linked chain of ordinary transfers, so it moves
// all of its money or none. An escrow payment is a hold (a pending transfer from the buyer toward
// the seller). Releasing part of it posts the hold for that part, which gives the rest back to the
// buyer, and holds the rest again in the same chain; a refund from the hold voids it and holds
// again what is not refunded. Money reaching the merchant pays the fee in the same chain.

import { transferFlags, transferInput, type CreateTransferResult, type TransferInput } from '../ledger/index.js';
import { derivedId } from '../platform/ids.js';
import { cnyLedger, SystemAccount, TransferCode } from '../wallet/index.js';

export interface TradeAccounts {
  readonly buyer: bigint;
  readonly merchant: bigint;
}

/** Names the transfers of one step of a trade: the same step at the same version always has the same ids. */
export class StepIds {
  private index = 0;

  constructor(private readonly key: string) {}

  next(): bigint {
    return derivedId(this.key, `trade-step-transfer-${this.index++}`);
  }
}

/** Marks every transfer but the last as linked to the next: the chain succeeds or fails as one. */
export function linkedChain(transfers: readonly TransferInput[]): TransferInput[] {
  return transfers.map((transfer, index) => (index === transfers.length - 1 ? transfer : { ...transfer, flags: transfer.flags | transferFlags('linked') }));
}

export function holdTransfer(ids: StepIds, accounts: TradeAccounts, amount: bigint): TransferInput {
  return transferInput({ id: ids.next(), debitAccountId: accounts.buyer, creditAccountId: accounts.merchant, amount, ledger: cnyLedger, code: TransferCode.tradeHold, flags: transferFlags('pending') });
}

export function paymentTransfer(ids: StepIds, accounts: TradeAccounts, amount: bigint): TransferInput {
  return transferInput({ id: ids.next(), debitAccountId: accounts.buyer, creditAccountId: accounts.merchant, amount, ledger: cnyLedger, code: TransferCode.tradePayment });
}

export function feeTransfer(ids: StepIds, accounts: TradeAccounts, amount: bigint): TransferInput {
  return transferInput({ id: ids.next(), debitAccountId: accounts.merchant, creditAccountId: SystemAccount.platformFeesCny, amount, ledger: cnyLedger, code: TransferCode.merchantFee });
}

export function feeReturnTransfer(ids: StepIds, accounts: TradeAccounts, amount: bigint): TransferInput {
  return transferInput({ id: ids.next(), debitAccountId: SystemAccount.platformFeesCny, creditAccountId: accounts.merchant, amount, ledger: cnyLedger, code: TransferCode.feeReturn });
}

export function refundTransfer(ids: StepIds, accounts: TradeAccounts, amount: bigint): TransferInput {
  return transferInput({ id: ids.next(), debitAccountId: accounts.merchant, creditAccountId: accounts.buyer, amount, ledger: cnyLedger, code: TransferCode.tradeRefund });
}

/** Posts `amount` of a hold to the merchant; the rest of it goes back to the buyer. */
export function postHold(ids: StepIds, holdId: bigint, amount: bigint): TransferInput {
  return transferInput({ id: ids.next(), pendingId: holdId, amount, flags: transferFlags('postPendingTransfer') });
}

export function voidHold(ids: StepIds, holdId: bigint): TransferInput {
  return transferInput({ id: ids.next(), pendingId: holdId, flags: transferFlags('voidPendingTransfer') });
}

/** How long a fence's hold lasts if its void is lost: it expires by itself. */
export const fenceTimeoutSeconds = 60;

/**
 * A fence on a chain that must never move: a hold of 1 fen from bank clearing toward the fee
 * account under the id of the chain's first transfer, so that the chain, linked, is refused as a
 * whole if it ever reaches the ledger. Every fence on one id is the same transfer, so a second
 * fence answers `exists`, while a chain that moved answers `exists_with_different_…`.
 */
export function fenceTransfer(id: bigint): TransferInput {
  return transferInput({ id, debitAccountId: SystemAccount.bankClearingCny, creditAccountId: SystemAccount.platformFeesCny, amount: 1n, ledger: cnyLedger, code: TransferCode.stepFence, flags: transferFlags('pending'), timeout: fenceTimeoutSeconds });
}

/** Whether a transfer in the ledger is a fence rather than a chain's. */
export function isFence(transfer: { readonly code: number }): boolean {
  return transfer.code === TransferCode.stepFence;
}

/** The void that gives a fence's fen back at once. */
export function fenceVoid(id: bigint): TransferInput {
  return transferInput({ id: derivedId(`${id}`, 'step-fence-void'), pendingId: id, flags: transferFlags('voidPendingTransfer') });
}

/** The failing transfer of a chain and why, or undefined when all of it applied (now or before). */
export function chainFailure(transfers: readonly TransferInput[], results: readonly CreateTransferResult[]): { readonly transfer: TransferInput; readonly result: CreateTransferResult } | undefined {
  const index = results.findIndex((result) => result !== 'ok' && result !== 'exists' && result !== 'linked_event_failed');
  if (index >= 0) return { transfer: transfers[index]!, result: results[index]! };
  const unexplained = results.findIndex((result) => result !== 'ok' && result !== 'exists');
  return unexplained >= 0 ? { transfer: transfers[unexplained]!, result: results[unexplained]! } : undefined;
}
