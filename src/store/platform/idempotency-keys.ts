// Idempotency keys: the first response to a request is kept under the caller's key and replayed
// for every retry with the same key and the same request, as Stripe does. Keys live at least 24
// hours; a request still running under a key makes a concurrent retry wait its turn (409).

import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { prepareQuery } from './prepared-query.js';
import type { PlatformTables } from './tables.js';

/** How long a key is kept and replayed. */
export const idempotencyKeyRetentionMilliseconds = 24 * 60 * 60 * 1000;
/** A request that has held its key this long without finishing is taken to have died with its process. */
export const idempotencyInProgressStaleMilliseconds = 60 * 1000;

export type IdempotencyStart =
  | { readonly kind: 'started' }
  | { readonly kind: 'replay'; readonly statusCode: number; readonly body: string }
  | { readonly kind: 'in_progress' }
  | { readonly kind: 'mismatch' };

export class IdempotencyKeys {
  private readonly queries: ReturnType<typeof idempotencyQueries>;

  constructor(
    private readonly db: Kysely<PlatformTables>,
    private readonly clock: Clock,
  ) {
    this.queries = idempotencyQueries(db);
  }

  /** Claims the key for a request, or says how an earlier request under it stands. */
  async start(scope: string, key: string, fingerprint: string): Promise<IdempotencyStart> {
    const now = this.clock.now().getTime();
    for (let attempt = 0; attempt < 2; attempt++) {
      const inserted = await this.queries.claim(scope, key, fingerprint, now);
      if (inserted.numAffectedRows === 1n) return { kind: 'started' };
      const [row] = (await this.queries.find(scope, key)).rows;
      if (row === undefined) continue;
      const age = now - Number(row.created_at);
      const stale = age >= idempotencyKeyRetentionMilliseconds || (row.state === 'in_progress' && age >= idempotencyInProgressStaleMilliseconds);
      if (stale) {
        await this.forget(scope, key);
        continue;
      }
      if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (row.state === 'in_progress') return { kind: 'in_progress' };
      return { kind: 'replay', statusCode: Number(row.status_code), body: row.response_body ?? '' };
    }
    return { kind: 'in_progress' };
  }

  /** Keeps the response of the request that holds the key. */
  async complete(scope: string, key: string, statusCode: number, body: string): Promise<void> {
    await this.queries.complete(scope, key, statusCode, body);
  }

  /** Releases a key whose request failed on the server's side, so that a retry runs again. */
  async forget(scope: string, key: string): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
  }

  /** Deletes keys past their retention; returns how many. */
  async prune(): Promise<number> {
    const cutoff = this.clock.now().getTime() - idempotencyKeyRetentionMilliseconds;
    const result = await this.db.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function idempotencyQueries(db: Kysely<PlatformTables>) {
  return {
    claim: prepareQuery(db, (scope: string, key: string, fingerprint: string, createdAt: number) =>
      db
        .insertInto('idempotency_keys')
        .values({ scope, key, fingerprint, state: 'in_progress', status_code: null, response_body: null, created_at: createdAt })
        .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing()),
    ),
    find: prepareQuery(db, (scope: string, key: string) => db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key)),
    complete: prepareQuery(db, (scope: string, key: string, statusCode: number, body: string) =>
      db.updateTable('idempotency_keys').set({ state: 'completed', status_code: statusCode, response_body: body }).where('scope', '=', scope).where('key', '=', key),
    ),
  };
}
