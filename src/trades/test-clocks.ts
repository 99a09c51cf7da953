// Sandbox test clocks, as Stripe's: a clock holds a simulated time; trades made on it live in that
// time (their deadlines, their timeline), and advancing the clock runs everything that falls due
// in between (unpaid timeouts, automatic confirmation, refund windows), so a 10-day confirmation
// is tested in a second. Production refuses clocks.

import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { IdSource } from '../platform/ids.js';
import type { PlatformDatabase, PlatformTables, TestClockTable, TradeTable } from '../store/index.js';
import type { TradeService } from './trade-service.js';
import type { TradeMerchant } from './trade-steps.js';

export const testClocksPerOwnerMax = 100;
/** A clock moves forward at most this far in one advance (Stripe allows two intervals; a year is plenty here). */
export const testClockAdvanceMaxMilliseconds = 366 * 24 * 60 * 60 * 1000;
/** Rounds of due work one advance runs at most (each round may make more work due, e.g. a close then nothing). */
const advanceRoundsMax = 20;

export type TestClockFailure = 'test_clocks_unavailable' | 'test_clock_not_found' | 'test_clock_time_invalid' | 'test_clock_limit_reached';
export type TestClockOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: TestClockFailure };

export class TestClockService {
  private readonly db: Kysely<PlatformTables>;

  constructor(
    platform: PlatformDatabase,
    private readonly trades: TradeService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly sandbox: boolean,
  ) {
    this.db = platform.db;
  }

  /** A clock for a merchant (or, with null, for operators), starting at `frozenTime` or now. */
  async create(merchantId: string | null, name: string, frozenTime?: number): Promise<TestClockOutcome<TestClockTable>> {
    if (!this.sandbox) return { ok: false, code: 'test_clocks_unavailable' };
    const owned = await this.db.selectFrom('test_clocks').select((eb) => eb.fn.countAll<number>().as('count')).where('merchant_id', merchantId === null ? 'is' : '=', merchantId).executeTakeFirstOrThrow();
    if (Number(owned.count) >= testClocksPerOwnerMax) return { ok: false, code: 'test_clock_limit_reached' };
    const now = this.clock.now().getTime();
    const row: TestClockTable = { id: `clock_${this.ids.nextId().toString(36)}`, merchant_id: merchantId, name, frozen_time: frozenTime ?? now, created_at: now };
    await this.db.insertInto('test_clocks').values(row).execute();
    return { ok: true, value: row };
  }

  /** A clock the caller may use: its merchant's own, or any for an operator (merchantId undefined). */
  async find(id: string, merchantId: string | undefined): Promise<TestClockTable | undefined> {
    const row = await this.db.selectFrom('test_clocks').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined || (merchantId !== undefined && row.merchant_id !== merchantId)) return undefined;
    return row;
  }

  async list(merchantId: string | undefined): Promise<TestClockTable[]> {
    let query = this.db.selectFrom('test_clocks').selectAll();
    if (merchantId !== undefined) query = query.where('merchant_id', '=', merchantId);
    return query.orderBy('created_at', 'desc').limit(testClocksPerOwnerMax).execute();
  }

  /**
   * The trades living on a clock, newest first, of one status or all, after a cursor (a trade of
   * the clock): what operators watch move as they advance it. Undefined for a cursor not on it.
   */
  async tradesOn(clockId: string, status: string | undefined, limit: number, startingAfter?: string): Promise<{ data: TradeTable[]; hasMore: boolean } | undefined> {
    let query = this.db.selectFrom('trades').selectAll().where('test_clock_id', '=', clockId);
    if (status !== undefined) query = query.where('status', '=', status);
    if (startingAfter !== undefined) {
      const cursor = await this.trades.findTrade(startingAfter);
      if (cursor === undefined || cursor.test_clock_id !== clockId) return undefined;
      query = query.where((eb) => eb.or([eb('created_at', '<', cursor.created_at), eb.and([eb('created_at', '=', cursor.created_at), eb('id', '<', cursor.id)])]));
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    return { data: rows.slice(0, limit), hasMore: rows.length > limit };
  }

  /** Moves the clock forward to `to` and runs what falls due on it; answers the clock and how many trades moved. */
  async advance(id: string, merchantId: string | undefined, to: number, merchantOf: (merchantId: string) => Promise<TradeMerchant>): Promise<TestClockOutcome<{ clock: TestClockTable; moved: number }>> {
    if (!this.sandbox) return { ok: false, code: 'test_clocks_unavailable' };
    const clock = await this.find(id, merchantId);
    if (clock === undefined) return { ok: false, code: 'test_clock_not_found' };
    const from = Number(clock.frozen_time);
    if (!Number.isSafeInteger(to) || to <= from || to - from > testClockAdvanceMaxMilliseconds) return { ok: false, code: 'test_clock_time_invalid' };
    const moved = await this.db.updateTable('test_clocks').set({ frozen_time: to }).where('id', '=', id).where('frozen_time', '=', from).executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return { ok: false, code: 'test_clock_time_invalid' };
    let total = 0;
    for (let round = 0; round < advanceRoundsMax; round++) {
      const done = await this.trades.runDue(merchantOf, id);
      total += done;
      if (done === 0) break;
    }
    return { ok: true, value: { clock: { ...clock, frozen_time: to }, moved: total } };
  }
}
