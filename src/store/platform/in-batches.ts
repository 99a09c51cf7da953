// A query over a long list of values (`WHERE id IN (…)`), run over slices of the list: each value
// is a bound parameter, and SQLite and PostgreSQL bound how many one statement may have (32,766
// and 65,535), which a busy merchant's day of trades can pass.

/** Values per statement at most. */
export const inListValuesMax = 1000;

/** Runs `query` on slices of `values` of at most `inListValuesMax`, one after another, and joins their rows. */
export async function selectInBatches<V, R>(values: readonly V[], query: (slice: readonly V[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < values.length; start += inListValuesMax) rows.push(...(await query(values.slice(start, start + inListValuesMax))));
  return rows;
}
