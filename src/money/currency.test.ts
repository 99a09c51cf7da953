// Tests for the ISO 4217 currency table and its lookups.
import { describe, it, expect } from 'vitest';
import { MoneyAssertionError } from './assertion.js';
import { currencies, currency, currencyByNumeric, findCurrency } from './currency.js';

const required: readonly (readonly [string, number, number])[] = [
  ['CNY', 156, 2],
  ['USD', 840, 2],
  ['EUR', 978, 2],
  ['JPY', 392, 0],
  ['HKD', 344, 2],
  ['GBP', 826, 2],
  ['KRW', 410, 0],
  ['SGD', 702, 2],
  ['TWD', 901, 2],
  ['MOP', 446, 2],
  ['AUD', 36, 2],
  ['CAD', 124, 2],
  ['CHF', 756, 2],
  ['THB', 764, 2],
  ['MYR', 458, 2],
  ['KWD', 414, 3],
  ['BHD', 48, 3],
  ['INR', 356, 2],
  ['RUB', 643, 2],
];

describe('currency table', () => {
  it.each(required)('%s has numeric %i and exponent %i', (code, numeric, exponent) => {
    const found = currency(code);
    expect(found).toMatchObject({ code, numeric, exponent });
    expect(found.name.length).toBeGreaterThan(0);
    expect(currencyByNumeric(numeric)).toBe(found);
    expect(findCurrency(code)).toBe(found);
  });

  it('has unique, well-formed codes and numerics', () => {
    const codes = new Set(currencies.map((item) => item.code));
    const numerics = new Set(currencies.map((item) => item.numeric));
    expect(codes.size).toBe(currencies.length);
    expect(numerics.size).toBe(currencies.length);
    for (const item of currencies) {
      expect(item.code).toMatch(/^[A-Z]{3}$/);
      expect(Number.isInteger(item.numeric) && item.numeric > 0 && item.numeric < 1000).toBe(true);
      expect([0, 2, 3]).toContain(item.exponent);
      expect(Object.isFrozen(item)).toBe(true);
    }
  });

  it('throws an assertion error for an unknown code and matches codes exactly', () => {
    expect(() => currency('XYZ')).toThrow(MoneyAssertionError);
    expect(() => currency('cny')).toThrow(MoneyAssertionError);
    expect(() => currency('')).toThrow(MoneyAssertionError);
    expect(findCurrency('XYZ')).toBeUndefined();
    expect(findCurrency('cny')).toBeUndefined();
    expect(findCurrency(' CNY')).toBeUndefined();
    expect(currencyByNumeric(999)).toBeUndefined();
    expect(currencyByNumeric(0)).toBeUndefined();
  });
});
