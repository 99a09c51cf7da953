// The clock, injected everywhere that needs time, so that tests and sandbox test clocks can run on
// simulated time. Ledger timestamps are nanoseconds since the Unix epoch, as bigint.

export interface Clock {
  /** Now, in nanoseconds since the Unix epoch. */
  nowNanoseconds(): bigint;
  /** Now, as a Date (millisecond precision). */
  now(): Date;
}

const nanosecondsPerMillisecond = 1_000_000n;

/** The machine's clock. Nanoseconds come from the millisecond wall clock plus the monotonic clock's sub-millisecond part. */
export const systemClock: Clock = {
  nowNanoseconds(): bigint {
    const milliseconds = BigInt(Date.now());
    const subMillisecond = process.hrtime.bigint() % nanosecondsPerMillisecond;
    return milliseconds * nanosecondsPerMillisecond + subMillisecond;
  },
  now(): Date {
    return new Date();
  },
};

/** A clock that moves only when told: for tests and sandbox test clocks. */
export class ManualClock implements Clock {
  private nanoseconds: bigint;

  constructor(start: Date | bigint = new Date('2026-01-01T00:00:00Z')) {
    this.nanoseconds = typeof start === 'bigint' ? start : BigInt(start.getTime()) * nanosecondsPerMillisecond;
  }

  nowNanoseconds(): bigint {
    return this.nanoseconds;
  }

  now(): Date {
    return new Date(Number(this.nanoseconds / nanosecondsPerMillisecond));
  }

  /** Moves the clock forward by whole seconds. */
  advanceSeconds(seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 0) throw new Error('ManualClock: seconds must be a whole number ≥ 0');
    this.nanoseconds += BigInt(seconds) * 1_000_000_000n;
  }

  setNanoseconds(nanoseconds: bigint): void {
    if (nanoseconds < this.nanoseconds) throw new Error('ManualClock: time does not go backwards');
    this.nanoseconds = nanoseconds;
  }
}

/** A stored time (epoch milliseconds, a number or, from PostgreSQL's bigint, a string) as ISO 8601 text. */
export function isoTime(value: number | string): string;
export function isoTime(value: number | string | null): string | null;
export function isoTime(value: number | string | null): string | null {
  return value === null ? null : isoMilliseconds(Number(value));
}

/**
 * The date parts ("2026-11-21T") of the days `isoMilliseconds` formatted lately, by day number
 * (days since 1970) in a slot of its own: a trade names several days at once (created today, pay
 * by tomorrow, confirm within ten days), so one remembered day would be formatted anew each time.
 */
const daySlots = 32;
const slotDays = new Float64Array(daySlots).fill(Number.NaN);
const slotPrefixes: string[] = new Array<string>(daySlots).fill('');

/**
 * `new Date(milliseconds).toISOString()`, with the date part kept from earlier calls on the same
 * day: responses and events name many times of the same few days, and `toISOString()` formats
 * every field each time. The time of day is plain arithmetic.
 */
export function isoMilliseconds(milliseconds: number): string {
  // Out of a Date's range, toISOString() throws: so does this.
  if (!(Math.abs(milliseconds) <= maxDateMilliseconds)) return new Date(milliseconds).toISOString();
  // A Date drops the fraction of a millisecond (toward zero); + 0 makes -0 plain 0.
  milliseconds = Math.trunc(milliseconds) + 0;
  const day = Math.floor(milliseconds / millisecondsPerDay);
  // Day numbers are within ±10^8, so the low bits of their 32-bit form pick the slot.
  const slot = day & (daySlots - 1);
  if (slotDays[slot] !== day) {
    const full = new Date(day * millisecondsPerDay).toISOString();
    slotDays[slot] = day;
    slotPrefixes[slot] = full.slice(0, full.indexOf('T') + 1);
  }
  const ofDay = milliseconds - day * millisecondsPerDay;
  const hours = Math.floor(ofDay / 3_600_000);
  const minutes = Math.floor(ofDay / 60_000) % 60;
  const seconds = Math.floor(ofDay / 1000) % 60;
  const fraction = ofDay % 1000;
  return `${slotPrefixes[slot]}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}.${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}Z`;
}

const millisecondsPerDay = 86_400_000;
/** The largest time a Date holds, either side of 1970 (ECMAScript's TimeClip). */
const maxDateMilliseconds = 8.64e15;

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}
