import { describe, expect, it } from 'vitest';
import { inListValuesMax, selectInBatches } from './in-batches.js';

describe('queries over long lists', () => {
  it('runs one query per slice of at most inListValuesMax values, in order, and joins the rows', async () => {
    const values = Array.from({ length: 2 * inListValuesMax + 7 }, (_, index) => index);
    const slices: number[] = [];
    const rows = await selectInBatches(values, async (slice) => {
      slices.push(slice.length);
      return slice.filter((value) => value % 2 === 0).map((value) => ({ value }));
    });
    expect(slices).toEqual([inListValuesMax, inListValuesMax, 7]);
    expect(rows.map((row) => row.value)).toEqual(values.filter((value) => value % 2 === 0));
    expect(await selectInBatches([], async () => [1])).toEqual([]);
  });
});
