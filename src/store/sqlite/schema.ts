// The SQLite schema, as numbered migrations applied in order on open and recorded with a version.
// A u128 value (id, amount, balance) is stored as an INTEGER when it fits in 63 bits and as decimal
// TEXT above that (codec.ts): exact either way, and integers are much cheaper to write and compare.
// Such columns are declared BLOB, the type that makes SQLite keep each value as it was given.
// Timestamps (nanoseconds) are INTEGER; user_data_64 is stored as the signed 64-bit reading of its bits.
// Since migration 2, transfers are fixed-width binary records in blocks (transfer-blocks.ts); since
// migration 3, ids that count up are indexed by runs rather than one entry each; since migration 4,
// balance history is kept in time order (balance-history.ts).

import type Database from 'better-sqlite3';
import { moveTransfersIntoBlocks } from './migrate-transfer-blocks.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Work done in JavaScript after the SQL, in the same transaction (moving rows to a new layout). */
  readonly after?: (db: Database.Database) => void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger',
    sql: `
      CREATE TABLE accounts (
        id BLOB PRIMARY KEY,
        ledger INTEGER NOT NULL,
        code INTEGER NOT NULL,
        flags INTEGER NOT NULL,
        user_data_128 BLOB NOT NULL,
        user_data_64 INTEGER NOT NULL,
        user_data_32 INTEGER NOT NULL,
        debits_pending BLOB NOT NULL,
        debits_posted BLOB NOT NULL,
        credits_pending BLOB NOT NULL,
        credits_posted BLOB NOT NULL,
        timestamp INTEGER NOT NULL UNIQUE,
        last_transfer_timestamp INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE transfers (
        timestamp INTEGER PRIMARY KEY,
        id BLOB NOT NULL UNIQUE,
        debit_account_id BLOB NOT NULL,
        credit_account_id BLOB NOT NULL,
        amount BLOB NOT NULL,
        pending_id BLOB NOT NULL,
        user_data_128 BLOB NOT NULL,
        user_data_64 INTEGER NOT NULL,
        user_data_32 INTEGER NOT NULL,
        timeout INTEGER NOT NULL,
        ledger INTEGER NOT NULL,
        code INTEGER NOT NULL,
        flags INTEGER NOT NULL,
        debit_previous INTEGER NOT NULL,
        credit_previous INTEGER NOT NULL
      );

      -- One row per pending transfer (hold): 0 pending, 1 posted, 2 voided, 3 expired.
      CREATE TABLE holds (
        id BLOB PRIMARY KEY,
        status INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        resolved_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX holds_due ON holds (expires_at) WHERE status = 0 AND expires_at > 0;

      -- The state of accounts changed by recent commits, one row per commit, until a checkpoint
      -- folds it into accounts (account-log.ts). An account's state is its row with the newest
      -- entry of the log laid over it.
      CREATE TABLE account_log (
        sequence INTEGER PRIMARY KEY,
        data BLOB NOT NULL
      );

      CREATE TABLE account_balances (
        account_id BLOB NOT NULL,
        timestamp INTEGER NOT NULL,
        debits_pending BLOB NOT NULL,
        debits_posted BLOB NOT NULL,
        credits_pending BLOB NOT NULL,
        credits_posted BLOB NOT NULL,
        PRIMARY KEY (account_id, timestamp)
      ) WITHOUT ROWID;

      -- The ledger's clock (the last timestamp used) and the highest transfer id stored: an event
      -- whose id is above it cannot exist, so its lookup is skipped.
      CREATE TABLE ledger_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_timestamp INTEGER NOT NULL,
        max_transfer_id BLOB NOT NULL
      );
      INSERT INTO ledger_state (id, last_timestamp, max_transfer_id) VALUES (1, 0, 0);
    `,
  },
  {
    version: 2,
    name: 'transfer blocks',
    // Transfers move into blocks of fixed-width records (transfer-blocks.ts): one row per block,
    // keyed by the timestamp of its first transfer, and one index entry per transfer id (16 bytes,
    // big-endian) naming its block and slot. migrate-transfer-blocks.ts moves existing transfers.
    sql: `
      CREATE TABLE transfer_blocks (
        timestamp INTEGER PRIMARY KEY,
        data BLOB NOT NULL
      );
      CREATE TABLE transfer_ids (
        id BLOB PRIMARY KEY,
        block INTEGER NOT NULL,
        slot INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
    after: moveTransfersIntoBlocks,
  },
  {
    version: 3,
    name: 'transfer id runs',
    // Consecutive records of a block whose ids rise above every id stored before them (time-ordered
    // ids, as TigerBeetle recommends) are indexed as one run: first and last id, block, first slot
    // and count. Such runs never overlap one another, so the run that may hold an id is the one with
    // the greatest first id at or below it. Other ids keep one entry each in transfer_ids.
    sql: `
      CREATE TABLE transfer_runs (
        first BLOB PRIMARY KEY,
        last BLOB NOT NULL,
        block INTEGER NOT NULL,
        slot INTEGER NOT NULL,
        count INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'balance history by time',
    // Balance snapshots keyed by timestamp, each naming the account's snapshot before it, and each
    // account's newest snapshot in balance_heads (balance-history.ts): a commit appends its rows at
    // the end of the table instead of at one place per account.
    sql: `
      CREATE TABLE balance_history (
        timestamp INTEGER NOT NULL,
        account_id BLOB NOT NULL,
        previous INTEGER NOT NULL,
        debits_pending BLOB NOT NULL,
        debits_posted BLOB NOT NULL,
        credits_pending BLOB NOT NULL,
        credits_posted BLOB NOT NULL,
        PRIMARY KEY (timestamp, account_id)
      ) WITHOUT ROWID;
      CREATE TABLE balance_heads (
        account_id BLOB PRIMARY KEY,
        timestamp INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO balance_history (timestamp, account_id, previous, debits_pending, debits_posted, credits_pending, credits_posted)
        SELECT timestamp, account_id, coalesce(lag(timestamp) OVER (PARTITION BY account_id ORDER BY timestamp), 0),
          debits_pending, debits_posted, credits_pending, credits_posted
        FROM account_balances;
      INSERT INTO balance_heads (account_id, timestamp) SELECT account_id, max(timestamp) FROM account_balances GROUP BY account_id;
      DROP TABLE account_balances;
    `,
  },
];
