// KYC tiers and what each may hold and send: a balance cap, and a cap on the money leaving the
// wallet per day (payments and withdrawals, in China Standard Time days). Going over is refused
// before anything moves.

import type { Kysely } from 'kysely';
import { prepareQuery, type PlatformTables } from '../store/index.js';
import { statementUtcOffsetMinutes } from './statement.js';

export type KycTier = 'unverified' | 'verified';

export interface TierLimits {
  /** Minor units. */
  readonly balanceCap: bigint;
  readonly dailyOutflow: bigint;
}

export type WalletLimits = Readonly<Record<KycTier, TierLimits>>;

/** Defaults (CNY fen): unverified 2,000.00 held and 1,000.00 out a day; verified 500,000.00 and 200,000.00. */
export const defaultWalletLimits: WalletLimits = {
  unverified: { balanceCap: 200_000n, dailyOutflow: 100_000n },
  verified: { balanceCap: 50_000_000n, dailyOutflow: 20_000_000n },
};

const dayMilliseconds = 24 * 60 * 60 * 1000;

/** The start of the business day (CST) that `now` is in. */
export function dayStart(now: number): number {
  const offset = statementUtcOffsetMinutes * 60_000;
  return Math.floor((now + offset) / dayMilliseconds) * dayMilliseconds - offset;
}

/**
 * The query of money that left a user's wallet since a moment: payments and withdrawals not
 * failed (PostgreSQL's zhifu_reserve_outflow, platform migration 0019, counts the same records).
 */
export function prepareOutflowQuery(db: Kysely<PlatformTables>) {
  return prepareQuery(db, (userId: string, since: number) =>
    db.selectFrom('wallet_transfers').select('amount').where('user_id', '=', userId).where('kind', 'in', ['transfer', 'withdrawal']).where('status', '!=', 'failed').where('created_at', '>=', since),
  );
}
