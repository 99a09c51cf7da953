// Splitting an amount by integer ratios without creating or losing a minor unit.
// Rule: floor shares of the magnitude, then leftover units to the largest remainders, ties to the earliest index.
import { assertInvariant } from './assertion.js';

/**
 * Splits total into shares proportional to ratios; the shares always sum to total exactly.
 *
 * For a non-negative total each share starts as floor(total × ratio / sum of ratios). The units left over
 * (fewer than the number of shares) are handed out one at a time to the shares with the largest fractional
 * remainder (total × ratio mod sum); equal remainders go to the earliest index. A negative total is split
 * as its magnitude and every share negated: allocate(-t, r) = allocate(t, r) negated, so shares are rounded
 * toward zero and the extra units go to the same indices. Each share differs from the exact proportional
 * value by less than one unit, and a zero ratio always gets 0n.
 *
 * Programmer errors (MoneyAssertionError): no ratios, a negative ratio, or all ratios zero.
 */
export function allocate(total: bigint, ratios: readonly bigint[]): bigint[] {
  assertInvariant(ratios.length > 0, 'allocate needs at least one ratio');
  assertInvariant(ratios.every((ratio) => ratio >= 0n), 'allocate ratios must not be negative');
  const ratioSum = ratios.reduce((sum, ratio) => sum + ratio, 0n);
  assertInvariant(ratioSum > 0n, 'allocate ratios must not all be zero');

  const magnitude = total < 0n ? -total : total;
  const shares = ratios.map((ratio) => (magnitude * ratio) / ratioSum);
  const remainders = ratios.map((ratio) => (magnitude * ratio) % ratioSum);
  let leftover = magnitude - shares.reduce((sum, share) => sum + share, 0n);

  const order = ratios.map((_ratio, index) => index);
  order.sort((left, right) => {
    const leftRemainder = remainders[left] ?? 0n;
    const rightRemainder = remainders[right] ?? 0n;
    if (leftRemainder !== rightRemainder) {
      return leftRemainder > rightRemainder ? -1 : 1;
    }
    return left - right;
  });
  // leftover < number of non-zero remainders, so zero remainders (and zero ratios) never get a unit.
  for (const index of order) {
    if (leftover === 0n) {
      break;
    }
    shares[index] = (shares[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return total < 0n ? shares.map((share) => -share) : shares;
}

/** Splits total into count shares as equal as possible; the earliest shares get the extra units. */
export function allocateEvenly(total: bigint, count: number): bigint[] {
  assertInvariant(Number.isSafeInteger(count) && count >= 1, `allocateEvenly count must be a positive integer, got ${count}`);
  return allocate(total, new Array<bigint>(count).fill(1n));
}
