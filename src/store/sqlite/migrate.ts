// Applies the SQLite migrations that a database has not had yet, each in its own transaction.

import type Database from 'better-sqlite3';
import { migrations } from './schema.js';

export function migrateSqlite(db: Database.Database, readOnly: boolean): void {
  const latest = migrations[migrations.length - 1]!.version;
  if (readOnly) {
    const current = currentVersion(db);
    if (current < latest) {
      throw new Error(`The SQLite store is at schema version ${current}, this Zhifu needs ${latest}: start it once for writing to migrate.`);
    }
    return;
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = currentVersion(db);
  if (applied > latest) throw new Error(`The SQLite store is at schema version ${applied}, newer than this Zhifu (${latest}).`);
  for (const migration of migrations) {
    if (migration.version <= applied) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.after?.(db);
      db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`).run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    }).immediate();
  }
}

function currentVersion(db: Database.Database): number {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (exists === undefined) return 0;
  const row = db.prepare(`SELECT MAX(version) AS version FROM schema_migrations`).get() as { version: number | null };
  return row.version ?? 0;
}
