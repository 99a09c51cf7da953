// Sessions of users and operators alike: a token shown once, kept as its hash, live until it
// expires or is revoked.

import type { Kysely } from 'kysely';
import type { PlatformTables } from '../store/index.js';
import { hashToken, newSessionToken } from './tokens.js';

/** Opens a session for a principal (a user or an operator id); returns its token, shown once. */
export async function openSession(db: Kysely<PlatformTables>, principalId: string, now: number, lifetimeMilliseconds: number): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = now + lifetimeMilliseconds;
  await db.insertInto('sessions').values({ token_hash: hashToken(token), user_id: principalId, created_at: now, expires_at: expiresAt, revoked_at: null }).execute();
  return { token, expiresAt: new Date(expiresAt) };
}

/** Whether a session row found by a token's hash is live. */
export function sessionLive(row: { expires_at: number | string; revoked_at: number | string | null }, now: number): boolean {
  return row.revoked_at === null && Number(row.expires_at) > now;
}
