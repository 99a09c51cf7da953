// Public API of the money module: currencies, Money values, rounding, parsing, formatting and allocation.
export { MoneyAssertionError } from './assertion.js';
export { currencies, currency, currencyByNumeric, findCurrency } from './currency.js';
export type { Currency } from './currency.js';
export { amountMagnitudeMax, amountTextLengthMax } from './limits.js';
export {
  add,
  assertSameCurrency,
  compare,
  equals,
  isNegative,
  isPositive,
  isZero,
  money,
  negate,
  subtract,
  zero,
} from './money.js';
export type { Money } from './money.js';
export { applyBasisPoints, basisPointsPerWhole, divide, multiplyByRatio, roundingModes } from './rounding.js';
export type { RoundingMode } from './rounding.js';
export { parseAmount, parseAmountErrors, parseMoney, parseMoneyErrors } from './parse.js';
export type { ParseAmountError, ParseAmountOptions, ParseAmountResult, ParseMoneyError, ParseMoneyResult } from './parse.js';
export { formatAmount, formatMoney } from './format.js';
export { allocate, allocateEvenly } from './allocate.js';
