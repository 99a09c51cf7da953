// Resolving a hold: post (all or part of) a pending transfer, or void it, at most once.

import { AccountFlags, TransferFlags } from './flags.js';
import { u128Max } from './limits.js';
import type { CreateTransferResult } from './result-codes.js';
import { transferRecord, type Transfer, type TransferInput } from './types.js';
import type { Workspace } from './workspace.js';

const notWithPostOrVoid =
  TransferFlags.pending | TransferFlags.balancingDebit | TransferFlags.balancingCredit | TransferFlags.closingDebit | TransferFlags.closingCredit;

/** Posts or voids the hold named by `input.pendingId`, or returns why it cannot. */
export function postOrVoidPendingTransfer(workspace: Workspace, input: TransferInput, timestamp: bigint): CreateTransferResult {
  const flags = input.flags;
  const post = (flags & TransferFlags.postPendingTransfer) !== 0;
  const isVoid = (flags & TransferFlags.voidPendingTransfer) !== 0;
  if ((post && isVoid) || (flags & notWithPostOrVoid) !== 0) return 'flags_are_mutually_exclusive';
  if (input.pendingId === 0n) return 'pending_id_must_not_be_zero';
  if (input.pendingId === u128Max) return 'pending_id_must_not_be_int_max';
  if (input.pendingId === input.id) return 'pending_id_must_be_different';
  if (input.timeout !== 0) return 'timeout_reserved_for_pending_transfer';
  if (post && input.amount === 0n) return 'amount_must_not_be_zero';

  const hold = workspace.transfer(input.pendingId);
  if (hold === undefined) return 'pending_transfer_not_found';
  if ((hold.flags & TransferFlags.pending) === 0) return 'pending_transfer_not_pending';
  if (input.debitAccountId !== 0n && input.debitAccountId !== hold.debitAccountId) return 'pending_transfer_has_different_debit_account_id';
  if (input.creditAccountId !== 0n && input.creditAccountId !== hold.creditAccountId) return 'pending_transfer_has_different_credit_account_id';
  if (input.ledger !== 0 && input.ledger !== hold.ledger) return 'pending_transfer_has_different_ledger';
  if (input.code !== 0 && input.code !== hold.code) return 'pending_transfer_has_different_code';

  const amount = post ? (input.amount === u128Max ? hold.amount : input.amount) : hold.amount;
  if (post && amount > hold.amount) return 'exceeds_pending_transfer_amount';
  if (isVoid && input.amount !== 0n && input.amount !== hold.amount) {
    return input.amount > hold.amount ? 'exceeds_pending_transfer_amount' : 'pending_transfer_has_different_amount';
  }

  const state = workspace.pending(hold.id);
  if (state === undefined) throw new Error(`ledger: hold ${hold.id} has no pending state`);
  if (state.status === 'posted') return 'pending_transfer_already_posted';
  if (state.status === 'voided') return 'pending_transfer_already_voided';
  if (state.status === 'expired' || (state.expiresAt !== 0n && state.expiresAt <= timestamp)) return 'pending_transfer_expired';

  const debitSlot = workspace.slot(hold.debitAccountId);
  const creditSlot = workspace.slot(hold.creditAccountId);
  if (debitSlot < 0 || creditSlot < 0) throw new Error(`ledger: accounts of hold ${hold.id} are missing`);
  const debit = workspace.at(debitSlot);
  const credit = workspace.at(creditSlot);
  if (post) {
    // As in TigerBeetle, the only movement a closed account allows is voiding a hold.
    if ((debit.flags & AccountFlags.closed) !== 0) return 'debit_account_already_closed';
    if ((credit.flags & AccountFlags.closed) !== 0) return 'credit_account_already_closed';
    if (debit.debitsPosted + amount > u128Max) return 'overflows_debits_posted';
    if (credit.creditsPosted + amount > u128Max) return 'overflows_credits_posted';
  }

  workspace.insertTransfer(transferRecord(input, hold, amount, timestamp), debitSlot, creditSlot);
  workspace.adjust(debitSlot, timestamp, -hold.amount, post ? amount : 0n, 0n, 0n);
  workspace.adjust(creditSlot, timestamp, 0n, 0n, -hold.amount, post ? amount : 0n);
  workspace.setPending(hold.id, { status: post ? 'posted' : 'voided', expiresAt: state.expiresAt, resolvedAt: timestamp });
  if (isVoid) reopenClosedAccounts(workspace, hold, debitSlot, creditSlot);
  return 'ok';
}

/** Voiding or expiring a closing transfer reopens the accounts it closed (named by their slots). */
export function reopenClosedAccounts(workspace: Workspace, hold: Transfer, debit: number, credit: number): void {
  if ((hold.flags & TransferFlags.closingDebit) !== 0 && (workspace.at(debit).flags & AccountFlags.closed) !== 0) workspace.setClosed(debit, false);
  if ((hold.flags & TransferFlags.closingCredit) !== 0 && (workspace.at(credit).flags & AccountFlags.closed) !== 0) workspace.setClosed(credit, false);
}
