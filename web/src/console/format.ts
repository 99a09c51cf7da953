// The console's own formatting: exact times (a test clock's time to the second, with its zone)
// and CNY amounts compared exactly, as counts of fen, never as floating-point numbers.

/** "12 Jun 2030, 00:15:01 UTC": the time a clock shows, to the second. */
export function formatExactTime(iso: string | null | undefined, locale: string): string {
  if (iso === null || iso === undefined) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long' }).format(new Date(iso));
}

/** A CNY amount typed or received as text ("12.5", "12.50") in fen; undefined if it is not one. */
export function toFen(amount: string): bigint | undefined {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (match === null) return undefined;
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** Fen back to a decimal string with two places ("1234.50"). */
export function fromFen(fen: bigint): string {
  const negative = fen < 0n;
  const magnitude = negative ? -fen : fen;
  return `${negative ? '-' : ''}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
}

/** The value of a datetime-local input (the operator's local time) as an ISO instant. */
export function localInputToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}
