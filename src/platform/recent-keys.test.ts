// The filter of recent keys: never "not added" for a key added within the retention, rarely
// "perhaps" for one never added, and forgetting a layer once its newest key is past the retention.

import { describe, expect, it } from 'vitest';
import { RecentKeys, recentKeysLayerCapacity } from './recent-keys.js';

const hour = 60 * 60 * 1000;

describe('recent keys', () => {
  it('holds every key added and says "perhaps" of few others', () => {
    const keys = new RecentKeys(24 * hour);
    expect(keys.mightHave('usr_1\nanything', 0)).toBe(false);
    for (let i = 0; i < 100_000; i++) keys.add(`usr_${i % 97}\nkey-${i}`, i);
    for (let i = 0; i < 100_000; i++) expect(keys.mightHave(`usr_${i % 97}\nkey-${i}`, 100_000)).toBe(true);
    let falsePerhaps = 0;
    for (let i = 0; i < 100_000; i++) if (keys.mightHave(`usr_${i % 97}\nother-${i}`, 100_000)) falsePerhaps += 1;
    // One layer holding a tenth of its capacity: far below its 0.14% at capacity.
    expect(falsePerhaps).toBeLessThan(50);
  });

  it('forgets keys older than the retention', () => {
    const keys = new RecentKeys(hour);
    keys.add('usr_1\nold', 0);
    expect(keys.mightHave('usr_1\nold', hour)).toBe(true);
    expect(keys.mightHave('usr_1\nold', hour + 1)).toBe(false);
  });

  it('starts a layer when one is full and drops the layers past the retention', () => {
    const keys = new RecentKeys(hour);
    for (let i = 0; i < recentKeysLayerCapacity; i++) keys.add(`a${i}`, 0);
    expect(keys.layerCount).toBe(1);
    keys.add('next', 10);
    expect(keys.layerCount).toBe(2);
    for (let i = 0; i < recentKeysLayerCapacity - 1; i++) keys.add(`b${i}`, 20);
    // The first layer's newest key is now past the hour: it goes when the third layer starts.
    keys.add('later', hour + 5);
    expect(keys.layerCount).toBe(2);
    expect(keys.mightHave('later', hour + 5)).toBe(true);
    expect(keys.mightHave('b7', hour + 5)).toBe(true);
    expect(keys.mightHave('next', hour + 5)).toBe(true);
  });
});
