// Showing amounts and times. Amounts arrive as exact decimal strings ("-1234.50") and are only
// regrouped here, as text: never turned into floating-point numbers.

const symbols: Readonly<Record<string, string>> = { CNY: '¥', USD: '$', EUR: '€', JPY: '¥', HKD: 'HK$' };

/** "-1234.5" CNY → "-¥1,234.5"; `signed` adds "+" to positive amounts. */
export function formatMoney(amount: string, currency: string, options: { readonly signed?: boolean } = {}): string {
  const negative = amount.startsWith('-');
  const unsigned = negative || amount.startsWith('+') ? amount.slice(1) : amount;
  const [whole = '0', fraction] = unsigned.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = symbols[currency];
  const body = `${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
  const sign = negative ? '-' : options.signed === true && !/^0(\.0*)?$/.test(unsigned) ? '+' : '';
  return symbol === undefined ? `${sign}${body} ${currency}` : `${sign}${symbol}${body}`;
}

/**
 * An amount as the API writes it ("268.00", "-0.05") found in data of no fixed shape (a trade
 * event's), or undefined when the value is not one.
 */
export function decimalAmount(value: unknown): string | undefined {
  return typeof value === 'string' && /^-?\d{1,30}(\.\d{1,8})?$/.test(value) ? value : undefined;
}

/** Whether a decimal string is zero. */
export function isZero(amount: string): boolean {
  return /^[-+]?0*(\.0*)?$/.test(amount);
}

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (iso === null || iso === undefined) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A CNY amount typed by a person: digits with at most two decimals, or the reason it is not. */
export function amountProblem(text: string): 'amount_empty' | 'amount_malformed' | 'amount_too_precise' | 'amount_zero' | undefined {
  const value = text.trim();
  if (value === '') return 'amount_empty';
  if (!/^\d+(\.\d+)?$/.test(value)) return 'amount_malformed';
  if (/\.\d{3,}$/.test(value)) return 'amount_too_precise';
  if (isZero(value)) return 'amount_zero';
  return undefined;
}
