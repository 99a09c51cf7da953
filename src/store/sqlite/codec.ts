// Conversions between SQLite rows and ledger objects.

import type { Account, AccountBalance, PendingState, PendingStatus, Transfer } from '../../ledger/index.js';
import type { ChainedTransfer } from '../account-chain.js';

export const holdStatuses: readonly PendingStatus[] = ['pending', 'posted', 'voided', 'expired'];

/** A stored u128: an INTEGER when it fits in 63 bits, decimal TEXT above (see schema.ts). */
export type U128Value = bigint | string;

const integerMax = (1n << 63n) - 1n;

export function encodeU128(value: bigint): U128Value {
  return value <= integerMax ? value : value.toString();
}

export function decodeU128(value: U128Value): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

/** user_data_64 is a u64; SQLite's INTEGER is signed, so the same 64 bits are stored signed. */
export function fromSigned64(value: bigint): bigint {
  return BigInt.asUintN(64, value);
}

export interface AccountRow {
  id: U128Value;
  ledger: bigint;
  code: bigint;
  flags: bigint;
  user_data_128: U128Value;
  user_data_64: bigint;
  user_data_32: bigint;
  debits_pending: U128Value;
  debits_posted: U128Value;
  credits_pending: U128Value;
  credits_posted: U128Value;
  timestamp: bigint;
  last_transfer_timestamp: bigint;
}

export function decodeAccount(row: AccountRow): Account {
  return {
    id: decodeU128(row.id),
    ledger: Number(row.ledger),
    code: Number(row.code),
    flags: Number(row.flags),
    userData128: decodeU128(row.user_data_128),
    userData64: fromSigned64(row.user_data_64),
    userData32: Number(row.user_data_32),
    debitsPending: decodeU128(row.debits_pending),
    debitsPosted: decodeU128(row.debits_posted),
    creditsPending: decodeU128(row.credits_pending),
    creditsPosted: decodeU128(row.credits_posted),
    timestamp: row.timestamp,
  };
}

export interface TransferRow {
  timestamp: bigint;
  id: U128Value;
  debit_account_id: U128Value;
  credit_account_id: U128Value;
  amount: U128Value;
  pending_id: U128Value;
  user_data_128: U128Value;
  user_data_64: bigint;
  user_data_32: bigint;
  timeout: bigint;
  ledger: bigint;
  code: bigint;
  flags: bigint;
  debit_previous: bigint;
  credit_previous: bigint;
}

export function decodeTransfer(row: TransferRow): Transfer {
  return {
    id: decodeU128(row.id),
    debitAccountId: decodeU128(row.debit_account_id),
    creditAccountId: decodeU128(row.credit_account_id),
    amount: decodeU128(row.amount),
    pendingId: decodeU128(row.pending_id),
    userData128: decodeU128(row.user_data_128),
    userData64: fromSigned64(row.user_data_64),
    userData32: Number(row.user_data_32),
    timeout: Number(row.timeout),
    ledger: Number(row.ledger),
    code: Number(row.code),
    flags: Number(row.flags),
    timestamp: row.timestamp,
  };
}

export function decodeChained(row: TransferRow): ChainedTransfer {
  return { transfer: decodeTransfer(row), debitPrevious: row.debit_previous, creditPrevious: row.credit_previous };
}

export interface HoldRow {
  id: U128Value;
  status: bigint;
  expires_at: bigint;
  resolved_at: bigint;
}

export function decodeHold(row: HoldRow): PendingState {
  return { status: holdStatuses[Number(row.status)]!, expiresAt: row.expires_at, resolvedAt: row.resolved_at };
}

export function encodeHoldStatus(status: PendingStatus): number {
  return holdStatuses.indexOf(status);
}

export interface BalanceRow {
  account_id: U128Value;
  timestamp: bigint;
  debits_pending: U128Value;
  debits_posted: U128Value;
  credits_pending: U128Value;
  credits_posted: U128Value;
}

export function decodeBalance(row: BalanceRow): AccountBalance {
  return {
    accountId: decodeU128(row.account_id),
    timestamp: row.timestamp,
    debitsPending: decodeU128(row.debits_pending),
    debitsPosted: decodeU128(row.debits_posted),
    creditsPending: decodeU128(row.credits_pending),
    creditsPosted: decodeU128(row.credits_posted),
  };
}
