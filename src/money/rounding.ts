// Exact integer division of bigint amounts with a named rounding mode, and helpers built on it
// (multiply by a ratio, apply a rate in basis points). No floating point anywhere.
import { assertInvariant } from './assertion.js';

/**
 * half_up: nearest, ties away from zero (2.5 → 3, -2.5 → -3).
 * half_even: nearest, ties to the even neighbour (2.5 → 2, 3.5 → 4), "banker's rounding".
 * half_down: nearest, ties toward zero (2.5 → 2, -2.5 → -2).
 * down: toward zero (truncate). up: away from zero. floor: toward -∞. ceiling: toward +∞.
 */
export type RoundingMode = 'half_up' | 'half_even' | 'half_down' | 'down' | 'up' | 'floor' | 'ceiling';

export const roundingModes: readonly RoundingMode[] = Object.freeze([
  'half_up',
  'half_even',
  'half_down',
  'down',
  'up',
  'floor',
  'ceiling',
]);

/** One basis point is 1/10000: 60 bp = 0.6%. */
export const basisPointsPerWhole = 10_000n;

/** Whether a ".5 exactly" case rounds away from zero, given the truncated quotient. */
function tieGoesAway(mode: 'half_up' | 'half_even' | 'half_down', truncated: bigint): boolean {
  switch (mode) {
    case 'half_up':
      return true;
    case 'half_down':
      return false;
    case 'half_even':
      return truncated % 2n !== 0n;
  }
}

/**
 * Whether an inexact quotient rounds away from zero.
 * doubledRemainderVersusDivisor compares 2·|remainder| with |divisor| (-1, 0 or 1); 0 means an exact tie.
 */
function roundsAway(mode: RoundingMode, negative: boolean, truncated: bigint, doubledRemainderVersusDivisor: number): boolean {
  switch (mode) {
    case 'down':
      return false;
    case 'up':
      return true;
    case 'floor':
      return negative;
    case 'ceiling':
      return !negative;
    case 'half_up':
    case 'half_even':
    case 'half_down':
      if (doubledRemainderVersusDivisor !== 0) {
        return doubledRemainderVersusDivisor > 0;
      }
      return tieGoesAway(mode, truncated);
    default: {
      const unknown: never = mode;
      throw new Error(`Unknown rounding mode: ${String(unknown)}`);
    }
  }
}

/**
 * numerator / denominator rounded to an integer with the given mode. Exact for any bigint values and any
 * signs. Division by zero is a programmer error (MoneyAssertionError).
 */
export function divide(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  assertInvariant(denominator !== 0n, 'Division by zero');
  assertInvariant(roundingModes.includes(mode), `Unknown rounding mode: ${String(mode)}`);
  const dividend = denominator < 0n ? -numerator : numerator;
  const divisor = denominator < 0n ? -denominator : denominator;
  const truncated = dividend / divisor;
  const remainder = dividend % divisor;
  if (remainder === 0n) {
    return truncated;
  }
  const negative = dividend < 0n;
  const doubledRemainder = (negative ? -remainder : remainder) * 2n;
  const doubledRemainderVersusDivisor = doubledRemainder === divisor ? 0 : doubledRemainder > divisor ? 1 : -1;
  if (roundsAway(mode, negative, truncated, doubledRemainderVersusDivisor)) {
    return negative ? truncated - 1n : truncated + 1n;
  }
  return truncated;
}

/** amount × numerator / denominator, rounded once at the end with the given mode. */
export function multiplyByRatio(amount: bigint, numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  return divide(amount * numerator, denominator, mode);
}

/** amount × basisPoints / 10000, rounded with the given mode: a 0.6% fee is applyBasisPoints(amount, 60n, 'half_up'). */
export function applyBasisPoints(amount: bigint, basisPoints: bigint, mode: RoundingMode): bigint {
  return divide(amount * basisPoints, basisPointsPerWhole, mode);
}
