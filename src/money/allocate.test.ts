// Tests for allocate and allocateEvenly: exact totals, bounded error, the remainder rule and determinism.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MoneyAssertionError } from './assertion.js';
import { allocate, allocateEvenly } from './allocate.js';

const sum = (values: readonly bigint[]): bigint => values.reduce((total, value) => total + value, 0n);

const cases: readonly (readonly [bigint, readonly bigint[], readonly bigint[]])[] = [
  [100n, [1n, 1n, 1n], [34n, 33n, 33n]],
  [-100n, [1n, 1n, 1n], [-34n, -33n, -33n]],
  [101n, [1n, 1n, 1n], [34n, 34n, 33n]],
  // 5·[3,7]/10 = 1.5, 3.5: equal remainders, so the earliest index gets the unit.
  [5n, [3n, 7n], [2n, 3n]],
  [-5n, [3n, 7n], [-2n, -3n]],
  // 10·[1,2]/3 = 3.33, 6.67: the larger remainder (index 1) gets the unit.
  [10n, [1n, 2n], [3n, 7n]],
  [-10n, [1n, 2n], [-3n, -7n]],
  [100n, [0n, 1n, 0n], [0n, 100n, 0n]],
  [1n, [1n, 0n, 1n], [1n, 0n, 0n]],
  [0n, [1n, 2n], [0n, 0n]],
  [10n, [1n, 2n, 3n, 4n], [1n, 2n, 3n, 4n]],
  // 7·[2,3,5]/10 = 1.4, 2.1, 3.5 → floors 1, 2, 3, one unit left → largest remainder (index 2).
  [7n, [2n, 3n, 5n], [1n, 2n, 4n]],
  // 1·[1,1]/2: equal remainders, the earliest index wins.
  [1n, [1n, 1n], [1n, 0n]],
  [-1n, [1n, 1n], [-1n, 0n]],
  [12_345n, [7n], [12_345n]],
];

describe('allocate', () => {
  it.each(cases)('allocate(%s, %s) is %s', (total, ratios, expected) => {
    expect(allocate(total, ratios)).toEqual(expected);
  });

  it('treats bad ratios as programmer errors', () => {
    expect(() => allocate(100n, [])).toThrow(MoneyAssertionError);
    expect(() => allocate(100n, [0n, 0n])).toThrow(MoneyAssertionError);
    expect(() => allocate(100n, [1n, -1n, 2n])).toThrow(MoneyAssertionError);
  });

  const total = fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n });
  const ratios = fc
    .array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 20 })
    .filter((values) => values.some((value) => value > 0n));

  it('preserves the total and stays within one unit of the exact share', () => {
    fc.assert(
      fc.property(total, ratios, (amount, weights) => {
        const shares = allocate(amount, weights);
        const weightSum = sum(weights);
        expect(shares).toHaveLength(weights.length);
        expect(sum(shares)).toBe(amount);
        shares.forEach((share, index) => {
          const weight = weights[index] ?? 0n;
          // |share − amount·weight/weightSum| < 1  ⇔  |share·weightSum − amount·weight| < weightSum
          const error = share * weightSum - amount * weight;
          expect(error < weightSum && -error < weightSum).toBe(true);
          if (weight === 0n) {
            expect(share).toBe(0n);
          }
          if (amount !== 0n && share !== 0n) {
            expect(share < 0n).toBe(amount < 0n);
          }
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic and mirrors negative totals', () => {
    fc.assert(
      fc.property(total, ratios, (amount, weights) => {
        const first = allocate(amount, weights);
        expect(allocate(amount, [...weights])).toEqual(first);
        expect(allocate(-amount, weights)).toEqual(first.map((share) => -share));
      }),
    );
  });

  it('does not modify the ratios', () => {
    const weights = Object.freeze([3n, 1n, 2n]);
    allocate(100n, weights);
    expect(weights).toEqual([3n, 1n, 2n]);
  });
});

describe('allocateEvenly', () => {
  it('splits as evenly as possible, extra units first', () => {
    expect(allocateEvenly(100n, 3)).toEqual([34n, 33n, 33n]);
    expect(allocateEvenly(-100n, 3)).toEqual([-34n, -33n, -33n]);
    expect(allocateEvenly(2n, 4)).toEqual([1n, 1n, 0n, 0n]);
    expect(allocateEvenly(9n, 1)).toEqual([9n]);
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => allocateEvenly(100n, 0)).toThrow(MoneyAssertionError);
    expect(() => allocateEvenly(100n, -1)).toThrow(MoneyAssertionError);
    expect(() => allocateEvenly(100n, 1.5)).toThrow(MoneyAssertionError);
  });

  it('gives shares that differ by at most one and sum to the total', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 1, max: 50 }), (amount, count) => {
        const shares = allocateEvenly(amount, count);
        expect(sum(shares)).toBe(amount);
        const sorted = [...shares].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
        expect((sorted.at(-1) ?? 0n) - (sorted[0] ?? 0n) <= 1n).toBe(true);
      }),
    );
  });
});
