// A merchant's recent business days (China Standard Time) in figures, for its dashboard, summed by
// the database from the trades and refunds tables: per day, the trades paid, their amounts and the
// fees on them, and the refunds made. Amounts are kept as text of minor units in those tables, so
// the sums cast them to integers and come back as text, exact on both databases.

import { sql, type Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { PlatformDatabase, PlatformTables } from '../store/index.js';
import { businessDayOf, businessDayRange, chinaOffsetMilliseconds } from './bills.js';

/** Days a report covers at most. */
export const reportDaysMax = 90;
const dayMilliseconds = 24 * 60 * 60 * 1000;

export interface DailyFigures {
  /** The business day, yyyy-MM-dd (CST). */
  readonly date: string;
  /** Trades paid that day (whatever became of them since). */
  readonly trades: number;
  /** The sum of their amounts, in fen. */
  readonly volume: bigint;
  /** The fees on them as they stand now: taken when their money reached the merchant, less what refunds gave back. */
  readonly fees: bigint;
  /** Refunds made that day, on trades paid any day (dispute decisions included). */
  readonly refunds: bigint;
}

/** The day number (days since the epoch, in CST) of a time column, as SQL. */
const dayOf = (column: string) => sql<number | string>`(${sql.ref(column)} + ${sql.lit(chinaOffsetMilliseconds)}) / ${sql.lit(dayMilliseconds)}`;
/** The exact sum of a column of minor units kept as text. */
const sumOf = (column: string) => sql<string | null>`cast(sum(cast(${sql.ref(column)} as bigint)) as text)`;

export class DailyReports {
  private readonly db: Kysely<PlatformTables>;

  constructor(
    platform: PlatformDatabase,
    private readonly clock: Clock,
  ) {
    this.db = platform.db;
  }

  /** The merchant's last `days` business days, oldest first, today last; days without anything are there with zeros. */
  async lastDays(merchantId: string, days: number): Promise<DailyFigures[]> {
    if (!Number.isInteger(days) || days < 1 || days > reportDaysMax) throw new Error(`reports: days must be 1 to ${reportDaysMax}, not ${days}`);
    const now = this.clock.now().getTime();
    const dates = Array.from({ length: days }, (_, index) => businessDayOf(now - (days - 1 - index) * dayMilliseconds));
    const from = Number(businessDayRange(dates[0]!)!.first / 1_000_000n);
    const to = Number(businessDayRange(dates.at(-1)!)!.last / 1_000_000n) + 1;
    const paid = await this.db
      .selectFrom('trades')
      .select([dayOf('paid_at').as('day'), sql<number | string>`count(*)`.as('trades'), sumOf('total_amount').as('volume'), sumOf('fee_amount').as('fees')])
      .where('merchant_id', '=', merchantId)
      .where('currency', '=', 'CNY')
      .where('paid_at', '>=', from)
      .where('paid_at', '<', to)
      .groupBy(sql`1`)
      .execute();
    const refunded = await this.db
      .selectFrom('trade_refunds')
      .innerJoin('trades', 'trades.id', 'trade_refunds.trade_id')
      .select([dayOf('trade_refunds.created_at').as('day'), sumOf('trade_refunds.amount').as('refunds')])
      .where('trades.merchant_id', '=', merchantId)
      .where('trades.currency', '=', 'CNY')
      .where('trade_refunds.status', '=', 'succeeded')
      .where('trade_refunds.created_at', '>=', from)
      .where('trade_refunds.created_at', '<', to)
      .groupBy(sql`1`)
      .execute();
    // A day number's date: the day starts at day × 24 h in CST.
    const dateOf = (day: number | string) => businessDayOf(Number(day) * dayMilliseconds - chinaOffsetMilliseconds);
    const paidByDate = new Map(paid.map((row) => [dateOf(row.day), row]));
    const refundedByDate = new Map(refunded.map((row) => [dateOf(row.day), BigInt(row.refunds ?? '0')]));
    return dates.map((date) => {
      const row = paidByDate.get(date);
      return { date, trades: Number(row?.trades ?? 0), volume: BigInt(row?.volume ?? '0'), fees: BigInt(row?.fees ?? '0'), refunds: refundedByDate.get(date) ?? 0n };
    });
  }
}
