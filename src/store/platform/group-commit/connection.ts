// Settings of every connection to the SQLite platform database: WAL, so that readers on the main
// thread never wait for the writer thread, and synchronous=FULL, so that a write that returned is
// on disk and survives a crash or power loss.

import type Database from 'better-sqlite3';

export function configurePlatformConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
}
