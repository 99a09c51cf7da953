// The daily outflow limit: money leaving a wallet (payments to users and withdrawals not failed,
// and trades paid from the wallet) per China Standard Time day may not pass the KYC tier's cap. A
// payment reserves its amount before any money moves and keeps the reservation once its record is
// written, or releases it when it does not go ahead, so payments sent at the same moment cannot
// pass the limit together.
//
// Where this process is the platform database's only writer (SQLite), each user's total for the
// day is read from the records once and then kept in memory with every reservation, so a payment
// reads nothing; totals with nothing in flight are dropped past `trackedUsersMax` and read again
// when needed. Where several processes write one database (PostgreSQL), the reservation is a row,
// written in one round trip by the function zhifu_reserve_outflow (platform migration 0020): under
// a transaction-level advisory lock on the user, it sums the day's records and the live
// reservations and writes its own if it fits. The reservation has the id of the record the
// payment will write (a trade's payment: the trade's id, its record once it is paid), and a
// reservation whose record exists no longer counts, so a payment that went through leaves it to
// lapse; one that did not go ahead deletes it. A reservation a crash left behind lapses after
// `reservationMilliseconds`.

import { sql, type Kysely } from 'kysely';
import { KeyedQueue } from '../platform/keyed-queue.js';
import type { PlatformTables } from '../store/index.js';
import { dayStart, type prepareOutflowQuery } from './limits.js';

/** How long a reservation counts if its payment never deletes it (the process stopped mid-payment). */
export const reservationMilliseconds = 5 * 60 * 1000;

/** Users whose day total is kept in memory at most (those with a payment in flight stay). */
export const trackedUsersMax = 100_000;

interface DayTotal {
  day: number;
  amount: bigint;
  /** Reservations not yet kept or released: the records do not show them yet. */
  inFlight: number;
  /** The records changed without a reservation: read them again once nothing is in flight. */
  stale?: boolean;
}

/** What a movement out of the wallet did: its outcome, and whether its amount counts (it wrote a new record). */
export interface Spent<T> {
  readonly outcome: T;
  readonly counts: boolean;
}

export class DailyOutflows {
  private readonly totals = new Map<string, DayTotal>();
  /**
   * Where reservations are rows: a user's reservations in this process, one at a time, so that
   * they wait here rather than each holding a database connection while it waits for the lock.
   */
  private readonly turns = new KeyedQueue();

  constructor(
    private readonly db: Kysely<PlatformTables>,
    private readonly query: ReturnType<typeof prepareOutflowQuery>,
    private readonly inMemory: boolean,
  ) {}

  /**
   * Runs `move` if `amount` fits under the user's `limit` for today, with the amount reserved while
   * it runs; undefined, without running it, when it does not fit. The amount stays counted if the
   * move says so, and is given back otherwise (and when the move throws). `recordId` is the id of
   * the record the move writes.
   */
  async spend<T>(userId: string, amount: bigint, limit: bigint, now: number, recordId: string, move: () => Promise<Spent<T>>): Promise<T | undefined> {
    const release = this.inMemory ? await this.reserveInMemory(userId, amount, limit, now) : await this.turns.run(userId, () => this.reserve(userId, amount, limit, now, recordId));
    if (release === undefined) return undefined;
    let counts = false;
    try {
      const spent = await move();
      counts = spent.counts;
      return spent.outcome;
    } finally {
      await release(counts);
    }
  }

  /** Adds `amount` to the user's total kept in memory if it fits; answers how to end the reservation. */
  private async reserveInMemory(userId: string, amount: bigint, limit: bigint, now: number): Promise<((counts: boolean) => void) | undefined> {
    const total = await this.totalToday(userId, now);
    if (total.amount + amount > limit) return undefined;
    total.amount += amount;
    total.inFlight += 1;
    return (counts) => {
      total.inFlight -= 1;
      if (!counts) total.amount -= amount;
      if (total.stale === true && total.inFlight === 0 && this.totals.get(userId) === total) this.totals.delete(userId);
    };
  }

  /**
   * Has the user's total read from the records again (where totals are kept in memory): a payment
   * was recorded that no reservation counted. With reservations in flight, once they end.
   */
  recount(userId: string): void {
    const total = this.totals.get(userId);
    if (total === undefined) return;
    if (total.inFlight === 0) this.totals.delete(userId);
    else total.stale = true;
  }

  /**
   * Writes a reservation of `amount`, with the id of its payment's record, if it fits under `limit`
   * with the day's records and live reservations; answers how to end it. A record written: the
   * reservation no longer counts and lapses. None: it is given back.
   */
  private async reserve(userId: string, amount: bigint, limit: bigint, now: number, recordId: string): Promise<((counts: boolean) => Promise<void>) | undefined> {
    const { rows } = await sql<{ reserved: boolean }>`SELECT zhifu_reserve_outflow(${userId}, ${amount.toString()}, ${limit.toString()}, ${dayStart(now)}, ${now}, ${recordId}, ${now + reservationMilliseconds}) AS reserved`.execute(this.db);
    if (!rows[0]!.reserved) return undefined;
    return async (counts) => {
      // The user's own reservation only: a trade's id names the reservation of whoever pays it.
      if (!counts) await this.db.deleteFrom('outflow_reservations').where('id', '=', recordId).where('user_id', '=', userId).execute();
    };
  }

  /** Deletes reservations that lapsed (their payments went through, or their process stopped); answers how many. */
  async prune(now: number): Promise<number> {
    return Number((await this.db.deleteFrom('outflow_reservations').where('expires_at', '<=', now).executeTakeFirst()).numDeletedRows);
  }

  /** A withdrawal made at `createdAt` failed after its record was written: its amount no longer counts. */
  failed(userId: string, amount: bigint, createdAt: number): void {
    const total = this.totals.get(userId);
    if (total !== undefined && total.day === dayStart(createdAt)) total.amount -= amount;
  }

  /** The user's total for today, read from the records when not kept yet. */
  private async totalToday(userId: string, now: number): Promise<DayTotal> {
    const day = dayStart(now);
    const kept = this.totals.get(userId);
    if (kept !== undefined && kept.day === day) return kept;
    const { rows } = await this.query(userId, day);
    const amountToday = rows.reduce((sum, row) => sum + BigInt(row.amount), 0n);
    // Another payment of the user may have read the total meanwhile: the first one read stands.
    const meanwhile = this.totals.get(userId);
    if (meanwhile !== undefined && meanwhile.day === day) return meanwhile;
    return this.track(userId, { day, amount: amountToday, inFlight: 0 });
  }

  private track(userId: string, total: DayTotal): DayTotal {
    this.totals.delete(userId);
    this.totals.set(userId, total);
    if (this.totals.size > trackedUsersMax) {
      for (const [id, each] of this.totals) {
        if (this.totals.size <= trackedUsersMax) break;
        if (each.inFlight === 0) this.totals.delete(id);
      }
    }
    return total;
  }
}
