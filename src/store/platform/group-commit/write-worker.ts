// The writer thread of the SQLite platform database: group commit for platform writes. Each write
// the main thread sends is a unit of one or more statements; the units that wait while a commit
// is being made durable go into the next transaction together, so many requests share one fsync.
// A unit's statements apply together or not at all, and a unit that fails (a unique constraint,
// say) fails alone: the others of its transaction still commit.

import Database from 'better-sqlite3';
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { configurePlatformConnection } from './connection.js';
import { writeConflictCode, type PlatformWriteReply, type PlatformWriteRequest, type StatementInput, type StatementOutput, type UnitResult, type WriteUnit } from './protocol.js';

/** Units in one transaction at most; more wait for the next. */
export const unitsPerCommitMax = 2_048;

const port = parentPort as MessagePort;
const db = new Database((workerData as { path: string }).path);
configurePlatformConnection(db);
const statements = new Map<string, Database.Statement>();
const begin = db.prepare('BEGIN IMMEDIATE');
const commit = db.prepare('COMMIT');
const savepoint = db.prepare('SAVEPOINT unit');
const release = db.prepare('RELEASE unit');
const rollbackTo = db.prepare('ROLLBACK TO unit');

let queue: WriteUnit[] = [];
let closing = false;
let scheduled = false;

function prepared(sql: string): Database.Statement {
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    if (statements.size >= 1_000) statements.clear();
    statements.set(sql, statement);
  }
  return statement;
}

function execute(input: StatementInput): StatementOutput {
  const statement = prepared(input.sql);
  if (statement.reader) return { rows: statement.all(...input.parameters), changes: 0, lastInsertRowid: 0 };
  const { changes, lastInsertRowid } = statement.run(...input.parameters);
  if (input.expectRows !== undefined && changes !== input.expectRows) {
    throw Object.assign(new Error(`expected ${input.expectRows} changed rows, found ${changes}: ${input.sql}`), { code: writeConflictCode });
  }
  return { rows: [], changes, lastInsertRowid };
}

function failure(id: number, error: unknown): UnitResult {
  return { id, ok: false, message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code };
}

function applyUnit(unit: WriteUnit): UnitResult {
  // One statement is atomic by itself: a failing one backs out only its own changes (one that
  // expects a row count must be undone when the count is wrong, so it takes a savepoint).
  if (unit.statements.length === 1 && unit.statements[0]!.expectRows === undefined) {
    try {
      return { id: unit.id, ok: true, outputs: [execute(unit.statements[0]!)] };
    } catch (error) {
      return failure(unit.id, error);
    }
  }
  savepoint.run();
  try {
    const outputs = unit.statements.map(execute);
    release.run();
    return { id: unit.id, ok: true, outputs };
  } catch (error) {
    if (db.inTransaction) {
      rollbackTo.run();
      release.run();
    }
    return failure(unit.id, error);
  }
}

function commitBatch(units: WriteUnit[]): UnitResult[] {
  try {
    begin.run();
  } catch (error) {
    return units.map((unit) => failure(unit.id, error));
  }
  const results: UnitResult[] = [];
  for (const unit of units) {
    results.push(applyUnit(unit));
    // Some errors (I/O, a full disk) roll back the whole transaction: every unit of it failed.
    if (!db.inTransaction) return units.map((each) => failure(each.id, new Error(`the platform database transaction was rolled back (${results.at(-1)?.ok === false ? (results.at(-1) as { message: string }).message : 'unknown error'})`)));
  }
  try {
    commit.run();
  } catch (error) {
    if (db.inTransaction) db.prepare('ROLLBACK').run();
    return units.map((unit) => failure(unit.id, error));
  }
  return results;
}

function take(request: PlatformWriteRequest): void {
  if (request.type === 'close') closing = true;
  else for (const unit of request.units) queue.push(unit);
}

function flush(): void {
  scheduled = false;
  // Whatever arrived while the last commit was made durable joins this one.
  for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port)) take(message.message as PlatformWriteRequest);
  while (queue.length > 0) {
    const units = queue.length <= unitsPerCommitMax ? queue : queue.slice(0, unitsPerCommitMax);
    queue = queue.length <= unitsPerCommitMax ? [] : queue.slice(unitsPerCommitMax);
    port.postMessage({ type: 'done', results: commitBatch(units) } satisfies PlatformWriteReply);
  }
  if (closing) {
    db.close();
    port.postMessage({ type: 'closed' } satisfies PlatformWriteReply);
    port.close();
  }
}

port.on('message', (request: PlatformWriteRequest) => {
  take(request);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
});
