// Tests for divide and its rounding modes, checked against a table and a floor-division reference.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MoneyAssertionError } from './assertion.js';
import { applyBasisPoints, divide, multiplyByRatio, roundingModes } from './rounding.js';
import type { RoundingMode } from './rounding.js';

type Expected = Readonly<Record<RoundingMode, bigint>>;

// Inputs in tenths (25n means 2.5), with the expected result per mode (same table as Java's RoundingMode).
const table: readonly (readonly [bigint, Expected])[] = [
  [55n, { up: 6n, down: 5n, ceiling: 6n, floor: 5n, half_up: 6n, half_down: 5n, half_even: 6n }],
  [25n, { up: 3n, down: 2n, ceiling: 3n, floor: 2n, half_up: 3n, half_down: 2n, half_even: 2n }],
  [16n, { up: 2n, down: 1n, ceiling: 2n, floor: 1n, half_up: 2n, half_down: 2n, half_even: 2n }],
  [11n, { up: 2n, down: 1n, ceiling: 2n, floor: 1n, half_up: 1n, half_down: 1n, half_even: 1n }],
  [10n, { up: 1n, down: 1n, ceiling: 1n, floor: 1n, half_up: 1n, half_down: 1n, half_even: 1n }],
  [0n, { up: 0n, down: 0n, ceiling: 0n, floor: 0n, half_up: 0n, half_down: 0n, half_even: 0n }],
  [-10n, { up: -1n, down: -1n, ceiling: -1n, floor: -1n, half_up: -1n, half_down: -1n, half_even: -1n }],
  [-11n, { up: -2n, down: -1n, ceiling: -1n, floor: -2n, half_up: -1n, half_down: -1n, half_even: -1n }],
  [-16n, { up: -2n, down: -1n, ceiling: -1n, floor: -2n, half_up: -2n, half_down: -2n, half_even: -2n }],
  [-25n, { up: -3n, down: -2n, ceiling: -2n, floor: -3n, half_up: -3n, half_down: -2n, half_even: -2n }],
  [-55n, { up: -6n, down: -5n, ceiling: -5n, floor: -6n, half_up: -6n, half_down: -5n, half_even: -6n }],
];

const cases = table.flatMap(([tenths, expected]) =>
  roundingModes.map((mode) => [tenths, mode, expected[mode]] as const),
);

/** Independent reference: floor division, then adjust from the non-negative remainder. */
function reference(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const dividend = denominator < 0n ? -numerator : numerator;
  const divisor = denominator < 0n ? -denominator : denominator;
  let floored = dividend / divisor;
  if (dividend % divisor !== 0n && dividend < 0n) {
    floored -= 1n;
  }
  const remainder = dividend - floored * divisor;
  if (remainder === 0n) {
    return floored;
  }
  const ceiled = floored + 1n;
  const positive = floored >= 0n;
  const doubled = remainder * 2n;
  const tie = doubled === divisor;
  const nearest = doubled < divisor ? floored : ceiled;
  switch (mode) {
    case 'floor':
      return floored;
    case 'ceiling':
      return ceiled;
    case 'down':
      return positive ? floored : ceiled;
    case 'up':
      return positive ? ceiled : floored;
    case 'half_up':
      return tie ? (positive ? ceiled : floored) : nearest;
    case 'half_down':
      return tie ? (positive ? floored : ceiled) : nearest;
    case 'half_even':
      return tie ? (floored % 2n === 0n ? floored : ceiled) : nearest;
  }
}

const absolute = (value: bigint): bigint => (value < 0n ? -value : value);
const nonZero = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).filter((value) => value !== 0n);
const anyNumerator = fc.bigInt({ min: -(2n ** 140n), max: 2n ** 140n });
const anyMode = fc.constantFrom(...roundingModes);

describe('divide', () => {
  it.each(cases)('%i/10 with %s is %i', (tenths, mode, expected) => {
    expect(divide(tenths, 10n, mode)).toBe(expected);
    expect(divide(-tenths, -10n, mode)).toBe(expected);
  });

  it('matches the documented examples', () => {
    expect(divide(5n, 2n, 'half_even')).toBe(2n);
    expect(divide(7n, 2n, 'half_even')).toBe(4n);
    expect(divide(-5n, 2n, 'half_up')).toBe(-3n);
    expect(divide(5n, -2n, 'half_up')).toBe(-3n);
    expect(divide(-5n, -2n, 'half_up')).toBe(3n);
    expect(divide(-7n, 2n, 'half_even')).toBe(-4n);
    expect(divide(-5n, 2n, 'half_down')).toBe(-2n);
    expect(divide(1n, 3n, 'up')).toBe(1n);
    expect(divide(-1n, 3n, 'floor')).toBe(-1n);
    expect(divide(-1n, 3n, 'ceiling')).toBe(0n);
    expect(divide(6n, 3n, 'up')).toBe(2n);
  });

  it('treats division by zero and unknown modes as programmer errors', () => {
    expect(() => divide(1n, 0n, 'half_up')).toThrow(MoneyAssertionError);
    expect(() => divide(1n, 2n, 'nearest' as RoundingMode)).toThrow(MoneyAssertionError);
  });

  it('agrees with a reference computed from floor division', () => {
    fc.assert(
      fc.property(anyNumerator, nonZero, anyMode, (numerator, denominator, mode) => {
        expect(divide(numerator, denominator, mode)).toBe(reference(numerator, denominator, mode));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the reference on small values, where ties are frequent', () => {
    const smallDenominator = fc.bigInt({ min: -12n, max: 12n }).filter((value) => value !== 0n);
    fc.assert(
      fc.property(fc.bigInt({ min: -60n, max: 60n }), smallDenominator, anyMode, (numerator, denominator, mode) => {
        expect(divide(numerator, denominator, mode)).toBe(reference(numerator, denominator, mode));
      }),
      { numRuns: 3000 },
    );
  });

  it('is within one unit of the exact quotient, and within half a unit for half modes', () => {
    fc.assert(
      fc.property(anyNumerator, nonZero, anyMode, (numerator, denominator, mode) => {
        const error = absolute(divide(numerator, denominator, mode) * denominator - numerator);
        expect(error < absolute(denominator)).toBe(true);
        if (mode.startsWith('half_')) {
          expect(error * 2n <= absolute(denominator)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('sends half_even ties to the even neighbour', () => {
    const small = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });
    const scale = fc.bigInt({ min: 1n, max: 10n ** 12n });
    fc.assert(
      fc.property(small, scale, fc.boolean(), (whole, factor, flip) => {
        // (2·whole + 1)·factor / (2·factor) is exactly whole + 0.5.
        const sign = flip ? -1n : 1n;
        const result = divide((2n * whole + 1n) * factor * sign, 2n * factor * sign, 'half_even');
        expect(result % 2n).toBe(0n);
        expect(result === whole || result === whole + 1n).toBe(true);
      }),
    );
  });
});

describe('multiplyByRatio and applyBasisPoints', () => {
  it('rounds once at the end', () => {
    expect(multiplyByRatio(100n, 1n, 3n, 'half_up')).toBe(33n);
    expect(multiplyByRatio(100n, 2n, 3n, 'half_up')).toBe(67n);
    expect(multiplyByRatio(-100n, 2n, 3n, 'down')).toBe(-66n);
    expect(multiplyByRatio(10n, 7n, 4n, 'half_even')).toBe(18n);
  });

  it('computes basis-point fees', () => {
    // 0.6% of 100.00 CNY is 0.60; of 0.83 it is 0.00498 → 0.00; of 83.00 it is 0.498 → 0.50; of 75.00 it is 0.45.
    expect(applyBasisPoints(10_000n, 60n, 'half_up')).toBe(60n);
    expect(applyBasisPoints(83n, 60n, 'half_up')).toBe(0n);
    expect(applyBasisPoints(8300n, 60n, 'half_up')).toBe(50n);
    expect(applyBasisPoints(7500n, 60n, 'half_up')).toBe(45n);
    // 0.6% of 2.50 is 0.015: a tie.
    expect(applyBasisPoints(250n, 60n, 'half_up')).toBe(2n);
    expect(applyBasisPoints(250n, 60n, 'half_even')).toBe(2n);
    expect(applyBasisPoints(250n, 60n, 'half_down')).toBe(1n);
    expect(applyBasisPoints(-250n, 60n, 'half_up')).toBe(-2n);
    expect(applyBasisPoints(12_345n, 10_000n, 'down')).toBe(12_345n);
  });

  it('equals divide of the product', () => {
    fc.assert(
      fc.property(anyNumerator, fc.bigInt({ min: 0n, max: 100_000n }), anyMode, (amount, basisPoints, mode) => {
        expect(applyBasisPoints(amount, basisPoints, mode)).toBe(reference(amount * basisPoints, 10_000n, mode));
      }),
    );
  });
});
