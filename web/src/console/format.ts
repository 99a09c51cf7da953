// The console's own formatting: exact times (a test clock's time to the second, with its zone)
// and the time typed in a datetime-local input. Amounts are ui/amounts.ts's, as everywhere.

/** "12 Jun 2030, 00:15:01 UTC": the time a clock shows, to the second. */
export function formatExactTime(iso: string | null | undefined, locale: string): string {
  if (iso === null || iso === undefined) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long' }).format(new Date(iso));
}

/** The value of a datetime-local input (the operator's local time) as an ISO instant. */
export function localInputToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}
