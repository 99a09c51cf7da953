// Short builders of account and transfer events for tests, with ledger 1 and code 1 by default.

import type { LedgerOperation } from '../execute-commit.js';
import { AccountFlags, TransferFlags } from '../flags.js';
import { amountMax } from '../limits.js';
import { accountInput, transferInput, type AccountInput, type TransferInput } from '../types.js';

type AccountFields = Partial<Omit<AccountInput, 'id'>>;
type TransferFields = Partial<Omit<TransferInput, 'id'>>;

/** An account on ledger 1 with code 1 unless given. */
export function account(id: bigint, fields: AccountFields = {}): AccountInput {
  return accountInput({ id, ledger: 1, code: 1, ...fields });
}

/** A posted transfer of `amount` from `debit` to `credit` on ledger 1 with code 1 unless given. */
export function transfer(id: bigint, debit: bigint, credit: bigint, amount: bigint, fields: TransferFields = {}): TransferInput {
  return transferInput({ id, debitAccountId: debit, creditAccountId: credit, amount, ledger: 1, code: 1, ...fields });
}

/** A pending transfer (a hold); `timeout` in seconds. */
export function hold(id: bigint, debit: bigint, credit: bigint, amount: bigint, timeout = 0, fields: TransferFields = {}): TransferInput {
  return transfer(id, debit, credit, amount, { timeout, ...fields, flags: TransferFlags.pending | (fields.flags ?? 0) });
}

/** Posts `amount` of a hold (all of it by default); accounts, ledger and code are left to the hold. */
export function post(id: bigint, pendingId: bigint, amount: bigint = amountMax, fields: TransferFields = {}): TransferInput {
  return transferInput({ id, pendingId, amount, ...fields, flags: TransferFlags.postPendingTransfer | (fields.flags ?? 0) });
}

/** Voids a hold. */
export function voidHold(id: bigint, pendingId: bigint, fields: TransferFields = {}): TransferInput {
  return transferInput({ id, pendingId, ...fields, flags: TransferFlags.voidPendingTransfer | (fields.flags ?? 0) });
}

/** The same event with the `linked` flag set. */
export function linked<E extends { readonly flags: number }>(event: E): E {
  return { ...event, flags: event.flags | TransferFlags.linked };
}

export function createAccounts(...events: AccountInput[]): LedgerOperation {
  return { kind: 'create_accounts', events };
}

export function createTransfers(...events: TransferInput[]): LedgerOperation {
  return { kind: 'create_transfers', events };
}

export const { debitsMustNotExceedCredits, creditsMustNotExceedDebits, history } = AccountFlags;
export const { pending, balancingDebit, balancingCredit, closingDebit, closingCredit } = TransferFlags;
