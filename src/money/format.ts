// Canonical decimal text of amounts: exactly `exponent` decimals, "-" for negatives, no grouping or symbol.
// This is the wire format that parseAmount reads back exactly ("1234.56", "-0.05", "100" for JPY).
import { currency } from './currency.js';
import type { Money } from './money.js';

/** Canonical text of an amount in minor units of the currency, e.g. 123456n CNY → "1234.56". */
export function formatAmount(amount: bigint, currencyCode: string): string {
  const { exponent } = currency(currencyCode);
  const sign = amount < 0n ? '-' : '';
  const digits = (amount < 0n ? -amount : amount).toString();
  if (exponent === 0) {
    return sign + digits;
  }
  const padded = digits.padStart(exponent + 1, '0');
  const integerPart = padded.slice(0, padded.length - exponent);
  const fractionPart = padded.slice(padded.length - exponent);
  return `${sign}${integerPart}.${fractionPart}`;
}

/** Canonical text of a Money amount (without the currency code), e.g. "-0.05". */
export function formatMoney(value: Money): string {
  return formatAmount(value.amount, value.currency);
}
