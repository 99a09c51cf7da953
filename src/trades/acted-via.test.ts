// The credential a merchant's step came through, as stored on the timeline and read back.

import { describe, expect, it } from 'vitest';
import { decodeVia, encodeVia, type ActedVia } from './trade-steps.js';

describe('a step\'s credential', () => {
  it('is stored as type and id, and read back as it was', () => {
    const each: ActedVia[] = [{ type: 'api_key', id: 'key_01abc' }, { type: 'member', id: 'usr_01abc' }, { type: 'app', id: '2026112200000001' }, { type: 'platform' }];
    expect(each.map(encodeVia)).toEqual(['api_key:key_01abc', 'member:usr_01abc', 'app:2026112200000001', 'platform']);
    expect(each.map((via) => decodeVia(encodeVia(via)))).toEqual(each);
  });

  it('reads lines written before it was kept, and anything else, as unknown', () => {
    for (const stored of [null, '', 'key_01abc', 'operator:op_1', ':x', 'platform:x']) expect(decodeVia(stored)).toBeUndefined();
  });
});
