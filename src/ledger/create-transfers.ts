// Transfer creation: validates one transfer event against the rules, in order of precedence, and
// applies it to the workspace. Post and void of a hold are in post-or-void.ts.

import { isUint, isUint16, isUint32 } from './create-accounts.js';
import { AccountFlags, hasFlag, TransferFlags, transferFlagsMask } from './flags.js';
import { nanosecondsPerSecond, u128Max, u64Max } from './limits.js';
import { postOrVoidPendingTransfer } from './post-or-void.js';
import type { CreateTransferResult } from './result-codes.js';
import { transferRecord, type Transfer, type TransferInput } from './types.js';
import type { MutableAccount, Workspace } from './workspace.js';

const closingFlags = TransferFlags.closingDebit | TransferFlags.closingCredit;
const balancingFlags = TransferFlags.balancingDebit | TransferFlags.balancingCredit;

/** Creates one transfer in the workspace, or returns why it cannot be created. */
export function createTransfer(workspace: Workspace, input: TransferInput, timestamp: bigint): CreateTransferResult {
  const range = checkTransferRanges(input);
  if (range !== 'ok') return range;
  const flags = input.flags;
  if ((flags & ~transferFlagsMask) !== 0) return 'reserved_flag';
  if (input.id === 0n) return 'id_must_not_be_zero';
  if (input.id === u128Max) return 'id_must_not_be_int_max';

  const existing = workspace.transfer(input.id);
  if (existing !== undefined) return compareExistingTransfer(workspace, input, existing);

  if ((flags & (TransferFlags.postPendingTransfer | TransferFlags.voidPendingTransfer)) !== 0) {
    return postOrVoidPendingTransfer(workspace, input, timestamp);
  }
  const pending = (flags & TransferFlags.pending) !== 0;

  if (input.debitAccountId === 0n) return 'debit_account_id_must_not_be_zero';
  if (input.debitAccountId === u128Max) return 'debit_account_id_must_not_be_int_max';
  if (input.creditAccountId === 0n) return 'credit_account_id_must_not_be_zero';
  if (input.creditAccountId === u128Max) return 'credit_account_id_must_not_be_int_max';
  if (input.debitAccountId === input.creditAccountId) return 'accounts_must_be_different';
  if (input.pendingId !== 0n) return 'pending_id_must_be_zero';
  if (!pending) {
    if (input.timeout !== 0) return 'timeout_reserved_for_pending_transfer';
    if ((flags & closingFlags) !== 0) return 'closing_transfer_must_be_pending';
  }
  if (input.amount === 0n) return 'amount_must_not_be_zero';
  if (input.ledger === 0) return 'ledger_must_not_be_zero';
  if (input.code === 0) return 'code_must_not_be_zero';

  const debitSlot = workspace.slot(input.debitAccountId);
  if (debitSlot < 0) return 'debit_account_not_found';
  const creditSlot = workspace.slot(input.creditAccountId);
  if (creditSlot < 0) return 'credit_account_not_found';
  const debit = workspace.at(debitSlot);
  const credit = workspace.at(creditSlot);
  if (debit.ledger !== credit.ledger) return 'accounts_must_have_the_same_ledger';
  if (input.ledger !== debit.ledger) return 'transfer_must_have_the_same_ledger_as_accounts';
  if ((debit.flags & AccountFlags.closed) !== 0) return 'debit_account_already_closed';
  if ((credit.flags & AccountFlags.closed) !== 0) return 'credit_account_already_closed';

  const amount = (flags & balancingFlags) !== 0 ? balancedAmount(input, debit, credit) : input.amount;
  const limit = checkBalanceLimits(debit, credit, amount, pending, timestamp, input.timeout);
  if (limit !== 'ok') return limit;

  workspace.insertTransfer(transferRecord(input, input, amount, timestamp), debitSlot, creditSlot);
  if (pending) {
    workspace.adjust(debitSlot, timestamp, amount, 0n, 0n, 0n);
    workspace.adjust(creditSlot, timestamp, 0n, 0n, amount, 0n);
    const expiresAt = input.timeout === 0 ? 0n : timestamp + BigInt(input.timeout) * nanosecondsPerSecond;
    workspace.setPending(input.id, { status: 'pending', expiresAt, resolvedAt: 0n });
    if ((flags & TransferFlags.closingDebit) !== 0) workspace.setClosed(debitSlot, true);
    if ((flags & TransferFlags.closingCredit) !== 0) workspace.setClosed(creditSlot, true);
  } else {
    workspace.adjust(debitSlot, timestamp, 0n, amount, 0n, 0n);
    workspace.adjust(creditSlot, timestamp, 0n, 0n, 0n, amount);
  }
  return 'ok';
}

function checkTransferRanges(input: TransferInput): CreateTransferResult {
  if (!isUint(input.id, u128Max)) return 'id_out_of_range';
  if (!isUint(input.debitAccountId, u128Max)) return 'debit_account_id_out_of_range';
  if (!isUint(input.creditAccountId, u128Max)) return 'credit_account_id_out_of_range';
  if (!isUint(input.pendingId, u128Max)) return 'pending_id_out_of_range';
  if (!isUint(input.amount, u128Max)) return 'amount_out_of_range';
  if (!isUint32(input.timeout)) return 'timeout_out_of_range';
  if (!isUint32(input.ledger)) return 'ledger_out_of_range';
  if (!isUint16(input.code)) return 'code_out_of_range';
  if (!isUint16(input.flags)) return 'flags_out_of_range';
  if (!isUint(input.userData128, u128Max) || !isUint(input.userData64, u64Max) || !isUint32(input.userData32)) {
    return 'user_data_out_of_range';
  }
  return 'ok';
}

/**
 * The amount of a balancing transfer: at most the requested amount, and no more than brings the
 * debit account's debits up to its credits (balancing_debit) or the credit account's credits up
 * to its debits (balancing_credit). Pending amounts count as already spent.
 */
function balancedAmount(input: TransferInput, debit: MutableAccount, credit: MutableAccount): bigint {
  let amount = input.amount;
  if ((input.flags & TransferFlags.balancingDebit) !== 0) {
    const available = debit.creditsPosted - debit.debitsPosted - debit.debitsPending;
    amount = minimum(amount, available > 0n ? available : 0n);
  }
  if ((input.flags & TransferFlags.balancingCredit) !== 0) {
    const available = credit.debitsPosted - credit.creditsPosted - credit.creditsPending;
    amount = minimum(amount, available > 0n ? available : 0n);
  }
  return amount;
}

/** Overflow and balance-limit checks shared by new transfers, in order of precedence. */
export function checkBalanceLimits(
  debit: MutableAccount,
  credit: MutableAccount,
  amount: bigint,
  pending: boolean,
  timestamp: bigint,
  timeoutSeconds: number,
): CreateTransferResult {
  // A sum of at most three values below 2^64 cannot pass 2^128 − 1, so when all are below 2^64 no
  // overflow check can fail; comparing is enough, where each sum would allocate a BigInt (hot path).
  const belowU64 =
    amount <= u64Max &&
    debit.debitsPending <= u64Max &&
    debit.debitsPosted <= u64Max &&
    credit.creditsPending <= u64Max &&
    credit.creditsPosted <= u64Max;
  if (!belowU64) {
    if (pending) {
      if (amount + debit.debitsPending > u128Max) return 'overflows_debits_pending';
      if (amount + credit.creditsPending > u128Max) return 'overflows_credits_pending';
    }
    // Checked for holds too, as TigerBeetle does: a hold must be postable in full.
    if (amount + debit.debitsPosted > u128Max) return 'overflows_debits_posted';
    if (amount + credit.creditsPosted > u128Max) return 'overflows_credits_posted';
    if (amount + debit.debitsPending + debit.debitsPosted > u128Max) return 'overflows_debits';
    if (amount + credit.creditsPending + credit.creditsPosted > u128Max) return 'overflows_credits';
  }
  const expiresLate = timeoutSeconds === 0 ? timestamp > u64Max : timestamp + BigInt(timeoutSeconds) * nanosecondsPerSecond > u64Max;
  if (expiresLate) return 'overflows_timeout';
  if (
    (debit.flags & AccountFlags.debitsMustNotExceedCredits) !== 0 &&
    debit.debitsPending + debit.debitsPosted + amount > debit.creditsPosted
  ) {
    return 'exceeds_credits';
  }
  if (
    (credit.flags & AccountFlags.creditsMustNotExceedDebits) !== 0 &&
    credit.creditsPending + credit.creditsPosted + amount > credit.debitsPosted
  ) {
    return 'exceeds_debits';
  }
  return 'ok';
}

/**
 * A retry of a stored transfer: `exists` if every field the caller chose matches. Post and void
 * events may leave the accounts, ledger and code at zero (taken from the hold), and balancing or
 * full-post events may ask for more than was moved.
 */
function compareExistingTransfer(workspace: Workspace, input: TransferInput, existing: Transfer): CreateTransferResult {
  if (input.flags !== existing.flags) return 'exists_with_different_flags';
  if (input.pendingId !== existing.pendingId) return 'exists_with_different_pending_id';
  if (input.timeout !== existing.timeout) return 'exists_with_different_timeout';
  const resolvesHold = hasFlag(input.flags, TransferFlags.postPendingTransfer) || hasFlag(input.flags, TransferFlags.voidPendingTransfer);
  if (input.debitAccountId !== existing.debitAccountId && !(resolvesHold && input.debitAccountId === 0n)) {
    return 'exists_with_different_debit_account_id';
  }
  if (input.creditAccountId !== existing.creditAccountId && !(resolvesHold && input.creditAccountId === 0n)) {
    return 'exists_with_different_credit_account_id';
  }
  if (!amountMatches(workspace, input, existing)) return 'exists_with_different_amount';
  if (input.userData128 !== existing.userData128) return 'exists_with_different_user_data_128';
  if (input.userData64 !== existing.userData64) return 'exists_with_different_user_data_64';
  if (input.userData32 !== existing.userData32) return 'exists_with_different_user_data_32';
  if (input.ledger !== existing.ledger && !(resolvesHold && input.ledger === 0)) return 'exists_with_different_ledger';
  if (input.code !== existing.code && !(resolvesHold && input.code === 0)) return 'exists_with_different_code';
  return 'exists';
}

function amountMatches(workspace: Workspace, input: TransferInput, existing: Transfer): boolean {
  if (input.amount === existing.amount) return true;
  const flags = input.flags;
  if ((flags & balancingFlags) !== 0) return input.amount >= existing.amount;
  // "Post all of it" matches a stored post only if that post was for the whole hold.
  if ((flags & TransferFlags.postPendingTransfer) !== 0) return input.amount === u128Max && existing.amount === workspace.transfer(existing.pendingId)?.amount;
  // A void may name the hold's amount or leave it at zero.
  if ((flags & TransferFlags.voidPendingTransfer) !== 0) return input.amount === 0n;
  return false;
}

function minimum(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
