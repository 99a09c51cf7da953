// Tests for the canonical amount text produced by formatAmount and formatMoney.
import { describe, it, expect } from 'vitest';
import { MoneyAssertionError } from './assertion.js';
import { amountMagnitudeMax } from './limits.js';
import { formatAmount, formatMoney } from './format.js';
import { money } from './money.js';

const cases: readonly (readonly [bigint, string, string])[] = [
  [123456n, 'CNY', '1234.56'],
  [-5n, 'CNY', '-0.05'],
  [0n, 'CNY', '0.00'],
  [1n, 'CNY', '0.01'],
  [-1n, 'CNY', '-0.01'],
  [10n, 'CNY', '0.10'],
  [100n, 'CNY', '1.00'],
  [-123456n, 'USD', '-1234.56'],
  [100n, 'JPY', '100'],
  [0n, 'JPY', '0'],
  [-7n, 'KRW', '-7'],
  [1n, 'KWD', '0.001'],
  [-1234n, 'BHD', '-1.234'],
  [1_000_000n, 'KWD', '1000.000'],
  [amountMagnitudeMax, 'CNY', '3402823669209384634633746074317682114.55'],
];

describe('formatAmount', () => {
  it.each(cases)('formats %i %s as %j', (amount, code, expected) => {
    expect(formatAmount(amount, code)).toBe(expected);
  });

  it('throws for an unknown currency code', () => {
    expect(() => formatAmount(1n, 'XYZ')).toThrow(MoneyAssertionError);
  });
});

describe('formatMoney', () => {
  it('formats the amount of a Money value without the code', () => {
    expect(formatMoney(money(-5n, 'CNY'))).toBe('-0.05');
    expect(formatMoney(money(100n, 'JPY'))).toBe('100');
  });
});
