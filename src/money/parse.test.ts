// Tests for parseAmount and parseMoney, including the round trip with formatAmount.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MoneyAssertionError } from './assertion.js';
import { currencies } from './currency.js';
import { formatAmount } from './format.js';
import { amountMagnitudeMax, amountTextLengthMax } from './limits.js';
import { parseAmount, parseMoney } from './parse.js';
import type { ParseAmountError, ParseAmountOptions } from './parse.js';

const accepted: readonly (readonly [string, string, bigint, ParseAmountOptions?])[] = [
  ['1234.56', 'CNY', 123456n],
  ['1.50', 'CNY', 150n],
  ['1.5', 'CNY', 150n],
  ['1', 'CNY', 100n],
  ['0', 'CNY', 0n],
  ['0.00', 'CNY', 0n],
  ['0.01', 'CNY', 1n],
  ['007.00', 'CNY', 700n],
  ['00', 'CNY', 0n],
  ['100', 'JPY', 100n],
  ['0100', 'JPY', 100n],
  ['0.001', 'KWD', 1n],
  ['1.2', 'BHD', 1200n],
  ['-0.05', 'CNY', -5n, { allowNegative: true }],
  ['-1', 'JPY', -1n, { allowNegative: true }],
  ['-0', 'CNY', 0n, { allowNegative: true }],
  ['-0.00', 'CNY', 0n, { allowNegative: true }],
  ['3402823669209384634633746074317682114.55', 'CNY', amountMagnitudeMax, {}],
  ['-3402823669209384634633746074317682114.55', 'CNY', -amountMagnitudeMax, { allowNegative: true }],
  ['340282366920938463463374607431768211455', 'JPY', amountMagnitudeMax],
];

const refused: readonly (readonly [string, string, ParseAmountError, ParseAmountOptions?])[] = [
  ['', 'CNY', 'amount_empty'],
  ['', 'CNY', 'amount_empty', { allowNegative: true, allowZero: false }],
  ['1e3', 'CNY', 'amount_malformed'],
  [' 1', 'CNY', 'amount_malformed'],
  ['1 ', 'CNY', 'amount_malformed'],
  [' ', 'CNY', 'amount_malformed'],
  ['+1', 'CNY', 'amount_malformed'],
  ['1.', 'CNY', 'amount_malformed'],
  ['.5', 'CNY', 'amount_malformed'],
  ['1,000', 'CNY', 'amount_malformed'],
  ['1,5', 'CNY', 'amount_malformed'],
  ['0x10', 'CNY', 'amount_malformed'],
  ['0b1', 'CNY', 'amount_malformed'],
  ['Infinity', 'CNY', 'amount_malformed'],
  ['-Infinity', 'CNY', 'amount_malformed', { allowNegative: true }],
  ['NaN', 'CNY', 'amount_malformed'],
  ['-', 'CNY', 'amount_malformed', { allowNegative: true }],
  ['--1', 'CNY', 'amount_malformed', { allowNegative: true }],
  ['1.2.3', 'CNY', 'amount_malformed'],
  ['1_000', 'CNY', 'amount_malformed'],
  ['１', 'CNY', 'amount_malformed'],
  ['١', 'CNY', 'amount_malformed'],
  ['1\n', 'CNY', 'amount_malformed'],
  ['¥1', 'CNY', 'amount_malformed'],
  ['1.005', 'CNY', 'amount_too_precise'],
  ['1.500', 'CNY', 'amount_too_precise'],
  ['0.000', 'CNY', 'amount_too_precise'],
  ['1.5', 'JPY', 'amount_too_precise'],
  ['100.0', 'JPY', 'amount_too_precise'],
  ['0.0001', 'KWD', 'amount_too_precise'],
  ['-1.00', 'CNY', 'amount_negative'],
  ['-0', 'CNY', 'amount_negative'],
  ['-0.00', 'CNY', 'amount_negative'],
  ['-0.00', 'CNY', 'amount_negative', { allowZero: false }],
  ['-1.005', 'CNY', 'amount_negative'],
  ['0', 'CNY', 'amount_zero', { allowZero: false }],
  ['0.00', 'CNY', 'amount_zero', { allowZero: false }],
  ['-0', 'CNY', 'amount_zero', { allowNegative: true, allowZero: false }],
  ['3402823669209384634633746074317682114.56', 'CNY', 'amount_too_large'],
  ['-3402823669209384634633746074317682114.56', 'CNY', 'amount_too_large', { allowNegative: true }],
  ['340282366920938463463374607431768211456', 'JPY', 'amount_too_large'],
  ['9'.repeat(50), 'CNY', 'amount_too_large'],
  ['0'.repeat(amountTextLengthMax) + '1', 'CNY', 'amount_too_large'],
  ['x'.repeat(amountTextLengthMax + 1), 'CNY', 'amount_too_large'],
];

/** The same rows with the options filled in, so each row is a complete tuple for it.each. */
const acceptedRows = accepted.map(([text, code, expected, options]) => [text, code, expected, options ?? {}] as const);
const refusedRows = refused.map(([text, code, expected, options]) => [text, code, expected, options ?? {}] as const);

describe('parseAmount', () => {
  it.each(acceptedRows)('accepts %j in %s as %i', (text, code, expected, options) => {
    expect(parseAmount(text, code, options)).toEqual({ ok: true, amount: expected });
  });

  it.each(refusedRows)('refuses %j in %s as %s', (text, code, expected, options) => {
    expect(parseAmount(text, code, options)).toEqual({ ok: false, code: expected });
  });

  it('accepts zero by default and negatives only when allowed', () => {
    expect(parseAmount('0', 'CNY')).toEqual({ ok: true, amount: 0n });
    expect(parseAmount('-1', 'CNY', { allowNegative: false })).toEqual({ ok: false, code: 'amount_negative' });
    expect(parseAmount('-1', 'CNY', { allowNegative: true })).toEqual({ ok: true, amount: -100n });
  });

  it('accepts text of exactly the maximum length', () => {
    const text = '0'.repeat(amountTextLengthMax - 3) + '.01';
    expect(text.length).toBe(amountTextLengthMax);
    expect(parseAmount(text, 'CNY')).toEqual({ ok: true, amount: 1n });
  });

  it('throws for an unknown currency code (programmer error)', () => {
    expect(() => parseAmount('1', 'XYZ')).toThrow(MoneyAssertionError);
  });

  it('never throws for any string input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.boolean(), fc.boolean(), (text, allowNegative, allowZero) => {
        const result = parseAmount(text, 'CNY', { allowNegative, allowZero });
        if (result.ok) {
          expect(text).toMatch(/^-?\d+(\.\d{1,2})?$/);
        }
      }),
    );
  });
});

describe('parseMoney', () => {
  it('returns Money for valid input', () => {
    expect(parseMoney('12.30', 'USD')).toEqual({ ok: true, money: { amount: 1230n, currency: 'USD' } });
  });

  it('reports unknown currencies and bad amounts as codes', () => {
    expect(parseMoney('1.00', 'XYZ')).toEqual({ ok: false, code: 'currency_unknown' });
    expect(parseMoney('1.00', 'usd')).toEqual({ ok: false, code: 'currency_unknown' });
    expect(parseMoney('1.001', 'USD')).toEqual({ ok: false, code: 'amount_too_precise' });
    expect(parseMoney('-1', 'USD')).toEqual({ ok: false, code: 'amount_negative' });
  });
});

describe('parse and format round trip', () => {
  const anyCurrency = fc.constantFrom(...currencies.map((item) => item.code));
  const anyAmount = fc.oneof(
    fc.bigInt({ min: -amountMagnitudeMax, max: amountMagnitudeMax }),
    fc.bigInt({ min: -100_000n, max: 100_000n }),
    fc.constantFrom(0n, 1n, -1n, amountMagnitudeMax, -amountMagnitudeMax),
  );

  it('parse(format(amount)) is amount for every amount in range', () => {
    fc.assert(
      fc.property(anyAmount, anyCurrency, (amount, code) => {
        expect(parseAmount(formatAmount(amount, code), code, { allowNegative: true })).toEqual({ ok: true, amount });
      }),
      { numRuns: 2000 },
    );
  });

  it('format(parse(text)) is text for every canonical text', () => {
    fc.assert(
      fc.property(anyAmount, anyCurrency, (amount, code) => {
        const text = formatAmount(amount, code);
        const parsed = parseAmount(text, code, { allowNegative: true });
        expect(parsed.ok && formatAmount(parsed.amount, code)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('format(parse(text)) normalises accepted non-canonical text to the same value', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(digits, fc.integer({ min: 0, max: 3 }), anyCurrency, (integerDigits, fractionLength, code) => {
        const text = fractionLength === 0 ? integerDigits : `${integerDigits}.${'5'.repeat(fractionLength)}`;
        const parsed = parseAmount(text, code);
        if (!parsed.ok) {
          expect(parsed.code).toBe('amount_too_precise');
          return;
        }
        const reparsed = parseAmount(formatAmount(parsed.amount, code), code);
        expect(reparsed).toEqual(parsed);
      }),
    );
  });
});
