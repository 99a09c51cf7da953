// The 6-digit payment PIN. A slow hash cannot protect a million possible PINs from someone who has
// the database, so the PIN is kept as HMAC-SHA256 under a server secret that is not in the user
// table, and guessing is stopped by the lockout (5 wrong PINs lock payments for an hour). The
// check itself stays fast: payments are on the hot path.

import { createHmac, timingSafeEqual } from 'node:crypto';

export const pinPattern = /^\d{6}$/;
export const pinFailuresMax = 5;
export const pinLockMilliseconds = 60 * 60 * 1000;

export function hashPin(key: Buffer, userId: string, pin: string): string {
  return createHmac('sha256', key).update(`${userId}:${pin}`).digest('hex');
}

export function pinMatches(key: Buffer, userId: string, pin: string, stored: string): boolean {
  const actual = Buffer.from(hashPin(key, userId, pin), 'hex');
  const expected = Buffer.from(stored, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
