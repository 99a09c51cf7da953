// Exact arithmetic on CNY amounts as the API writes them ("1234.50"): converted to a bigint count
// of fen and back, never through floating point.

const fenDigits = 2;

/** "-12.5" → -1250n. The text must be a decimal the API or amountProblem() accepted. */
export function toFen(amount: string): bigint {
  const negative = amount.startsWith('-');
  const unsigned = negative || amount.startsWith('+') ? amount.slice(1) : amount;
  const [whole = '0', fraction = ''] = unsigned.split('.');
  const fen = BigInt(whole === '' ? '0' : whole) * 100n + BigInt(fraction.padEnd(fenDigits, '0').slice(0, fenDigits) || '0');
  return negative ? -fen : fen;
}

/** 1250n or "1250" → "12.50". */
export function fromFen(fen: bigint | string): string {
  const value = typeof fen === 'bigint' ? fen : BigInt(fen);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(fenDigits + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -fenDigits)}.${digits.slice(-fenDigits)}`;
}
