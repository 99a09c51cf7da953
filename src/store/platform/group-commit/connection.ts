// Settings of every connection to the SQLite platform database: WAL, so that readers on the main
// thread never wait for the writer thread; synchronous=FULL, so that a write that returned is on
// disk and survives a crash or power loss; the file memory-mapped, because every commit of the
// writer empties the reader's page cache and the next read fetches its pages again. The WAL is
// checkpointed every 10,000 pages (about 40 MB): the hot paths read their rows from memory
// (OwnedCache), so few reads come from the WAL, and rarer checkpoints copy each often-written
// page (an index leaf) to the database file once instead of many times.

import type Database from 'better-sqlite3';

export function configurePlatformConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('mmap_size = 268435456');
  db.pragma('wal_autocheckpoint = 10000');
}
