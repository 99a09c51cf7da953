// The prepared statements of the SQLite store, made once per connection.

import type Database from 'better-sqlite3';

/** Transfers written by one INSERT statement: fewer, larger statements cost less per row. */
export const transfersPerInsert = 32;
export const transferColumns = 15;

function insertTransfersSql(rows: number): string {
  const row = `(${new Array(transferColumns).fill('?').join(',')})`;
  return `INSERT INTO transfers (timestamp, id, debit_account_id, credit_account_id, amount, pending_id, user_data_128, user_data_64,
    user_data_32, timeout, ledger, code, flags, debit_previous, credit_previous) VALUES ${new Array(rows).fill(row).join(',')}`;
}

/** The balance columns of accounts, each a u128 (INTEGER below 2^63, decimal TEXT above). */
export const balanceColumns = ['debits_pending', 'debits_posted', 'credits_pending', 'credits_posted'] as const;

/**
 * Exact sums of a u128 column in SQL: INTEGER values summed as their high and low 32 bits (neither
 * sum can pass 2^63 below 2^31 rows), TEXT values (2^63 and above) listed for the caller to add.
 */
function exactSum(column: string): string {
  const integer = `typeof(${column}) = 'integer'`;
  return `sum(CASE WHEN ${integer} THEN ${column} >> 32 ELSE 0 END) AS ${column}_high,
    sum(CASE WHEN ${integer} THEN ${column} & 4294967295 ELSE 0 END) AS ${column}_low,
    group_concat(CASE WHEN ${integer} THEN NULL ELSE ${column} END) AS ${column}_text`;
}

export function prepareStatements(db: Database.Database) {
  const prepare = (sql: string) => db.prepare(sql).safeIntegers(true);
  return {
    ledgerState: prepare(`SELECT last_timestamp, max_transfer_id FROM ledger_state WHERE id = 1`),
    setLedgerState: prepare(`UPDATE ledger_state SET last_timestamp = ?, max_transfer_id = ? WHERE id = 1`),
    dueHolds: prepare(`SELECT id FROM holds WHERE status = 0 AND expires_at > 0 AND expires_at <= ? ORDER BY expires_at LIMIT ?`).pluck(),
    account: prepare(`SELECT * FROM accounts WHERE id = ?`),
    transfer: prepare(`SELECT * FROM transfers WHERE id = ?`),
    transfersIn: prepare(`SELECT * FROM transfers WHERE id IN (SELECT value FROM json_each(?))`),
    transferAt: prepare(`SELECT * FROM transfers WHERE timestamp = ?`),
    hold: prepare(`SELECT * FROM holds WHERE id = ?`),
    insertAccount: prepare(
      `INSERT INTO accounts (id, ledger, code, flags, user_data_128, user_data_64, user_data_32, debits_pending, debits_posted,
        credits_pending, credits_posted, timestamp, last_transfer_timestamp) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ),
    updateAccount: prepare(
      `UPDATE accounts SET flags = ?, debits_pending = ?, debits_posted = ?, credits_pending = ?, credits_posted = ?,
        last_transfer_timestamp = ? WHERE id = ?`,
    ),
    insertTransfer: prepare(insertTransfersSql(1)),
    insertTransfers: prepare(insertTransfersSql(transfersPerInsert)),
    upsertHold: prepare(
      `INSERT INTO holds (id, status, expires_at, resolved_at) VALUES (?,?,?,?)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, resolved_at = excluded.resolved_at`,
    ),
    insertBalance: prepare(
      `INSERT INTO account_balances (account_id, timestamp, debits_pending, debits_posted, credits_pending, credits_posted)
        VALUES (?,?,?,?,?,?)`,
    ),
    appendAccountLog: prepare(`INSERT INTO account_log (data) VALUES (?)`),
    accountLogNewestFirst: prepare(`SELECT data FROM account_log ORDER BY sequence DESC`).pluck(),
    accountLogRows: prepare(`SELECT count(*) FROM account_log`).pluck(),
    clearAccountLog: prepare(`DELETE FROM account_log`),
    balancesAscending: prepare(
      `SELECT * FROM account_balances WHERE account_id = ? AND timestamp >= ? AND timestamp <= ? ORDER BY timestamp ASC LIMIT ?`,
    ),
    balancesDescending: prepare(
      `SELECT * FROM account_balances WHERE account_id = ? AND timestamp >= ? AND timestamp <= ? ORDER BY timestamp DESC LIMIT ?`,
    ),
    allAccounts: prepare(`SELECT * FROM accounts ORDER BY timestamp`),
    accountTotals: prepare(`SELECT ledger, code, count(*) AS accounts, ${balanceColumns.map(exactSum).join(',\n    ')} FROM accounts GROUP BY ledger, code`),
    allTransfers: prepare(
      `SELECT t.*, h.status AS hold_status FROM transfers t LEFT JOIN holds h ON (t.flags & 2) != 0 AND h.id = t.id ORDER BY t.timestamp`,
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
