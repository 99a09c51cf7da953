// Time-ordered ids rise strictly, never repeat, and stay valid u128 ids, also on a stopped clock.

import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { TimeOrderedIds } from './ids.js';

describe('TimeOrderedIds', () => {
  it('gives rising, distinct ids within one millisecond and across milliseconds', () => {
    const clock = new ManualClock();
    const ids = new TimeOrderedIds(clock);
    const seen: bigint[] = [];
    for (let round = 0; round < 3; round++) {
      for (let index = 0; index < 1000; index++) seen.push(ids.nextId());
      clock.advanceSeconds(1);
    }
    for (let index = 1; index < seen.length; index++) expect(seen[index]! > seen[index - 1]!).toBe(true);
    expect(seen[0]! > 0n && seen[seen.length - 1]! < (1n << 128n) - 1n).toBe(true);
  });
});
