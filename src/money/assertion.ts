// Assertion failures of the money module: programmer errors (unknown currency code, mixed currencies,
// bad ratios, division by zero), never user input. Bad user input is reported as a result value instead.

/** Thrown when a caller breaks a precondition of the money module. Not meant to be caught and shown to users. */
export class MoneyAssertionError extends Error {
  override readonly name = 'MoneyAssertionError';
}

/** Throws a MoneyAssertionError with the given message unless the condition holds. */
export function assertInvariant(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new MoneyAssertionError(message);
  }
}
