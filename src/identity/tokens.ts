// Session tokens: 32 random bytes, shown to the client once; only their SHA-256 is stored.

import { hash, randomBytes } from 'node:crypto';

export const sessionLifetimeMilliseconds = 30 * 24 * 60 * 60 * 1000;

export function newSessionToken(): string {
  return `zs_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** Prefixed random ids for platform records, e.g. `usr_3n2…`. */
export function newRecordId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
