// The daily outflow limit: money leaving a wallet (payments and withdrawals not failed) per China
// Standard Time day may not pass the KYC tier's cap. A payment reserves its amount before any
// money moves and keeps the reservation once its record is written, or releases it when it does
// not go ahead, so payments sent at the same moment cannot pass the limit together.
//
// Where this process is the platform database's only writer (SQLite), each user's total for the
// day is read from the records once and then kept in memory with every reservation, so a payment
// reads nothing; totals with nothing in flight are dropped past `trackedUsersMax` and read again
// when needed. Where several processes write one database (PostgreSQL), the total is read from
// the records for every payment, and a user's payments in this process take turns from the read
// until their record is written; payments of one user sent to different processes at the same
// moment can still pass the limit together.

import { KeyedQueue } from '../platform/keyed-queue.js';
import { dayStart, outflowToday, type prepareOutflowQuery } from './limits.js';

/** Users whose day total is kept in memory at most (those with a payment in flight stay). */
export const trackedUsersMax = 100_000;

interface DayTotal {
  day: number;
  amount: bigint;
  /** Reservations not yet kept or released: the records do not show them yet. */
  inFlight: number;
}

/** What a movement out of the wallet did: its outcome, and whether its amount counts (it wrote a new record). */
export interface Spent<T> {
  readonly outcome: T;
  readonly counts: boolean;
}

export class DailyOutflows {
  private readonly totals = new Map<string, DayTotal>();
  /** Where totals are read for every payment: a user's payments in this process, one at a time. */
  private readonly turns = new KeyedQueue();

  constructor(
    private readonly query: ReturnType<typeof prepareOutflowQuery>,
    private readonly inMemory: boolean,
  ) {}

  /**
   * Runs `move` if `amount` fits under the user's `limit` for today, with the amount reserved while
   * it runs; undefined, without running it, when it does not fit. The amount stays counted if the
   * move says so, and is given back otherwise (and when the move throws).
   */
  async spend<T>(userId: string, amount: bigint, limit: bigint, now: number, move: () => Promise<Spent<T>>): Promise<T | undefined> {
    if (!this.inMemory) {
      return this.turns.run(userId, async () => ((await outflowToday(this.query, userId, now)) + amount <= limit ? (await move()).outcome : undefined));
    }
    const total = await this.totalToday(userId, now);
    if (total.amount + amount > limit) return undefined;
    total.amount += amount;
    total.inFlight += 1;
    let counts = false;
    try {
      const spent = await move();
      counts = spent.counts;
      return spent.outcome;
    } finally {
      total.inFlight -= 1;
      if (!counts) total.amount -= amount;
    }
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
    const amountToday = await outflowToday(this.query, userId, now);
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
