// A month's statement as CSV: every settled movement of the month with its signed amount, and the
// opening and closing balances, which the ledger's balance history (the account's `history` flag)
// gives exactly. Months follow China Standard Time (UTC+8), the platform's business day.

import type { Kysely } from 'kysely';
import { formatAmount } from '../money/index.js';
import type { Ledger, PlatformTables } from '../store/index.js';
import { listTransactions, type Transaction } from './transactions.js';

export const statementUtcOffsetMinutes = 8 * 60;
/** Movements in one statement at most (a month of a very busy wallet); more is an error, not a cut. */
export const statementRowsMax = 100_000;

/** The month's bounds in milliseconds, or undefined for a month that does not exist. */
export function monthBounds(month: string): { readonly start: number; readonly end: number } | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (match === null) return undefined;
  const offset = statementUtcOffsetMinutes * 60_000;
  const start = Date.UTC(Number(match[1]), Number(match[2]) - 1, 1) - offset;
  const end = Date.UTC(Number(match[1]), Number(match[2]), 1) - offset;
  return { start, end };
}

export async function buildStatement(
  db: Kysely<PlatformTables>,
  ledger: Ledger,
  user: { readonly id: string; readonly balanceAccountId: bigint },
  month: string,
  bounds: { readonly start: number; readonly end: number },
): Promise<string> {
  const page = await listTransactions(db, { userId: user.id, limit: statementRowsMax, createdFrom: bounds.start, createdBefore: bounds.end });
  if (!page.ok || page.hasMore) throw new Error(`statement: more than ${statementRowsMax} movements in ${month}`);
  const settled = page.data.filter((transaction) => transaction.record.status === 'succeeded').reverse();
  const opening = await balanceBefore(ledger, user.balanceAccountId, BigInt(bounds.start) * 1_000_000n);
  const closing = settled.reduce((sum, transaction) => sum + transaction.signedAmount, opening);
  const lines = [
    ['statement', user.id, month, 'CNY'],
    ['opening_balance', formatAmount(opening, 'CNY')],
    ['closing_balance', formatAmount(closing, 'CNY')],
    [],
    ['date', 'id', 'type', 'amount', 'currency', 'counterparty', 'note', 'status'],
    ...settled.map((transaction) => row(transaction)),
  ];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function row(transaction: Transaction): string[] {
  const record = transaction.record;
  const local = new Date(Number(record.created_at) + statementUtcOffsetMinutes * 60_000).toISOString().replace('Z', '+08:00');
  const counterparty = transaction.kind === 'transfer_in' ? record.user_id : (record.counterparty_user_id ?? record.card_id ?? '');
  return [local, record.id, transaction.kind, formatAmount(transaction.signedAmount, record.currency), record.currency, counterparty, text(record.note ?? ''), record.status];
}

/** The available balance (posted credits less posted debits) before `timestamp`, from the balance history. */
async function balanceBefore(ledger: Ledger, accountId: bigint, timestamp: bigint): Promise<bigint> {
  if (timestamp <= 0n) return 0n;
  const [last] = await ledger.getAccountBalances({ accountId, timestampMin: 0n, timestampMax: timestamp - 1n, limit: 1, debits: true, credits: true, reversed: true });
  return last === undefined ? 0n : last.creditsPosted - last.debitsPosted;
}

/** A free-text field that a spreadsheet must not run as a formula. */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
