// A month's statement as CSV: every movement of the month that changed what the user can spend,
// with its signed amount (trade payments and refunds beside the wallet's own movements), a total
// per type and the net; and the opening and closing available balances, which the ledger's balance
// history (the account's `history` flag) gives exactly. The net is the closing balance less the
// opening one. Months follow China Standard Time (UTC+8), the platform's business day.

import { formatAmount } from '../money/index.js';
import type { Ledger } from '../store/index.js';
import { transactionKinds, type Transaction, type TransactionKind, type TransactionList, type TransactionOwner } from './transactions.js';
import { csvField, spreadsheetText } from '../platform/csv.js';

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

export async function buildStatement(transactions: TransactionList, ledger: Ledger, user: TransactionOwner, month: string, bounds: { readonly start: number; readonly end: number }): Promise<string> {
  const page = await transactions.list(user, { limit: statementRowsMax, createdFrom: bounds.start, createdBefore: bounds.end });
  if (!page.ok || page.hasMore) throw new Error(`statement: more than ${statementRowsMax} movements in ${month}`);
  const moved = page.data.filter(changesAvailable).reverse();
  const opening = await availableAt(ledger, user.balanceAccountId, BigInt(bounds.start) * 1_000_000n - 1n);
  const closing = await availableAt(ledger, user.balanceAccountId, BigInt(bounds.end) * 1_000_000n - 1n);
  const total = (kind: TransactionKind) => moved.filter((transaction) => transaction.kind === kind).reduce((sum, transaction) => sum + transaction.signedAmount, 0n);
  const lines = [
    ['statement', user.id, month, 'CNY'],
    ['opening_balance', formatAmount(opening, 'CNY')],
    ['closing_balance', formatAmount(closing, 'CNY')],
    [],
    ['date', 'id', 'type', 'amount', 'currency', 'counterparty', 'merchant_name', 'trade', 'subject', 'note', 'status'],
    ...moved.map((transaction) => row(transaction)),
    [],
    ...transactionKinds.map((kind) => [`total_${kind}`, formatAmount(total(kind), 'CNY')]),
    ['net', formatAmount(moved.reduce((sum, transaction) => sum + transaction.signedAmount, 0n), 'CNY')],
  ];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Whether a movement changed the available balance: a succeeded one, or a withdrawal still
 * pending (its amount is held, out of what the user can spend). A failed one moved nothing, or
 * held money and gave it back.
 */
function changesAvailable(transaction: Transaction): boolean {
  return transaction.status === 'succeeded' || (transaction.kind === 'withdrawal' && transaction.status === 'pending');
}

function row(transaction: Transaction): string[] {
  const local = new Date(transaction.createdAt + statementUtcOffsetMinutes * 60_000).toISOString().replace('Z', '+08:00');
  const trade = transaction.trade;
  return [
    local,
    transaction.id,
    transaction.kind,
    formatAmount(transaction.signedAmount, transaction.currency),
    transaction.currency,
    transaction.counterparty ?? transaction.card ?? '',
    spreadsheetText(trade?.merchantName ?? ''),
    trade?.id ?? '',
    spreadsheetText(trade?.subject ?? ''),
    spreadsheetText(transaction.note ?? ''),
    transaction.status,
  ];
}

/** The available balance (posted credits less posted and pending debits) at `timestamp`, from the balance history. */
async function availableAt(ledger: Ledger, accountId: bigint, timestamp: bigint): Promise<bigint> {
  if (timestamp < 0n) return 0n;
  const [last] = await ledger.getAccountBalances({ accountId, timestampMin: 0n, timestampMax: timestamp, limit: 1, debits: true, credits: true, reversed: true });
  return last === undefined ? 0n : last.creditsPosted - last.debitsPosted - last.debitsPending;
}
