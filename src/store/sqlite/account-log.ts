// The account log: each commit appends one row with the new state of every stored account it
// changed, instead of updating thousands of account rows at random places (which cost about as
// much as the transfers themselves). A checkpoint folds the log into the accounts table every few
// commits, on the writer thread; readers take an account's row and the latest log entry for it.

import type Database from 'better-sqlite3';
import type { AccountRow } from './codec.js';
import { decodeAccountLogInto, type AccountLogEntry } from './write-job.js';
import type { Statements } from './statements.js';

/** Log rows (commits) after which the writer folds the log into the accounts table. */
export const accountLogRowsMax = 16;

/** The latest log entry of each account in the log (later commits win: the log is read newest first). */
export function foldAccountLog(statements: Statements): Map<bigint, AccountLogEntry> {
  const latest = new Map<bigint, AccountLogEntry>();
  for (const data of statements.accountLogNewestFirst.iterate() as Iterable<Buffer>) {
    const bytes = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    decodeAccountLogInto(bytes, latest);
  }
  return latest;
}

/** Folds the log into the accounts table, in one transaction. Returns how many accounts it wrote. */
export function checkpointAccountLog(db: Database.Database, statements: Statements): number {
  return db
    .transaction(() => {
      const latest = foldAccountLog(statements);
      for (const entry of latest.values()) {
        statements.updateAccount.run(
          entry.flags, entry.debitsPending, entry.debitsPosted, entry.creditsPending, entry.creditsPosted, entry.head, entry.id,
        );
      }
      statements.clearAccountLog.run();
      return latest.size;
    })
    .immediate();
}

/** An account row with the log's newer state laid over it. */
export function mergeAccountRow(row: AccountRow, logged: AccountLogEntry | undefined): AccountRow {
  if (logged === undefined) return row;
  return {
    ...row,
    flags: BigInt(logged.flags),
    debits_pending: logged.debitsPending,
    debits_posted: logged.debitsPosted,
    credits_pending: logged.creditsPending,
    credits_posted: logged.creditsPosted,
    last_transfer_timestamp: logged.head,
  };
}
