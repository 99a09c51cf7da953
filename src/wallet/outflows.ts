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

import { dayStart, outflowToday, type prepareOutflowQuery } from './limits.js';

/** Users whose day total is kept in memory at most (those with a payment in flight stay). */
export const trackedUsersMax = 100_000;

interface DayTotal {
  day: number;
  amount: bigint;
  /** Reservations not yet kept or released: the records do not show them yet. */
  inFlight: number;
}

export interface OutflowReservation {
  /** The payment went ahead and its record is written: the amount stays counted. */
  keep(): void;
  /** The payment did not go ahead (or only repeated an earlier one): the amount is given back. */
  release(): void;
}

export class DailyOutflows {
  private readonly totals = new Map<string, DayTotal>();
  /** Where totals are read for every payment: the end of the last turn taken by each user's payments. */
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly query: ReturnType<typeof prepareOutflowQuery>,
    private readonly inMemory: boolean,
  ) {}

  /** Reserves `amount` of the user's outflow today if it fits under `limit`; undefined when it does not. */
  async reserve(userId: string, amount: bigint, limit: bigint, now: number): Promise<OutflowReservation | undefined> {
    if (!this.inMemory) return this.reserveInTurn(userId, amount, limit, now);
    const day = dayStart(now);
    let total = this.totals.get(userId);
    if (total === undefined || total.day !== day) {
      const amountToday = await outflowToday(this.query, userId, now);
      // Another payment of the user may have read the total meanwhile: the first one read stands.
      total = this.totals.get(userId);
      if (total === undefined || total.day !== day) total = this.track(userId, { day, amount: amountToday, inFlight: 0 });
    }
    if (total.amount + amount > limit) return undefined;
    const reserved = total;
    reserved.amount += amount;
    reserved.inFlight += 1;
    let settled = false;
    const settle = (keep: boolean) => {
      if (settled) return;
      settled = true;
      reserved.inFlight -= 1;
      if (!keep) reserved.amount -= amount;
    };
    return { keep: () => settle(true), release: () => settle(false) };
  }

  private async reserveInTurn(userId: string, amount: bigint, limit: bigint, now: number): Promise<OutflowReservation | undefined> {
    const end = await this.takeTurn(userId);
    let fits: boolean;
    try {
      fits = (await outflowToday(this.query, userId, now)) + amount <= limit;
    } catch (error) {
      end();
      throw error;
    }
    if (!fits) {
      end();
      return undefined;
    }
    return { keep: end, release: end };
  }

  /** Waits for the user's earlier payments in this process; the answer ends this one's turn (once). */
  private async takeTurn(userId: string): Promise<() => void> {
    const previous = this.turns.get(userId) ?? Promise.resolve();
    let finish!: () => void;
    const mine = new Promise<void>((resolve) => (finish = resolve));
    const tail = previous.then(() => mine);
    this.turns.set(userId, tail);
    await previous;
    return () => {
      finish();
      if (this.turns.get(userId) === tail) this.turns.delete(userId);
    };
  }

  /** A withdrawal made at `createdAt` failed after its record was written: its amount no longer counts. */
  failed(userId: string, amount: bigint, createdAt: number): void {
    const total = this.totals.get(userId);
    if (total !== undefined && total.day === dayStart(createdAt)) total.amount -= amount;
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
