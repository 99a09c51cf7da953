// Time-ordered ids rise strictly, never repeat, and stay valid u128 ids, also on a stopped clock.

import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { derivedId, digestId, keyDigest, TimeOrderedIds } from './ids.js';

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

describe('ids derived from a key', () => {
  // A retry reaching a newer server after a deploy must derive the same ids as the first attempt,
  // or money would move twice: these values were made by the first implementation and must not change.
  it('are SHA-256 of the purpose and the key, as they always were', () => {
    const digest = keyDigest('user:usr_1\nkey-1', 'pay');
    expect(digest.subarray(0, 12).toString('base64url')).toBe('wdqlrHdzOgegZHvm');
    expect(derivedId('user:usr_1\nkey-1', 'pay')).toBe(257676284163445927548476887482235516802n);
    expect(digestId(digest)).toBe(257676284163445927548476887482235516802n);
    expect(derivedId('user:usr_1\nkey-1', 'withdraw')).not.toBe(derivedId('user:usr_1\nkey-1', 'pay'));
  });
});
