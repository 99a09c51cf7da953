// KYC tiers and what each may hold and send: a balance cap, and a cap on the money leaving the
// wallet per day (payments to users, payments of trades and withdrawals, in China Standard Time
// days). Going over is refused before anything moves.

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
 * The longest a trade may wait to be paid (`timeout_express` of 15d, trades/timeout-express.ts):
 * a trade paid since a moment was made at most this long before it, which bounds the read of a
 * buyer's trades by the index on (buyer, created_at).
 */
export const tradePayWindowMaxMilliseconds = 15 * dayMilliseconds;

/**
 * The query of money that left a user's wallet since a moment: payments to users and withdrawals
 * not failed, and trades the user paid from the wallet in real time (a trade on a sandbox test
 * clock lives in simulated days and is not counted). PostgreSQL's zhifu_reserve_outflow (platform
 * migration 0020) counts the same records.
 */
export function prepareOutflowQuery(db: Kysely<PlatformTables>): (userId: string, since: number) => Promise<{ rows: { amount: string }[] }> {
  const query = prepareQuery(db, (userId: string, since: number, tradesMadeSince: number) =>
    db
      .selectFrom('wallet_transfers')
      .select('amount')
      .where('user_id', '=', userId)
      .where('kind', 'in', ['transfer', 'withdrawal'])
      .where('status', '!=', 'failed')
      .where('created_at', '>=', since)
      .unionAll(
        db
          .selectFrom('trades')
          .select('total_amount as amount')
          .where('buyer_user_id', '=', userId)
          .where('created_at', '>=', tradesMadeSince)
          .where('paid_at', '>=', since)
          .where('test_clock_id', 'is', null),
      ),
  );
  return (userId, since) => query(userId, since, since - tradePayWindowMaxMilliseconds);
}
