// Tests for Money values and their arithmetic.
import { describe, it, expect } from 'vitest';
import { MoneyAssertionError } from './assertion.js';
import {
  add,
  assertSameCurrency,
  compare,
  equals,
  isNegative,
  isPositive,
  isZero,
  money,
  negate,
  subtract,
  zero,
} from './money.js';

describe('money', () => {
  it('builds frozen values in minor units', () => {
    const value = money(12345n, 'CNY');
    expect(value).toEqual({ amount: 12345n, currency: 'CNY' });
    expect(Object.isFrozen(value)).toBe(true);
    expect(zero('JPY')).toEqual({ amount: 0n, currency: 'JPY' });
  });

  it('refuses unknown currencies and non-bigint amounts', () => {
    expect(() => money(1n, 'XYZ')).toThrow(MoneyAssertionError);
    expect(() => money(1 as unknown as bigint, 'CNY')).toThrow(MoneyAssertionError);
  });

  it('adds, subtracts and negates', () => {
    expect(add(money(150n, 'CNY'), money(-200n, 'CNY'))).toEqual(money(-50n, 'CNY'));
    expect(subtract(money(150n, 'CNY'), money(200n, 'CNY'))).toEqual(money(-50n, 'CNY'));
    expect(negate(money(5n, 'USD'))).toEqual(money(-5n, 'USD'));
    expect(negate(money(0n, 'USD'))).toEqual(money(0n, 'USD'));
  });

  it('compares and tests signs', () => {
    expect(compare(money(1n, 'CNY'), money(2n, 'CNY'))).toBe(-1);
    expect(compare(money(2n, 'CNY'), money(2n, 'CNY'))).toBe(0);
    expect(compare(money(3n, 'CNY'), money(2n, 'CNY'))).toBe(1);
    expect(isZero(money(0n, 'CNY'))).toBe(true);
    expect(isZero(money(1n, 'CNY'))).toBe(false);
    expect(isNegative(money(-1n, 'CNY'))).toBe(true);
    expect(isNegative(money(0n, 'CNY'))).toBe(false);
    expect(isPositive(money(1n, 'CNY'))).toBe(true);
    expect(isPositive(money(0n, 'CNY'))).toBe(false);
  });

  it('equals needs the same currency and amount, and never throws', () => {
    expect(equals(money(100n, 'CNY'), money(100n, 'CNY'))).toBe(true);
    expect(equals(money(100n, 'CNY'), money(101n, 'CNY'))).toBe(false);
    expect(equals(money(100n, 'CNY'), money(100n, 'USD'))).toBe(false);
  });

  it('throws on mixed currencies', () => {
    const yuan = money(1n, 'CNY');
    const dollar = money(1n, 'USD');
    expect(() => add(yuan, dollar)).toThrow(MoneyAssertionError);
    expect(() => subtract(yuan, dollar)).toThrow(MoneyAssertionError);
    expect(() => compare(yuan, dollar)).toThrow(MoneyAssertionError);
    expect(() => assertSameCurrency(yuan, dollar)).toThrow(MoneyAssertionError);
    expect(() => assertSameCurrency(yuan, yuan)).not.toThrow();
  });
});
