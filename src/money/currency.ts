// ISO 4217 currency table: alphabetic code, numeric code and exponent (number of minor-unit digits).
// Codes are matched exactly (upper case); "cny" is not a known code.
import { assertInvariant } from './assertion.js';

export type Currency = {
  /** Alphabetic ISO 4217 code, e.g. "CNY". */
  readonly code: string;
  /** Numeric ISO 4217 code, e.g. 156 (leading zeros dropped: AUD "036" is 36). */
  readonly numeric: number;
  /** Number of decimal digits of the minor unit: 2 for CNY (fen), 0 for JPY, 3 for KWD. */
  readonly exponent: number;
  /** English name as in ISO 4217. */
  readonly name: string;
};

function entry(code: string, numeric: number, exponent: number, name: string): Currency {
  return Object.freeze({ code, numeric, exponent, name });
}

/** Every currency the platform knows, ordered by code. */
export const currencies: readonly Currency[] = Object.freeze([
  entry('AED', 784, 2, 'UAE Dirham'),
  entry('AUD', 36, 2, 'Australian Dollar'),
  entry('BHD', 48, 3, 'Bahraini Dinar'),
  entry('CAD', 124, 2, 'Canadian Dollar'),
  entry('CHF', 756, 2, 'Swiss Franc'),
  entry('CNY', 156, 2, 'Yuan Renminbi'),
  entry('DKK', 208, 2, 'Danish Krone'),
  entry('EUR', 978, 2, 'Euro'),
  entry('GBP', 826, 2, 'Pound Sterling'),
  entry('HKD', 344, 2, 'Hong Kong Dollar'),
  entry('IDR', 360, 2, 'Rupiah'),
  entry('INR', 356, 2, 'Indian Rupee'),
  entry('JOD', 400, 3, 'Jordanian Dinar'),
  entry('JPY', 392, 0, 'Yen'),
  entry('KRW', 410, 0, 'Won'),
  entry('KWD', 414, 3, 'Kuwaiti Dinar'),
  entry('MOP', 446, 2, 'Pataca'),
  entry('MYR', 458, 2, 'Malaysian Ringgit'),
  entry('NOK', 578, 2, 'Norwegian Krone'),
  entry('NZD', 554, 2, 'New Zealand Dollar'),
  entry('OMR', 512, 3, 'Rial Omani'),
  entry('PHP', 608, 2, 'Philippine Peso'),
  entry('RUB', 643, 2, 'Russian Ruble'),
  entry('SAR', 682, 2, 'Saudi Riyal'),
  entry('SEK', 752, 2, 'Swedish Krona'),
  entry('SGD', 702, 2, 'Singapore Dollar'),
  entry('THB', 764, 2, 'Baht'),
  entry('TWD', 901, 2, 'New Taiwan Dollar'),
  entry('USD', 840, 2, 'US Dollar'),
  entry('VND', 704, 0, 'Dong'),
]);

const currenciesByCode: ReadonlyMap<string, Currency> = new Map(currencies.map((item) => [item.code, item]));
const currenciesByNumeric: ReadonlyMap<number, Currency> = new Map(currencies.map((item) => [item.numeric, item]));

/** The currency with this alphabetic code, or undefined. Use for codes that come from outside (requests, files). */
export function findCurrency(code: string): Currency | undefined {
  return currenciesByCode.get(code);
}

/** The currency with this alphabetic code. An unknown code is a programmer error and throws MoneyAssertionError. */
export function currency(code: string): Currency {
  const found = currenciesByCode.get(code);
  assertInvariant(found !== undefined, `Unknown currency code: ${JSON.stringify(code)}`);
  return found;
}

/** The currency with this numeric ISO 4217 code (e.g. 156 for CNY), or undefined when unknown. */
export function currencyByNumeric(numeric: number): Currency | undefined {
  return currenciesByNumeric.get(numeric);
}
