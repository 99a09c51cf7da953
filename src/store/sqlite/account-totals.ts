// Accounts counted and their balances summed per ledger and code, for the operators' ledger
// overview: one aggregate query over the accounts rows (exact, see statements.ts), then the account
// log's newer states laid over the rows they cover, as every reader of accounts does.

import type { AccountTotals } from '../store.js';
import { foldAccountLog } from './account-log.js';
import { decodeU128, encodeU128, type AccountRow, type U128Value } from './codec.js';
import { balanceColumns, type Statements } from './statements.js';

type Balances = Record<(typeof balanceColumns)[number], bigint>;

type TotalsRow = { ledger: bigint; code: bigint; accounts: bigint } & Record<`${(typeof balanceColumns)[number]}_${'high' | 'low'}`, bigint> & Record<`${(typeof balanceColumns)[number]}_text`, string | null>;

/** Reads the totals; the caller runs it in one read transaction, so that rows and log agree. */
export function readAccountTotals(statements: Statements): AccountTotals[] {
  const groups = new Map<string, { ledger: number; code: number; accounts: number } & Balances>();
  for (const row of statements.accountTotals.iterate() as Iterable<TotalsRow>) {
    const sums = Object.fromEntries(
      balanceColumns.map((column) => {
        const listed = row[`${column}_text`]?.split(',') ?? [];
        return [column, (row[`${column}_high`] << 32n) + row[`${column}_low`] + listed.reduce((sum, value) => sum + BigInt(value), 0n)];
      }),
    ) as Balances;
    groups.set(`${row.ledger}:${row.code}`, { ledger: Number(row.ledger), code: Number(row.code), accounts: Number(row.accounts), ...sums });
  }
  for (const [id, entry] of foldAccountLog(statements)) {
    const row = statements.account.get(encodeU128(id)) as AccountRow | undefined;
    const group = row === undefined ? undefined : groups.get(`${row.ledger}:${row.code}`);
    if (row === undefined || group === undefined) continue;
    const logged: Record<(typeof balanceColumns)[number], U128Value> = { debits_pending: entry.debitsPending, debits_posted: entry.debitsPosted, credits_pending: entry.creditsPending, credits_posted: entry.creditsPosted };
    for (const column of balanceColumns) group[column] += decodeU128(logged[column]) - decodeU128(row[column]);
  }
  return [...groups.values()]
    .sort((a, b) => a.ledger - b.ledger || a.code - b.code)
    .map((group) => ({ ledger: group.ledger, code: group.code, accounts: group.accounts, debitsPending: group.debits_pending, debitsPosted: group.debits_posted, creditsPending: group.credits_pending, creditsPosted: group.credits_posted }));
}
