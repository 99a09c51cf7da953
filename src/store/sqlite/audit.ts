// The invariant check of a SQLite ledger: every account (with the account log laid over its row)
// and every transfer, read in one read transaction, through the ledger's auditor. It runs on the
// store's own connection, or apart on a worker thread with a read-only connection of its own
// (audit-worker.ts) so that a large ledger's check does not hold up the thread serving requests.

import type Database from 'better-sqlite3';
import { LedgerAuditor, type AuditReport } from '../../ledger/index.js';
import { startWorker } from '../worker-thread.js';
import { foldAccountLog, mergeAccountRow } from './account-log.js';
import { decodeAccount, decodeU128, type AccountRow } from './codec.js';
import type { Statements } from './statements.js';
import { allTransfers } from './transfer-reads.js';

/** The check over one read snapshot of the connection's database. */
export function auditSnapshot(db: Database.Database, statements: Statements): AuditReport {
  const read = db.transaction(() => {
    const auditor = new LedgerAuditor();
    const logged = foldAccountLog(statements);
    for (const row of statements.allAccounts.iterate() as Iterable<AccountRow>) {
      auditor.addAccount(decodeAccount(mergeAccountRow(row, logged.get(decodeU128(row.id)))));
    }
    for (const { transfer, holdStatus } of allTransfers(statements)) auditor.addTransfer(transfer, holdStatus);
    return auditor.report();
  });
  return read.deferred();
}

export type AuditWorkerReply = { readonly ok: true; readonly report: AuditReport } | { readonly ok: false; readonly message: string };

const workerUrl = new URL('./audit-worker.ts', import.meta.url);

/** The check of the database at `path`, on a worker thread that opens it read-only and ends with the answer. */
export function auditApart(path: string): Promise<AuditReport> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(workerUrl, { path });
    let answered = false;
    worker.once('message', (reply: AuditWorkerReply) => {
      answered = true;
      if (reply.ok) resolve(reply.report);
      else reject(new Error(`the ledger check failed: ${reply.message}`));
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the ledger check's thread ended (${code}) without an answer`));
    });
  });
}
