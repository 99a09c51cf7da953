// Exact parsing of decimal amount text into minor units. Bad input is reported as a result value with a
// string error code, never thrown; only an unknown currency code passed by the program throws.
import { currency, findCurrency } from './currency.js';
import { amountMagnitudeMax, amountTextLengthMax } from './limits.js';
import { money } from './money.js';
import type { Money } from './money.js';

export const parseAmountErrors = [
  'amount_empty',
  'amount_malformed',
  'amount_too_precise',
  'amount_negative',
  'amount_zero',
  'amount_too_large',
] as const;

export type ParseAmountError = (typeof parseAmountErrors)[number];

export const parseMoneyErrors = [...parseAmountErrors, 'currency_unknown'] as const;

export type ParseMoneyError = (typeof parseMoneyErrors)[number];

export type ParseAmountOptions = {
  /** Accept a leading "-". Default false: "-1.00", "-0" and "-0.00" are refused as 'amount_negative'. */
  readonly allowNegative?: boolean;
  /** Accept a zero amount. Default true. */
  readonly allowZero?: boolean;
};

export type ParseAmountResult =
  | { readonly ok: true; readonly amount: bigint }
  | { readonly ok: false; readonly code: ParseAmountError };

export type ParseMoneyResult =
  | { readonly ok: true; readonly money: Money }
  | { readonly ok: false; readonly code: ParseMoneyError };

/** Optional "-", ASCII digits, optionally "." and at least one more digit. Nothing else, not even spaces. */
const amountPattern = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;

function failure(code: ParseAmountError): ParseAmountResult {
  return { ok: false, code };
}

/**
 * Parses decimal text such as "1234.56" into minor units of the currency (123456n for CNY).
 *
 * Checks, in order: '' → amount_empty; longer than amountTextLengthMax → amount_too_large; not
 * /^-?\d+(\.\d+)?$/ → amount_malformed ("1e3", " 1", "+1", "1.", ".5", "1,000", "0x10", "Infinity");
 * leading "-" when negatives are not allowed (including "-0") → amount_negative; more decimals than the
 * currency exponent → amount_too_precise; magnitude above amountMagnitudeMax → amount_too_large;
 * zero when allowZero is false → amount_zero.
 *
 * Extra decimals are refused even when they are zeros ("1.500" CNY, "100.0" JPY): one amount has one
 * text, so nothing that looks more precise than the currency allows is ever silently accepted.
 * Fewer decimals ("1.5" CNY → 150n) and leading zeros ("007.00") are accepted. With allowNegative,
 * "-0" parses to 0n.
 */
export function parseAmount(text: string, currencyCode: string, options: ParseAmountOptions = {}): ParseAmountResult {
  const { exponent } = currency(currencyCode);
  const allowNegative = options.allowNegative ?? false;
  const allowZero = options.allowZero ?? true;
  if (text.length === 0) {
    return failure('amount_empty');
  }
  if (text.length > amountTextLengthMax) {
    return failure('amount_too_large');
  }
  const match = amountPattern.exec(text);
  if (match === null) {
    return failure('amount_malformed');
  }
  const negative = match[1] === '-';
  const integerPart = match[2] ?? '';
  const fractionPart = match[3] ?? '';
  if (negative && !allowNegative) {
    return failure('amount_negative');
  }
  if (fractionPart.length > exponent) {
    return failure('amount_too_precise');
  }
  const magnitude = BigInt(integerPart + fractionPart.padEnd(exponent, '0'));
  if (magnitude > amountMagnitudeMax) {
    return failure('amount_too_large');
  }
  if (magnitude === 0n && !allowZero) {
    return failure('amount_zero');
  }
  return { ok: true, amount: negative ? -magnitude : magnitude };
}

/**
 * Parses an amount text and a currency code that both come from input (e.g. a request body).
 * An unknown currency code is reported as 'currency_unknown' instead of thrown.
 */
export function parseMoney(text: string, currencyCode: string, options: ParseAmountOptions = {}): ParseMoneyResult {
  const found = findCurrency(currencyCode);
  if (found === undefined) {
    return { ok: false, code: 'currency_unknown' };
  }
  const parsed = parseAmount(text, found.code, options);
  if (!parsed.ok) {
    return parsed;
  }
  return { ok: true, money: money(parsed.amount, found.code) };
}
