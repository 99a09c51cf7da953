// The prepared statements of the SQLite store, made once per connection.

import type Database from 'better-sqlite3';
import { insertTransferBlockSql, insertTransferIdSql, insertTransferIdsSql, insertTransferRunSql, transferRecordBytes } from './transfer-blocks.js';

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
    // A transfer's record, cut out of its block (transfer-blocks.ts); ids are bound as transferIdKey().
    transfer: prepare(
      `SELECT substr(b.data, i.slot * ${transferRecordBytes} + 1, ${transferRecordBytes}) FROM transfer_ids i
        JOIN transfer_blocks b ON b.timestamp = i.block WHERE i.id = ?`,
    ).pluck(),
    transfersIn: prepare(
      `SELECT substr(b.data, i.slot * ${transferRecordBytes} + 1, ${transferRecordBytes}) FROM transfer_ids i
        JOIN transfer_blocks b ON b.timestamp = i.block WHERE i.id IN (SELECT unhex(value) FROM json_each(?))`,
    ).pluck(),
    // The records of the run that may hold an id (bound as transferIdKey()): the run with the
    // greatest first id at or below it, if it reaches the id (runs never overlap).
    transferRun: prepare(
      `SELECT substr(b.data, r.slot * ${transferRecordBytes} + 1, r.count * ${transferRecordBytes}) FROM transfer_runs r
        JOIN transfer_blocks b ON b.timestamp = r.block
        WHERE r.first = (SELECT max(first) FROM transfer_runs WHERE first <= @id) AND r.last >= @id`,
    ).pluck(),
    transferRunsIn: prepare(
      `SELECT k.value AS id, substr(b.data, r.slot * ${transferRecordBytes} + 1, r.count * ${transferRecordBytes}) AS records
        FROM json_each(?) k
        JOIN transfer_runs r ON r.first = (SELECT max(first) FROM transfer_runs WHERE first <= unhex(k.value)) AND r.last >= unhex(k.value)
        JOIN transfer_blocks b ON b.timestamp = r.block`,
    ),
    /** The block that would hold the transfer with a given timestamp: the last one starting at or before it. */
    transferBlockAt: prepare(`SELECT data FROM transfer_blocks WHERE timestamp <= ? ORDER BY timestamp DESC LIMIT 1`).pluck(),
    transferBlocks: prepare(`SELECT data FROM transfer_blocks ORDER BY timestamp`).pluck(),
    hold: prepare(`SELECT * FROM holds WHERE id = ?`),
    insertAccount: prepare(
      `INSERT INTO accounts (id, ledger, code, flags, user_data_128, user_data_64, user_data_32, debits_pending, debits_posted,
        credits_pending, credits_posted, timestamp, last_transfer_timestamp) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ),
    updateAccount: prepare(
      `UPDATE accounts SET flags = ?, debits_pending = ?, debits_posted = ?, credits_pending = ?, credits_posted = ?,
        last_transfer_timestamp = ? WHERE id = ?`,
    ),
    insertTransferBlock: prepare(insertTransferBlockSql),
    insertTransferIds: prepare(insertTransferIdsSql),
    insertTransferId: prepare(insertTransferIdSql),
    insertTransferRun: prepare(insertTransferRunSql),
    upsertHold: prepare(
      `INSERT INTO holds (id, status, expires_at, resolved_at) VALUES (?,?,?,?)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, resolved_at = excluded.resolved_at`,
    ),
    // Balance history (balance-history.ts): rows keyed by timestamp, each account's newest in balance_heads.
    insertBalance: prepare(
      `INSERT INTO balance_history (timestamp, account_id, previous, debits_pending, debits_posted, credits_pending, credits_posted)
        VALUES (?,?,?,?,?,?,?)`,
    ),
    setBalanceHead: prepare(`INSERT INTO balance_heads (account_id, timestamp) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET timestamp = excluded.timestamp`),
    balanceHead: prepare(`SELECT timestamp FROM balance_heads WHERE account_id = ?`).pluck(),
    balanceAt: prepare(`SELECT * FROM balance_history WHERE timestamp = ? AND account_id = ?`),
    appendAccountLog: prepare(`INSERT INTO account_log (data) VALUES (?)`),
    accountLogNewestFirst: prepare(`SELECT data FROM account_log ORDER BY sequence DESC`).pluck(),
    accountLogRows: prepare(`SELECT count(*) FROM account_log`).pluck(),
    clearAccountLog: prepare(`DELETE FROM account_log`),
    allAccounts: prepare(`SELECT * FROM accounts ORDER BY timestamp`),
    accountTotals: prepare(`SELECT ledger, code, count(*) AS accounts, ${balanceColumns.map(exactSum).join(',\n    ')} FROM accounts GROUP BY ledger, code`),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
