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
  return value === null ? null : new Date(Number(value)).toISOString();
}
