// Fixed-window rate limits kept in the platform database, so that every server process counts
// together: sign-in attempts per identifier and per address, PIN attempts per user.

import { sql, type Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { PlatformTables } from '../store/index.js';

export interface RateLimit {
  readonly limit: number;
  readonly windowMilliseconds: number;
}

export type RateLimitResult = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export class RateLimiter {
  constructor(
    private readonly db: Kysely<PlatformTables>,
    private readonly clock: Clock,
  ) {}

  /** Counts one attempt under `key`; refused once the window's limit is passed. */
  async hit(key: string, rule: RateLimit): Promise<RateLimitResult> {
    const now = this.clock.now().getTime();
    const windowStart = now - (now % rule.windowMilliseconds);
    const row = await this.db
      .insertInto('rate_limits')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet({
          count: sql<number>`CASE WHEN rate_limits.window_start = ${windowStart} THEN rate_limits.count + 1 ELSE 1 END`,
          window_start: windowStart,
        }),
      )
      .returning(['count', 'window_start'])
      .executeTakeFirstOrThrow();
    if (Number(row.count) <= rule.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.ceil((windowStart + rule.windowMilliseconds - now) / 1000) };
  }
}
