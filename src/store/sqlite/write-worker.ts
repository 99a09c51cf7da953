// The writer thread of a SQLite store: it owns the write connection and applies each commit's
// rows in one durable transaction, while the main thread already runs the engine for the next
// commit. It answers every commit, in order; after a failed commit it drops the rest of that epoch
// (they were computed on top of it) until the main thread starts a new one.

import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { accountLogRowsMax, checkpointAccountLog } from './account-log.js';
import { BalanceHeads } from './balance-history.js';
import { configureWriteConnection } from './connection.js';
import { prepareStatements } from './statements.js';
import { applyWriteJob, type WriteJob } from './write-job.js';

export type WriterRequest = WriteJob | { readonly type: 'close' };

export type WriterReply =
  | { readonly type: 'committed'; readonly sequence: number }
  | { readonly type: 'failed'; readonly sequence: number; readonly message: string }
  | { readonly type: 'checkpointed'; readonly throughSequence: number }
  | { readonly type: 'checkpoint_failed'; readonly message: string }
  | { readonly type: 'closed' };

const port = parentPort!;
const db = new Database((workerData as { path: string }).path);
configureWriteConnection(db);
const statements = prepareStatements(db);
const balanceHeads = new BalanceHeads(statements);
const commit = db.transaction((job: WriteJob) => applyWriteJob(statements, balanceHeads, job));
let failedEpoch = -1;
/** Rows in the account log: counted once on open, then kept here rather than counted after every commit. */
let accountLogRows = Number(statements.accountLogRows.get() as bigint);

function reply(message: WriterReply): void {
  port.postMessage(message);
}

function checkpoint(throughSequence: number): void {
  try {
    checkpointAccountLog(db, statements);
    accountLogRows = 0;
    reply({ type: 'checkpointed', throughSequence });
  } catch (error) {
    reply({ type: 'checkpoint_failed', message: String(error) });
  }
}

port.on('message', (request: WriterRequest) => {
  if (request.type === 'close') {
    if (accountLogRows > 0) checkpoint(-1);
    db.close();
    reply({ type: 'closed' });
    port.close();
    return;
  }
  if (request.epoch <= failedEpoch) return;
  try {
    commit.immediate(request);
  } catch (error) {
    // The transaction was rolled back: so were the balance heads it moved.
    balanceHeads.forget();
    failedEpoch = request.epoch;
    reply({ type: 'failed', sequence: request.sequence, message: error instanceof Error ? error.message : String(error) });
    return;
  }
  // A commit appends one log row when it changed a stored account (applyWriteJob).
  if (request.accountLog.byteLength > 0) accountLogRows += 1;
  reply({ type: 'committed', sequence: request.sequence });
  if (accountLogRows >= accountLogRowsMax) checkpoint(request.sequence);
});
