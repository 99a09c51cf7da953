// A Kysely dialect for the SQLite platform database with group commit. Reads run at once on the
// main thread's connection (WAL: they never wait for a writer). Writes go to a writer thread
// (write-worker.ts), which commits every write waiting at that moment in one durable transaction;
// a write's promise settles when its transaction is on disk, so a read after it sees it.
//
// Without this, each write is a transaction of its own with its own fsync on the main thread, and
// the event loop stops for every one of them: the platform's throughput would be one fsync per
// write. An explicit transaction (db.transaction()) runs on the main connection, as with Kysely's
// own dialect, and every other query waits until it ends.

import Database from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../worker-thread.js';
import { configurePlatformConnection } from './connection.js';
import type { PlatformWriteReply, PlatformWriteRequest, StatementInput, StatementOutput, WriteUnit } from './protocol.js';

const workerUrl = new URL('./write-worker.ts', import.meta.url);

/** Statements kept prepared at most; the queries of the code are far fewer, so none is dropped in practice. */
export const preparedStatementsMax = 1_000;

/** An error of a write, with SQLite's error code (SQLITE_CONSTRAINT_UNIQUE, …) as better-sqlite3 gives it. */
export class PlatformWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'PlatformWriteError';
  }
}

interface Waiting {
  readonly resolve: (outputs: StatementOutput[]) => void;
  readonly reject: (error: Error) => void;
}

/** The writer thread, seen from the main thread. */
class PlatformWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private idNext = 0;
  /** Units written in this turn of the event loop, sent together at its end (one message, not one each). */
  private outgoing: WriteUnit[] = [];
  /** Transactions committed, and the units they carried. */
  readonly statistics = { commits: 0, units: 0 };
  private broken: Error | undefined;
  private closed: (() => void) | undefined;

  constructor(path: string) {
    this.worker = startWorker(workerUrl, { path });
    this.worker.on('message', (reply: PlatformWriteReply) => this.receive(reply));
    this.worker.on('error', (error) => this.breakDown(error));
    this.worker.on('exit', (code) => {
      if (this.closed === undefined) this.breakDown(new Error(`the SQLite platform writer thread exited (${code})`));
      else this.closed();
    });
  }

  /** Applies the statements together, in the next group commit; settles when they are durable. */
  write(statements: readonly StatementInput[]): Promise<StatementOutput[]> {
    if (this.broken !== undefined) return Promise.reject(this.broken);
    const id = this.idNext++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.outgoing.length === 0) setImmediate(() => this.send());
      this.outgoing.push({ id, statements });
    });
  }

  private send(): void {
    const units = this.outgoing;
    this.outgoing = [];
    if (this.broken !== undefined) return;
    this.worker.postMessage({ type: 'write', units } satisfies PlatformWriteRequest);
  }

  /** Commits what was sent and stops the thread. */
  close(): Promise<void> {
    if (this.broken !== undefined) return this.worker.terminate().then(() => undefined);
    return new Promise((done) => {
      this.closed = done;
      if (this.outgoing.length > 0) this.send();
      this.worker.postMessage({ type: 'close' } satisfies PlatformWriteRequest);
    });
  }

  private receive(reply: PlatformWriteReply): void {
    if (reply.type === 'closed') return;
    this.statistics.commits++;
    this.statistics.units += reply.results.length;
    for (const result of reply.results) {
      const waiting = this.waiting.get(result.id);
      this.waiting.delete(result.id);
      if (result.ok) waiting?.resolve(result.outputs);
      else waiting?.reject(new PlatformWriteError(result.message, result.code));
    }
  }

  private breakDown(error: Error): void {
    this.broken = error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

class GroupCommitDriver implements Driver {
  private readonly statements = new Map<string, Database.Statement>();
  private database: Database.Database | undefined;
  private writer: PlatformWriter | undefined;
  /** Settles when the explicit transaction running on the main connection ends. */
  private transactionEnded: Promise<void> | undefined;
  private endTransaction: (() => void) | undefined;

  constructor(private readonly path: string) {}

  /** Opens the connection and starts the writer thread (Kysely calls it before the first query). */
  async init(): Promise<void> {
    if (this.database !== undefined) return;
    this.database = new Database(this.path);
    configurePlatformConnection(this.database);
    this.writer = new PlatformWriter(this.path);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new GroupCommitConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.waitForTransaction();
    this.transactionEnded = new Promise((resolve) => (this.endTransaction = resolve));
    (connection as GroupCommitConnection).inTransaction = true;
    this.runOnMain('BEGIN IMMEDIATE', []);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.finishTransaction(connection, 'COMMIT');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.finishTransaction(connection, 'ROLLBACK');
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`SAVEPOINT ${quote(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`ROLLBACK TO ${quote(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`RELEASE ${quote(name)}`));
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    await this.waitForTransaction();
    await this.writer?.close();
    this.database?.close();
  }

  /** Group commits made so far, and the writes they carried. */
  get statistics(): { readonly commits: number; readonly units: number } {
    return { ...(this.writer?.statistics ?? { commits: 0, units: 0 }) };
  }

  /** Runs a query: on the main connection inside a transaction or to read, on the writer thread to write. */
  async execute(connection: GroupCommitConnection, query: CompiledQuery): Promise<QueryResult<unknown>> {
    if (!connection.inTransaction) await this.waitForTransaction();
    const statement = this.prepare(query.sql);
    if (connection.inTransaction || statement.readonly) return toResult(this.runOnMain(query.sql, query.parameters));
    const [output] = await this.writer!.write([{ sql: query.sql, parameters: query.parameters }]);
    return toResult(output!);
  }

  /** Applies statements together (all or none) in the next group commit; see StatementInput.expectRows. */
  async writeTogether(queries: readonly { readonly query: CompiledQuery; readonly expectRows?: number }[]): Promise<QueryResult<unknown>[]> {
    await this.init();
    await this.waitForTransaction();
    const outputs = await this.writer!.write(queries.map(({ query, expectRows }) => ({ sql: query.sql, parameters: query.parameters, ...(expectRows === undefined ? {} : { expectRows }) })));
    return outputs.map(toResult);
  }

  private async waitForTransaction(): Promise<void> {
    while (this.transactionEnded !== undefined) await this.transactionEnded;
  }

  private finishTransaction(connection: DatabaseConnection, command: 'COMMIT' | 'ROLLBACK'): void {
    (connection as GroupCommitConnection).inTransaction = false;
    const end = this.endTransaction;
    this.transactionEnded = undefined;
    this.endTransaction = undefined;
    try {
      this.runOnMain(command, []);
    } finally {
      end?.();
    }
  }

  private runOnMain(sql: string, parameters: readonly unknown[]): StatementOutput {
    const statement = this.prepare(sql);
    if (statement.reader) return { rows: statement.all(...parameters), changes: 0, lastInsertRowid: 0 };
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { rows: [], changes, lastInsertRowid };
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.database!.prepare(sql);
      if (this.statements.size >= preparedStatementsMax) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

class GroupCommitConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(private readonly driver: GroupCommitDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute(this, query) as Promise<QueryResult<R>>;
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the platform database does not stream queries');
  }
}

function toResult(output: StatementOutput): QueryResult<unknown> {
  return { rows: output.rows, numAffectedRows: BigInt(output.changes), insertId: BigInt(output.lastInsertRowid) };
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export class GroupCommitSqliteDialect implements Dialect {
  readonly driver: GroupCommitDriver;

  constructor(path: string) {
    this.driver = new GroupCommitDriver(path);
  }

  createDriver(): Driver {
    return this.driver;
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter() {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}
