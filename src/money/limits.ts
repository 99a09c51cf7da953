// Size limits for amounts: the largest magnitude the platform accepts and the longest amount text it reads.

/** Largest accepted magnitude of an amount, in minor units: 2^128 − 1 (39 decimal digits). */
export const amountMagnitudeMax = 2n ** 128n - 1n;

/**
 * Longest amount text parseAmount reads, in characters. Longer text is refused as 'amount_too_large'
 * before any other check or BigInt conversion, even when it is only padded with leading zeros or is
 * not a number at all. 60 leaves room for a sign, 39 digits, a point and generous zero padding.
 */
export const amountTextLengthMax = 60;
