// Money value: an exact amount in minor units (fen for CNY) of one currency, and arithmetic on it.
// Amounts are always bigint; mixing currencies in arithmetic is a programmer error and throws.
import { assertInvariant } from './assertion.js';
import { currency } from './currency.js';

export type Money = {
  /** Amount in minor units of the currency (fen for CNY, yen for JPY, fils for KWD). */
  readonly amount: bigint;
  /** Alphabetic ISO 4217 code of a known currency, e.g. "CNY". */
  readonly currency: string;
};

/** A Money value. Throws MoneyAssertionError for an unknown currency code or a non-bigint amount. */
export function money(amount: bigint, currencyCode: string): Money {
  assertInvariant(typeof amount === 'bigint', `Money amount must be a bigint, got ${typeof amount}`);
  return Object.freeze({ amount, currency: currency(currencyCode).code });
}

/** Zero in the given currency. */
export function zero(currencyCode: string): Money {
  return money(0n, currencyCode);
}

/** Throws MoneyAssertionError unless both values are in the same currency. */
export function assertSameCurrency(left: Money, right: Money): void {
  assertInvariant(
    left.currency === right.currency,
    `Currency mismatch: ${left.currency} and ${right.currency}`,
  );
}

export function add(left: Money, right: Money): Money {
  assertSameCurrency(left, right);
  return money(left.amount + right.amount, left.currency);
}

export function subtract(left: Money, right: Money): Money {
  assertSameCurrency(left, right);
  return money(left.amount - right.amount, left.currency);
}

export function negate(value: Money): Money {
  return money(-value.amount, value.currency);
}

/** -1, 0 or 1 as left is less than, equal to or greater than right. Throws on mixed currencies. */
export function compare(left: Money, right: Money): -1 | 0 | 1 {
  assertSameCurrency(left, right);
  if (left.amount < right.amount) {
    return -1;
  }
  return left.amount > right.amount ? 1 : 0;
}

export function isZero(value: Money): boolean {
  return value.amount === 0n;
}

export function isNegative(value: Money): boolean {
  return value.amount < 0n;
}

export function isPositive(value: Money): boolean {
  return value.amount > 0n;
}

/**
 * Value equality: same currency and same amount. Unlike compare, values in different currencies are
 * simply not equal (no throw), so equals can be used on any two Money values.
 */
export function equals(left: Money, right: Money): boolean {
  return left.currency === right.currency && left.amount === right.amount;
}
