// Users as the rest of the platform sees them, and how sign-up identifiers are read.

import type { UserTable } from '../store/index.js';

export interface User {
  readonly id: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly kycTier: 'unverified' | 'verified';
  readonly status: 'active' | 'frozen';
  readonly balanceAccountId: bigint;
  readonly pinSet: boolean;
  readonly createdAt: Date;
}

export function toUser(row: UserTable): User {
  return {
    id: row.id,
    phone: row.phone,
    email: row.email,
    kycTier: row.kyc_tier === 'verified' ? 'verified' : 'unverified',
    status: row.status === 'frozen' ? 'frozen' : 'active',
    balanceAccountId: BigInt(row.balance_account_id),
    pinSet: row.pin_hash !== null,
    createdAt: new Date(Number(row.created_at)),
  };
}

/** A phone number as stored: digits with an optional leading +, spaces and dashes removed. */
export function normalizePhone(text: string): string | undefined {
  const phone = text.replace(/[\s-]/g, '');
  return /^\+?[1-9]\d{6,14}$/.test(phone) ? phone : undefined;
}

/** An email address as stored: trimmed and lower case. */
export function normalizeEmail(text: string): string | undefined {
  const email = text.trim().toLowerCase();
  return email.length <= 254 && /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/.test(email) ? email : undefined;
}

/** Which column an identifier names: a user id, a phone number or an email address. */
export function parseIdentifier(text: string): { readonly column: 'id' | 'phone' | 'email'; readonly value: string } | undefined {
  if (text.startsWith('usr_')) return { column: 'id', value: text };
  if (text.includes('@')) {
    const email = normalizeEmail(text);
    return email === undefined ? undefined : { column: 'email', value: email };
  }
  const phone = normalizePhone(text);
  return phone === undefined ? undefined : { column: 'phone', value: phone };
}
