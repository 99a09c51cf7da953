// The single-writer lock of a SQLite store. The owner holds an exclusive SQLite lock on a small
// lock database beside the data; the operating system drops it when the process ends, however it
// ends (SIGKILL included), so a crashed owner never leaves a stale lock behind.

import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreLockedError } from '../store.js';

export interface OwnerLock {
  release(): void;
}

export function acquireOwnerLock(directory: string): OwnerLock {
  const lockPath = join(directory, 'zhifu.lock');
  const infoPath = join(directory, 'zhifu.owner');
  const lock = new Database(lockPath, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new StoreLockedError(
        `The ledger in ${directory} is in use by another Zhifu process (${describeOwner(infoPath)}). ` +
          'Only one process writes to a SQLite store: stop that process, or send the change through it. ' +
          'Read-only commands (balances, history, check) still work while it runs.',
      );
    }
    throw error;
  }
  writeFileSync(infoPath, JSON.stringify({ pid: process.pid, since: new Date().toISOString(), argv: process.argv.slice(1) }));
  return {
    release(): void {
      if (!lock.open) return;
      lock.exec('ROLLBACK');
      lock.close();
    },
  };
}

function describeOwner(infoPath: string): string {
  try {
    const info = JSON.parse(readFileSync(infoPath, 'utf8')) as { pid?: number; since?: string };
    return `pid ${info.pid ?? '?'}, since ${info.since ?? '?'}`;
  } catch {
    return 'owner unknown';
  }
}
