// Settings of every connection to the SQLite platform database: WAL, so that readers on the main
// thread never wait for the writer thread; synchronous=FULL, so that a write that returned is on
// disk and survives a crash or power loss; the file memory-mapped and the WAL checkpointed often,
// because every commit of the writer empties the reader's page cache and the next read fetches its
// pages again, which is cheaper from the mapped file than from the WAL.

import type Database from 'better-sqlite3';

export function configurePlatformConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('mmap_size = 268435456');
  db.pragma('wal_autocheckpoint = 100');
}
