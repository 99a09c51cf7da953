// The thread of a ledger check run apart (audit.ts): opens the store read-only beside its owner,
// checks one snapshot, answers and ends.

import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { auditSnapshot, type AuditWorkerReply } from './audit.js';
import { prepareStatements } from './statements.js';

const port = parentPort!;
let reply: AuditWorkerReply;
const db = new Database((workerData as { path: string }).path, { readonly: true, fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  reply = { ok: true, report: auditSnapshot(db, prepareStatements(db)) };
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
} finally {
  db.close();
}
port.postMessage(reply);
