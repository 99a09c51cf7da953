// Settings of a SQLite write connection: WAL with synchronous=FULL, so that a commit that returned
// is on disk and survives a crash or power loss.

import type Database from 'better-sqlite3';

export function configureWriteConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -262144');
  db.pragma('wal_autocheckpoint = 10000');
}
