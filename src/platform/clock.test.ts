// isoTime formats like Date.prototype.toISOString, which it skips for the date part of the days it
// formatted lately: the same text for every time, on either side of a day's edge and of 1970, and
// for days that share a remembered slot.

import { describe, expect, it } from 'vitest';
import { isoMilliseconds, isoTime } from './clock.js';

describe('isoTime', () => {
  it('writes what toISOString writes, for times across days, years and 1970, in any order', () => {
    const day = 86_400_000;
    const samples = [0, -1, 1, day - 1, day, -day, -day - 1, 1_763_770_000_123, 1_763_770_000_000 + day - 1, 951_782_400_000 /* 2000-02-29 */, 253_402_300_799_999 /* 9999-12-31T23:59:59.999 */, 253_402_300_800_000, -62_198_755_200_001, 8.64e15, -8.64e15, 12.9, -12.9, -0];
    let seed = 7;
    for (let index = 0; index < 2_000; index++) {
      seed = (seed * 48_271) % 2_147_483_647;
      samples.push(1_700_000_000_000 + (seed % 200) * 3_600_000 + (seed % 1000), (seed - 1_073_741_823) * 4_000_000);
    }
    for (const milliseconds of samples) expect(isoMilliseconds(milliseconds)).toBe(new Date(milliseconds).toISOString());
    // Days 32 apart share a slot; alternating between them replaces the slot's day every time.
    for (let index = 0; index < 64; index++) {
      const milliseconds = 1_763_770_000_123 + (index % 2) * 32 * day + (index % 3) * day;
      expect(isoMilliseconds(milliseconds)).toBe(new Date(milliseconds).toISOString());
    }
    expect(isoTime('1763770000123')).toBe('2025-11-22T00:06:40.123Z');
    expect(isoTime(null)).toBeNull();
  });

  it('refuses what a Date cannot hold, as toISOString does', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1]) expect(() => isoMilliseconds(value)).toThrow(RangeError);
  });
});
