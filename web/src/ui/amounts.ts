// Exact arithmetic on the API's decimal amounts for every part of the web app (what is left to
// refund, a balance against a price, the heights of chart bars). Amounts become bigint counts of the currency's minor unit (fen) and back,
// by text; never floating-point numbers.

const exponents: Readonly<Record<string, number>> = { JPY: 0 };

export function exponentOf(currency: string): number {
  return exponents[currency] ?? 2;
}

/** "12.5" CNY → 1250n. The text must be a decimal amount (the API's or one checked by amountProblem). */
export function toMinor(amount: string, currency: string): bigint {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative || amount.startsWith('+') ? amount.slice(1) : amount).split('.');
  const exponent = exponentOf(currency);
  const digits = `${whole}${fraction.padEnd(exponent, '0').slice(0, exponent)}`;
  const value = BigInt(digits === '' ? '0' : digits);
  return negative ? -value : value;
}

/** 1250n CNY → "12.50". */
export function fromMinor(minor: bigint, currency: string): string {
  const exponent = exponentOf(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent === 0 ? '' : `.${fraction}`}`;
}

export function addAmounts(currency: string, ...amounts: readonly string[]): string {
  return fromMinor(amounts.reduce((sum, amount) => sum + toMinor(amount, currency), 0n), currency);
}

/** The smallest 1, 2 or 5 × 10ⁿ minor units at or above `value` (at least 1.00), the top of a chart's scale. */
export function niceCeiling(value: bigint, currency: string): bigint {
  let step = 10n ** BigInt(exponentOf(currency));
  for (;;) {
    for (const factor of [1n, 2n, 5n]) if (step * factor >= value) return step * factor;
    step *= 10n;
  }
}
