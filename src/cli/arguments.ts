// Parsing of CLI arguments into ledger values, with a stable error code for each bad input.

import { AccountFlags, TransferFlags, u128Max } from '../ledger/index.js';
import type { AppChangeFailure, AppFailure, IdentityFailure, OperatorFailure } from '../identity/index.js';
import type { TestClockFailure } from '../trades/index.js';
import { findCurrency, parseAmount, parseMoneyErrors } from '../money/index.js';
import type { WalletFailure } from '../wallet/index.js';

/** Codes of bad command-line input; the amount codes come from the money module's parser. */
export const argumentErrors = ['argument_malformed', 'argument_out_of_range', 'flag_unknown', 'account_not_found', 'user_not_found', 'merchant_not_found', 'app_not_found', 'argument_missing', 'file_unreadable', ...parseMoneyErrors] as const;

export type ArgumentErrorCode = (typeof argumentErrors)[number];

export class ArgumentError extends Error {
  constructor(
    readonly code: ArgumentErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A service refused the command; its code is one of the API's (docs/errors.md, HTTP API). */
export class RefusedError extends Error {
  constructor(
    readonly code: IdentityFailure | OperatorFailure | WalletFailure | AppFailure | AppChangeFailure | TestClockFailure | 'idempotency_key_reused',
    message: string,
  ) {
    super(message);
  }
}

/** A u128 from decimal digits (or 0x hex). */
export function parseU128(text: string, name: string): bigint {
  const trimmed = text.trim();
  if (!/^(0x[0-9a-fA-F]{1,32}|\d{1,39})$/.test(trimmed)) {
    throw new ArgumentError('argument_malformed', `${name} must be a whole number from 0 to 2^128-1, not "${text}"`);
  }
  const value = BigInt(trimmed);
  if (value > u128Max) throw new ArgumentError('argument_out_of_range', `${name} must be at most 2^128-1`);
  return value;
}

/** A whole number within [0, max], for ledger, code, timeout and user_data_32. */
export function parseUint(text: string, name: string, max: number): number {
  if (!/^\d{1,10}$/.test(text.trim()) || Number(text) > max) {
    throw new ArgumentError('argument_out_of_range', `${name} must be a whole number from 0 to ${max}, not "${text}"`);
  }
  return Number(text);
}

/**
 * An amount in minor units. With a currency, a decimal in major units ("12.34" CNY is 1234 fen),
 * refused if it has more decimals than the currency allows.
 */
export function parseAmountArgument(text: string, currencyCode: string | undefined): bigint {
  if (currencyCode === undefined) return parseU128(text, '--amount');
  if (findCurrency(currencyCode) === undefined) throw new ArgumentError('currency_unknown', `unknown currency "${currencyCode}"`);
  const parsed = parseAmount(text, currencyCode);
  if (!parsed.ok) throw new ArgumentError(parsed.code, `--amount "${text}" is not a valid ${currencyCode} amount (${parsed.code})`);
  return parsed.amount;
}

function camelCase(name: string): string {
  return name.trim().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function parseFlags(text: string | undefined, table: Readonly<Record<string, number>>, kind: string): number {
  if (text === undefined || text.trim() === '') return 0;
  let flags = 0;
  for (const name of text.split(',')) {
    const bit = table[camelCase(name)];
    if (bit === undefined) {
      const known = Object.keys(table).map((key) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));
      throw new ArgumentError('flag_unknown', `unknown ${kind} flag "${name}"; known: ${known.join(', ')}`);
    }
    flags |= bit;
  }
  return flags;
}

export function parseAccountFlags(text: string | undefined): number {
  const { closed: _closed, ...settable } = AccountFlags;
  return parseFlags(text, settable, 'account');
}

export function parseTransferFlags(text: string | undefined): number {
  return parseFlags(text, TransferFlags, 'transfer');
}
