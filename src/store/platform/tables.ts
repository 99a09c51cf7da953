// The platform's own tables (everything that is not the ledger), as Kysely sees them. Ids are
// text, times are milliseconds since the Unix epoch, and money never lives here: it lives in the
// ledger, and these rows name ledger accounts and transfers by id.

export interface IdempotencyKeyTable {
  /** Who sent the request: keys of different callers never collide. */
  scope: string;
  key: string;
  /** Method, path and a hash of the body: a replay must ask for the same thing. */
  fingerprint: string;
  /** 'in_progress' while the first request runs, then 'completed'. */
  state: string;
  status_code: number | null;
  response_body: string | null;
  created_at: number;
}

export interface PlatformTables {
  idempotency_keys: IdempotencyKeyTable;
}

