import { describe, expect, it } from 'vitest';
import { OwnedCache } from './owned-cache.js';

describe('OwnedCache', () => {
  it('reads once and answers from memory after, until the key is forgotten', async () => {
    const cache = new OwnedCache<string, number>(true, 10);
    let reads = 0;
    const read = async () => ++reads;
    expect(await cache.get('a', read)).toBe(1);
    expect(await cache.get('a', read)).toBe(1);
    cache.forget('a');
    expect(await cache.get('a', read)).toBe(2);
  });

  it('does not keep what a read found while the key was being written', async () => {
    const cache = new OwnedCache<string, string>(true, 10);
    let release!: () => void;
    const slowRead = cache.get('a', () => new Promise<string>((resolve) => (release = () => resolve('before the write'))));
    const write = cache.writing('a', async () => {
      release();
      await slowRead;
    });
    await write;
    expect(await slowRead).toBe('before the write');
    expect(await cache.get('a', async () => 'after the write')).toBe('after the write');
  });

  it('forgets around a failed write too', async () => {
    const cache = new OwnedCache<string, string>(true, 10);
    await cache.get('a', async () => 'old');
    await expect(cache.writing('a', async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(await cache.get('a', async () => 'read again')).toBe('read again');
  });

  it('keeps nothing for a missing row, and nothing at all when disabled', async () => {
    const cache = new OwnedCache<string, string>(true, 10);
    expect(await cache.get('a', async () => undefined)).toBeUndefined();
    expect(cache.size).toBe(0);
    const disabled = new OwnedCache<string, number>(false, 10);
    let reads = 0;
    await disabled.get('a', async () => ++reads);
    await disabled.get('a', async () => ++reads);
    expect(reads).toBe(2);
    expect(disabled.size).toBe(0);
  });

  it('drops the oldest entries past its size', async () => {
    const cache = new OwnedCache<number, number>(true, 3);
    for (let key = 0; key < 5; key++) await cache.get(key, async () => key);
    expect(cache.size).toBe(3);
    expect(await cache.get(0, async () => -1)).toBe(-1);
    expect(await cache.get(4, async () => -1)).toBe(4);
  });
});
