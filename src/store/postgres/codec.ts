// Conversions between PostgreSQL rows and ledger objects. node-postgres returns numeric and
// bigint columns as strings, which BigInt reads exactly.

import type { Account, AccountBalance, PendingState, PendingStatus, Transfer } from '../../ledger/index.js';
import type { ChainedTransfer } from '../account-chain.js';

export const holdStatuses: readonly PendingStatus[] = ['pending', 'posted', 'voided', 'expired'];

export interface AccountRow {
  id: string;
  ledger: string;
  code: number;
  flags: number;
  user_data_128: string;
  user_data_64: string;
  user_data_32: string;
  debits_pending: string;
  debits_posted: string;
  credits_pending: string;
  credits_posted: string;
  timestamp: string;
  last_transfer_timestamp: string;
}

export function decodeAccount(row: AccountRow): Account {
  return {
    id: BigInt(row.id),
    ledger: Number(row.ledger),
    code: row.code,
    flags: row.flags,
    userData128: BigInt(row.user_data_128),
    userData64: BigInt(row.user_data_64),
    userData32: Number(row.user_data_32),
    debitsPending: BigInt(row.debits_pending),
    debitsPosted: BigInt(row.debits_posted),
    creditsPending: BigInt(row.credits_pending),
    creditsPosted: BigInt(row.credits_posted),
    timestamp: BigInt(row.timestamp),
  };
}

export interface TransferRow {
  timestamp: string;
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: string;
  pending_id: string;
  user_data_128: string;
  user_data_64: string;
  user_data_32: string;
  timeout: string;
  ledger: string;
  code: number;
  flags: number;
  debit_previous: string;
  credit_previous: string;
}

export function decodeTransfer(row: TransferRow): Transfer {
  return {
    id: BigInt(row.id),
    debitAccountId: BigInt(row.debit_account_id),
    creditAccountId: BigInt(row.credit_account_id),
    amount: BigInt(row.amount),
    pendingId: BigInt(row.pending_id),
    userData128: BigInt(row.user_data_128),
    userData64: BigInt(row.user_data_64),
    userData32: Number(row.user_data_32),
    timeout: Number(row.timeout),
    ledger: Number(row.ledger),
    code: row.code,
    flags: row.flags,
    timestamp: BigInt(row.timestamp),
  };
}

export function decodeChained(row: TransferRow): ChainedTransfer {
  return { transfer: decodeTransfer(row), debitPrevious: BigInt(row.debit_previous), creditPrevious: BigInt(row.credit_previous) };
}

export interface HoldRow {
  id: string;
  status: number;
  expires_at: string;
  resolved_at: string;
}

export function decodeHold(row: HoldRow): PendingState {
  return { status: holdStatuses[row.status]!, expiresAt: BigInt(row.expires_at), resolvedAt: BigInt(row.resolved_at) };
}

export interface BalanceRow {
  account_id: string;
  timestamp: string;
  debits_pending: string;
  debits_posted: string;
  credits_pending: string;
  credits_posted: string;
}

export function decodeBalance(row: BalanceRow): AccountBalance {
  return {
    accountId: BigInt(row.account_id),
    timestamp: BigInt(row.timestamp),
    debitsPending: BigInt(row.debits_pending),
    debitsPosted: BigInt(row.debits_posted),
    creditsPending: BigInt(row.credits_pending),
    creditsPosted: BigInt(row.credits_posted),
  };
}
