// Amounts in requests and answers: decimal strings with their currency ("12.34", "CNY"), read
// exactly by the money module; bad text gets the money module's own code, naming the field.

import { Type } from 'typebox';
import { formatAmount, parseAmount } from '../money/index.js';
import { ApiError } from './errors.js';

/** Currencies the wallet holds today. */
export const walletCurrencies = ['CNY'] as const;

export const AmountSchema = Type.String({ description: 'A decimal amount in major units, e.g. "12.34".', maxLength: 60, examples: ['100.00'] });
export const CurrencySchema = Type.String({ description: 'ISO 4217 code.', examples: ['CNY'] });

/** A positive amount (or zero, when allowed) in minor units, or an ApiError naming `param`. */
export function readAmount(text: string, currency: string, param = 'amount', options: { readonly allowZero?: boolean } = {}): bigint {
  if (!(walletCurrencies as readonly string[]).includes(currency)) {
    throw new ApiError('currency_unsupported', `Currency ${currency} is not supported; use ${walletCurrencies.join(', ')}.`, 'currency');
  }
  const parsed = parseAmount(text, currency, { allowZero: options.allowZero ?? false });
  if (!parsed.ok) throw new ApiError(parsed.code, `The ${param} "${text}" is not a valid ${currency} amount (${parsed.code}).`, param);
  return parsed.amount;
}

export function writeAmount(amount: bigint, currency: string): string {
  return formatAmount(amount, currency);
}

/** A CNY balance account's balance in answers. */
export const BalanceSchema = Type.Object({ available: AmountSchema, pending: AmountSchema, currency: CurrencySchema });

export function balanceBody(balance: { readonly available: bigint; readonly pending: bigint }) {
  return { available: writeAmount(balance.available, 'CNY'), pending: writeAmount(balance.pending, 'CNY'), currency: 'CNY' };
}
