// Id sources, injected like the clock. Ledger ids are u128; the default source makes them
// time-ordered (48 bits of milliseconds, then 80 bits that count up from a random start), as
// TigerBeetle recommends, so that new ids append to the end of the id index instead of landing
// at random places in it.

import { hash, randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';

export interface IdSource {
  /** A new u128 id, never 0 and never 2^128 − 1, greater than every id this source made before. */
  nextId(): bigint;
}

const lowBits = 80n;
const lowMask = (1n << lowBits) - 1n;

export class TimeOrderedIds implements IdSource {
  private lastMilliseconds = 0n;
  private counter = 0n;

  constructor(private readonly clock: Clock) {}

  nextId(): bigint {
    const milliseconds = this.clock.nowNanoseconds() / 1_000_000n;
    if (milliseconds > this.lastMilliseconds) {
      this.lastMilliseconds = milliseconds;
      // Start low in the random range so that the counter has room to count up within one millisecond.
      this.counter = BigInt('0x' + randomBytes(10).toString('hex')) >> 2n;
    } else {
      this.counter += 1n;
      if (this.counter > lowMask) {
        this.lastMilliseconds += 1n;
        this.counter = 0n;
      }
    }
    // Never 0: the clock is past 1970, so the millisecond part is not 0.
    return (this.lastMilliseconds << lowBits) | this.counter;
  }
}

/** SHA-256 of a purpose and a key: the seed of ids that a retry of the same request must repeat. */
export function keyDigest(key: string, purpose: string): Buffer {
  return hash('sha256', `${purpose}\n${key}`, 'buffer');
}

const u128Max = (1n << 128n) - 1n;

/**
 * A ledger id derived from a key and a purpose: the same request (or the same step of the same
 * trade) always names the same transfer, so a retry meets `exists` instead of moving money twice.
 */
export function derivedId(key: string, purpose: string): bigint {
  return digestId(keyDigest(key, purpose));
}

/** The ledger id `derivedId` makes of a key digest, for a caller that uses the digest for other ids too. */
export function digestId(digest: Buffer): bigint {
  const id = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`);
  return id === 0n || id === u128Max ? 1n << 127n : id;
}
