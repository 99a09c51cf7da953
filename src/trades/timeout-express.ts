// Alipay's `timeout_express`: how long an unpaid trade stays open. 1m to 15d in whole minutes,
// hours or days; `1c` closes at midnight of the current day (China Standard Time).

import { dayStart, tradePayWindowMaxMilliseconds } from '../wallet/index.js';

const minuteMilliseconds = 60_000;
export const timeoutExpressMinMilliseconds = minuteMilliseconds;
/** 15 days: the daily outflow limit's read of a buyer's paid trades relies on it (wallet/limits.ts). */
export const timeoutExpressMaxMilliseconds = tradePayWindowMaxMilliseconds;
export const timeoutExpressDefault = '1d';

const unitMilliseconds: Record<string, number> = { m: minuteMilliseconds, h: 60 * minuteMilliseconds, d: 24 * 60 * minuteMilliseconds };

/** The moment an unpaid trade closes, or undefined when the text is not a valid timeout. */
export function payDeadline(timeoutExpress: string, now: number): number | undefined {
  if (timeoutExpress === '1c') return dayStart(now) + unitMilliseconds.d!;
  const match = /^([1-9][0-9]{0,5})([mhd])$/.exec(timeoutExpress);
  if (match === null) return undefined;
  const span = Number(match[1]) * unitMilliseconds[match[2]!]!;
  if (span < timeoutExpressMinMilliseconds || span > timeoutExpressMaxMilliseconds) return undefined;
  return now + span;
}
