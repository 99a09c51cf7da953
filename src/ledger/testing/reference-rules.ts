// The reference model's validation rules as ordered tables: the first rule that holds is the result.

import { AccountFlags, accountInputFlagsMask, TransferFlags, transferFlagsMask } from '../flags.js';
import { amountMax, nanosecondsPerSecond, u128Max, u16Max, u32Max, u64Max } from '../limits.js';
import type { CreateAccountResult, CreateTransferResult } from '../result-codes.js';
import type { Account, AccountInput, PendingState, Transfer, TransferInput } from '../types.js';

/**
 * Points where a reading of the rules can go two ways. `tigerBeetleRules` follows TigerBeetle's
 * state machine, and the engine follows it; the other values are the readings that were rejected.
 */
export interface ReferenceRules {
  /** Result of the last event of a chain left open when an earlier event of it already failed. */
  readonly openChainAfterFailure: 'linked_event_chain_open' | 'linked_event_failed';
  /** Posting a hold whose debit or credit account is closed fails with *_already_closed. */
  readonly postChecksClosedAccounts: boolean;
  /** A new pending transfer is also refused when it would overflow debits_posted/credits_posted. */
  readonly pendingChecksPostedOverflow: boolean;
  /** A retried post with amount 2^128−1 is `exists` even when the stored post was partial. */
  readonly fullPostRetryMatchesPartialPost: boolean;
}

export const tigerBeetleRules: ReferenceRules = {
  openChainAfterFailure: 'linked_event_chain_open',
  postChecksClosedAccounts: true,
  pendingChecksPostedOverflow: true,
  fullPostRetryMatchesPartialPost: false,
};

export type Rule<V, R> = readonly [R, (view: V) => boolean];

/** What the account rules look at. */
export interface AccountView {
  readonly a: AccountInput;
  readonly existing: Account | undefined;
  readonly ledgers: ReadonlySet<number> | undefined;
}

/** What the transfer rules look at; accounts are the hold's for post and void. */
export interface TransferView {
  readonly t: TransferInput;
  readonly timestamp: bigint;
  readonly rules: ReferenceRules;
  readonly kind: 'plain' | 'post' | 'void';
  readonly existing: Transfer | undefined;
  /** The hold an existing post or void resolved. */
  readonly existingHold: Transfer | undefined;
  readonly hold: Transfer | undefined;
  readonly holdState: PendingState | undefined;
  readonly dr: Account | undefined;
  readonly cr: Account | undefined;
  /** What the transfer would move: clamped when balancing, the hold's for a full post or a void. */
  readonly amount: bigint;
}

const u128 = (value: bigint): boolean => typeof value === 'bigint' && value >= 0n && value <= u128Max;
const u64 = (value: bigint): boolean => typeof value === 'bigint' && value >= 0n && value <= u64Max;
const u32 = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= u32Max;
const u16 = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= u16Max;
/** True when any of the bits is set. */
const any = (flags: number, bits: number): boolean => (flags & bits) !== 0;
const closed = (account: Account | undefined): boolean => any(account!.flags, AccountFlags.closed);

export const accountRules: readonly Rule<AccountView, CreateAccountResult>[] = [
  ['id_out_of_range', (v) => !u128(v.a.id)],
  ['ledger_out_of_range', (v) => !u32(v.a.ledger)],
  ['code_out_of_range', (v) => !u16(v.a.code)],
  ['flags_out_of_range', (v) => !u16(v.a.flags)],
  ['user_data_out_of_range', (v) => !u128(v.a.userData128) || !u64(v.a.userData64) || !u32(v.a.userData32)],
  ['reserved_flag', (v) => any(v.a.flags, ~accountInputFlagsMask)],
  ['id_must_not_be_zero', (v) => v.a.id === 0n],
  ['id_must_not_be_int_max', (v) => v.a.id === u128Max],
  // The closed flag belongs to the ledger, so a retry is compared without it.
  ['exists_with_different_flags', (v) => v.existing !== undefined && v.a.flags !== (v.existing.flags & ~AccountFlags.closed)],
  ['exists_with_different_user_data_128', (v) => v.existing !== undefined && v.a.userData128 !== v.existing.userData128],
  ['exists_with_different_user_data_64', (v) => v.existing !== undefined && v.a.userData64 !== v.existing.userData64],
  ['exists_with_different_user_data_32', (v) => v.existing !== undefined && v.a.userData32 !== v.existing.userData32],
  ['exists_with_different_ledger', (v) => v.existing !== undefined && v.a.ledger !== v.existing.ledger],
  ['exists_with_different_code', (v) => v.existing !== undefined && v.a.code !== v.existing.code],
  ['exists', (v) => v.existing !== undefined],
  [
    'flags_are_mutually_exclusive',
    (v) => any(v.a.flags, AccountFlags.debitsMustNotExceedCredits) && any(v.a.flags, AccountFlags.creditsMustNotExceedDebits),
  ],
  ['ledger_must_not_be_zero', (v) => v.a.ledger === 0],
  ['ledger_not_found', (v) => v.ledgers !== undefined && !v.ledgers.has(v.a.ledger)],
  ['code_must_not_be_zero', (v) => v.a.code === 0],
];

const balancing = TransferFlags.balancingDebit | TransferFlags.balancingCredit;
const closing = TransferFlags.closingDebit | TransferFlags.closingCredit;
const plain = (v: TransferView): boolean => v.kind === 'plain';
const resolving = (v: TransferView): boolean => v.kind !== 'plain';
const isPending = (v: TransferView): boolean => any(v.t.flags, TransferFlags.pending);
/** For post and void, a zero account, ledger or code in the request means "the hold's". */
const differs = <T>(v: TransferView, asked: T, stored: T, zero: T): boolean => asked !== stored && !(resolving(v) && asked === zero);

/** Whether a retry asks for the amount that was moved (TigerBeetle's idempotency rules). */
function sameAmount(v: TransferView, existing: Transfer): boolean {
  const asked = v.t.amount;
  if (asked === existing.amount) return true;
  if (any(v.t.flags, balancing) && v.kind === 'plain') return asked >= existing.amount;
  if (v.kind === 'post' && asked === amountMax) {
    return v.rules.fullPostRetryMatchesPartialPost || existing.amount === v.existingHold?.amount;
  }
  return v.kind === 'void' && asked === 0n;
}

function overflows(...terms: bigint[]): boolean {
  return terms.reduce((sum, term) => sum + term, 0n) > u128Max;
}

function postedOverflowChecked(v: TransferView): boolean {
  if (v.kind === 'post') return true;
  return v.kind === 'plain' && (!isPending(v) || v.rules.pendingChecksPostedOverflow);
}

const closedChecked = (v: TransferView): boolean => plain(v) || (v.kind === 'post' && v.rules.postChecksClosedAccounts);

export const transferRules: readonly Rule<TransferView, CreateTransferResult>[] = [
  ['id_out_of_range', (v) => !u128(v.t.id)],
  ['debit_account_id_out_of_range', (v) => !u128(v.t.debitAccountId)],
  ['credit_account_id_out_of_range', (v) => !u128(v.t.creditAccountId)],
  ['pending_id_out_of_range', (v) => !u128(v.t.pendingId)],
  ['amount_out_of_range', (v) => !u128(v.t.amount)],
  ['timeout_out_of_range', (v) => !u32(v.t.timeout)],
  ['ledger_out_of_range', (v) => !u32(v.t.ledger)],
  ['code_out_of_range', (v) => !u16(v.t.code)],
  ['flags_out_of_range', (v) => !u16(v.t.flags)],
  ['user_data_out_of_range', (v) => !u128(v.t.userData128) || !u64(v.t.userData64) || !u32(v.t.userData32)],
  ['reserved_flag', (v) => any(v.t.flags, ~transferFlagsMask)],
  ['id_must_not_be_zero', (v) => v.t.id === 0n],
  ['id_must_not_be_int_max', (v) => v.t.id === u128Max],
  ['exists_with_different_flags', (v) => v.existing !== undefined && v.t.flags !== v.existing.flags],
  ['exists_with_different_pending_id', (v) => v.existing !== undefined && v.t.pendingId !== v.existing.pendingId],
  ['exists_with_different_timeout', (v) => v.existing !== undefined && v.t.timeout !== v.existing.timeout],
  ['exists_with_different_debit_account_id', (v) => v.existing !== undefined && differs(v, v.t.debitAccountId, v.existing.debitAccountId, 0n)],
  ['exists_with_different_credit_account_id', (v) => v.existing !== undefined && differs(v, v.t.creditAccountId, v.existing.creditAccountId, 0n)],
  ['exists_with_different_amount', (v) => v.existing !== undefined && !sameAmount(v, v.existing)],
  ['exists_with_different_user_data_128', (v) => v.existing !== undefined && v.t.userData128 !== v.existing.userData128],
  ['exists_with_different_user_data_64', (v) => v.existing !== undefined && v.t.userData64 !== v.existing.userData64],
  ['exists_with_different_user_data_32', (v) => v.existing !== undefined && v.t.userData32 !== v.existing.userData32],
  ['exists_with_different_ledger', (v) => v.existing !== undefined && differs(v, v.t.ledger, v.existing.ledger, 0)],
  ['exists_with_different_code', (v) => v.existing !== undefined && differs(v, v.t.code, v.existing.code, 0)],
  ['exists', (v) => v.existing !== undefined],
  [
    'flags_are_mutually_exclusive',
    (v) =>
      resolving(v) &&
      ((any(v.t.flags, TransferFlags.postPendingTransfer) && any(v.t.flags, TransferFlags.voidPendingTransfer)) ||
        any(v.t.flags, TransferFlags.pending | balancing | closing)),
  ],
  ['debit_account_id_must_not_be_zero', (v) => plain(v) && v.t.debitAccountId === 0n],
  ['debit_account_id_must_not_be_int_max', (v) => plain(v) && v.t.debitAccountId === u128Max],
  ['credit_account_id_must_not_be_zero', (v) => plain(v) && v.t.creditAccountId === 0n],
  ['credit_account_id_must_not_be_int_max', (v) => plain(v) && v.t.creditAccountId === u128Max],
  ['accounts_must_be_different', (v) => plain(v) && v.t.debitAccountId === v.t.creditAccountId],
  ['pending_id_must_be_zero', (v) => plain(v) && v.t.pendingId !== 0n],
  ['pending_id_must_not_be_zero', (v) => resolving(v) && v.t.pendingId === 0n],
  ['pending_id_must_not_be_int_max', (v) => resolving(v) && v.t.pendingId === u128Max],
  ['pending_id_must_be_different', (v) => resolving(v) && v.t.pendingId === v.t.id],
  ['timeout_reserved_for_pending_transfer', (v) => v.t.timeout !== 0 && (resolving(v) || !isPending(v))],
  ['closing_transfer_must_be_pending', (v) => plain(v) && !isPending(v) && any(v.t.flags, closing)],
  ['amount_must_not_be_zero', (v) => v.kind !== 'void' && v.t.amount === 0n],
  ['ledger_must_not_be_zero', (v) => plain(v) && v.t.ledger === 0],
  ['code_must_not_be_zero', (v) => plain(v) && v.t.code === 0],
  ['debit_account_not_found', (v) => plain(v) && v.dr === undefined],
  ['credit_account_not_found', (v) => plain(v) && v.cr === undefined],
  ['accounts_must_have_the_same_ledger', (v) => plain(v) && v.dr!.ledger !== v.cr!.ledger],
  ['transfer_must_have_the_same_ledger_as_accounts', (v) => plain(v) && v.t.ledger !== v.dr!.ledger],
  ['pending_transfer_not_found', (v) => resolving(v) && v.hold === undefined],
  ['pending_transfer_not_pending', (v) => resolving(v) && !any(v.hold!.flags, TransferFlags.pending)],
  ['pending_transfer_has_different_debit_account_id', (v) => resolving(v) && differs(v, v.t.debitAccountId, v.hold!.debitAccountId, 0n)],
  ['pending_transfer_has_different_credit_account_id', (v) => resolving(v) && differs(v, v.t.creditAccountId, v.hold!.creditAccountId, 0n)],
  ['pending_transfer_has_different_ledger', (v) => resolving(v) && differs(v, v.t.ledger, v.hold!.ledger, 0)],
  ['pending_transfer_has_different_code', (v) => resolving(v) && differs(v, v.t.code, v.hold!.code, 0)],
  // A void names the hold's amount or zero; a post at most the hold's amount.
  ['exceeds_pending_transfer_amount', (v) => resolving(v) && (v.kind === 'post' ? v.amount : v.t.amount) > v.hold!.amount],
  ['pending_transfer_has_different_amount', (v) => v.kind === 'void' && v.t.amount !== 0n && v.t.amount < v.hold!.amount],
  ['pending_transfer_already_posted', (v) => resolving(v) && v.holdState!.status === 'posted'],
  ['pending_transfer_already_voided', (v) => resolving(v) && v.holdState!.status === 'voided'],
  [
    'pending_transfer_expired',
    (v) => resolving(v) && (v.holdState!.status === 'expired' || (v.holdState!.expiresAt !== 0n && v.holdState!.expiresAt <= v.timestamp)),
  ],
  ['debit_account_already_closed', (v) => closedChecked(v) && closed(v.dr)],
  ['credit_account_already_closed', (v) => closedChecked(v) && closed(v.cr)],
  ['overflows_debits_pending', (v) => plain(v) && isPending(v) && overflows(v.amount, v.dr!.debitsPending)],
  ['overflows_credits_pending', (v) => plain(v) && isPending(v) && overflows(v.amount, v.cr!.creditsPending)],
  ['overflows_debits_posted', (v) => postedOverflowChecked(v) && overflows(v.amount, v.dr!.debitsPosted)],
  ['overflows_credits_posted', (v) => postedOverflowChecked(v) && overflows(v.amount, v.cr!.creditsPosted)],
  ['overflows_debits', (v) => plain(v) && overflows(v.amount, v.dr!.debitsPending, v.dr!.debitsPosted)],
  ['overflows_credits', (v) => plain(v) && overflows(v.amount, v.cr!.creditsPending, v.cr!.creditsPosted)],
  ['overflows_timeout', (v) => plain(v) && v.timestamp + BigInt(v.t.timeout) * nanosecondsPerSecond > u64Max],
  [
    'exceeds_credits',
    (v) =>
      plain(v) &&
      any(v.dr!.flags, AccountFlags.debitsMustNotExceedCredits) &&
      v.dr!.debitsPending + v.dr!.debitsPosted + v.amount > v.dr!.creditsPosted,
  ],
  [
    'exceeds_debits',
    (v) =>
      plain(v) &&
      any(v.cr!.flags, AccountFlags.creditsMustNotExceedDebits) &&
      v.cr!.creditsPending + v.cr!.creditsPosted + v.amount > v.cr!.debitsPosted,
  ],
];

/** The first rule that holds, or `ok`. */
export function firstBroken<V, R extends string>(rules: readonly Rule<V, R>[], view: V): R | 'ok' {
  for (const [result, holds] of rules) if (holds(view)) return result;
  return 'ok';
}
