// Idempotency keys: the first response to a request is kept under the caller's key and replayed
// for every retry with the same key and the same request, as Stripe does. Keys live at least 24
// hours; a request still running under a key makes a concurrent retry wait its turn (409).
//
// Where several processes share the database (PostgreSQL), a request claims its key with a row
// written before it runs, so that a retry reaching another process sees it. Where this process is
// the only writer (SQLite), the claim is kept in memory and the row is written once, with the
// response, and the answer does not wait for that write: until it is on disk the response is
// replayed from memory. A request's own writes (ledger transfers, records) are durable before it
// answers either way; what a crash can lose is only the kept response, as it can lose a claim of
// a request that has done its work but not answered yet. The retry then runs again, and the
// ledger transfers and records it makes take their ids from the key, so money moves once (see
// wallet-service.ts).
//
// Where claims are in memory, the keys of the last 24 hours are also kept in a filter
// (platform/recent-keys.ts) that says of a new key, in a few bits, that no row can hold it: the
// key of almost every request is new, and its read of the table was the payment path's only
// read of the database. The filter holds every key this process claimed and, once read at the
// first claim (a page at a time, between requests), every row that was there before; until then,
// and whenever it says a key may be there, the row is read.

import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { RecentKeys } from '../../platform/recent-keys.js';
import type { PlatformDatabase } from './platform-database.js';
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

/** A key claimed in memory by a request of this process, with its response once it has one. */
interface Claim {
  readonly fingerprint: string;
  readonly createdAt: number;
  response?: { readonly statusCode: number; readonly body: string };
}

export class IdempotencyKeys {
  private readonly db: Kysely<PlatformTables>;
  private readonly queries: ReturnType<typeof idempotencyQueries>;
  /** Keys held by running requests, where claims are kept in memory (this process is the only writer). */
  private readonly claims: Map<string, Claim> | undefined;
  /** Where claims are in memory: the keys claimed or stored within the retention, once `recentLoaded`. */
  private readonly recent = new RecentKeys(idempotencyKeyRetentionMilliseconds);
  private recentLoad: Promise<void> | undefined;
  private recentLoaded = false;

  constructor(
    platform: PlatformDatabase,
    private readonly clock: Clock,
  ) {
    this.db = platform.db;
    this.queries = idempotencyQueries(this.db);
    this.claims = platform.exclusive ? new Map() : undefined;
  }

  /** Claims the key for a request, or says how an earlier request under it stands. */
  async start(scope: string, key: string, fingerprint: string): Promise<IdempotencyStart> {
    if (this.claims !== undefined) return this.startInMemory(this.claims, scope, key, fingerprint);
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

  /**
   * The in-memory claim: taken before the first await, so that two requests with one key in the
   * same moment cannot both start; then the stored row, if any, says how an earlier request stood.
   */
  private async startInMemory(claims: Map<string, Claim>, scope: string, key: string, fingerprint: string): Promise<IdempotencyStart> {
    const id = claimId(scope, key);
    const now = this.clock.now().getTime();
    const running = claims.get(id);
    // A claim held this long without an answer belongs to a request that never finished: it lapses.
    const lapsed = running !== undefined && running.response === undefined && now - running.createdAt >= idempotencyInProgressStaleMilliseconds;
    if (running !== undefined && !lapsed) {
      if (running.fingerprint !== fingerprint) return { kind: 'mismatch' };
      return running.response === undefined ? { kind: 'in_progress' } : { kind: 'replay', ...running.response };
    }
    claims.set(id, { fingerprint, createdAt: now });
    this.recentLoad ??= this.loadRecent(now);
    const unseen = this.recentLoaded && !this.recent.mightHave(id, now);
    // Added before its row can be written, so that the filter holds every row of this process's keys.
    this.recent.add(id, now);
    if (unseen) return { kind: 'started' };
    let row;
    try {
      [row] = (await this.queries.find(scope, key)).rows;
    } catch (error) {
      claims.delete(id);
      throw error;
    }
    if (row === undefined) return { kind: 'started' };
    const age = now - Number(row.created_at);
    // A row left in progress by a process that ended (this one owns the database now) is stale.
    if (age >= idempotencyKeyRetentionMilliseconds || row.state === 'in_progress') return { kind: 'started' };
    claims.delete(id);
    if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
    return { kind: 'replay', statusCode: Number(row.status_code), body: row.response_body ?? '' };
  }

  /** Settles once the filter of recent keys has read the table (or given up); for tests. */
  async recentKeysRead(): Promise<void> {
    await this.recentLoad;
  }

  /**
   * Puts the keys of the rows stored within the retention into the filter, a page at a time with
   * the event loop free between pages. Rows of this process's claims are in it already; the others
   * were written by earlier processes, so they are all there before the first page is read. If a
   * read fails, the filter stays unused and every claim reads its row.
   */
  private async loadRecent(now: number): Promise<void> {
    const since = now - idempotencyKeyRetentionMilliseconds;
    let after: { scope: string; key: string } | undefined;
    try {
      for (;;) {
        const { rows } = after === undefined ? await this.queries.recentFirst(since, recentPage) : await this.queries.recentAfter(since, after.scope, after.key, recentPage);
        for (const row of rows) this.recent.add(claimId(row.scope, row.key), Number(row.created_at));
        if (rows.length < recentPage) break;
        after = rows[rows.length - 1]!;
        await new Promise((next) => setImmediate(next));
      }
      this.recentLoaded = true;
    } catch (error) {
      process.emitWarning(`Zhifu: the recent idempotency keys could not be read; every request reads its key: ${String(error)}`);
    }
  }

  /**
   * Keeps the response of the request that holds the key: durably before it resolves where claims
   * are shared; in memory at once and on disk soon after where this process is the only writer.
   */
  async complete(scope: string, key: string, statusCode: number, body: string): Promise<void> {
    if (this.claims === undefined) {
      await this.queries.complete(scope, key, statusCode, body);
      return;
    }
    const claims = this.claims;
    const id = claimId(scope, key);
    const claim = claims.get(id);
    if (claim === undefined) throw new Error(`idempotency: no claim of key ${key} to complete`);
    claim.response = { statusCode, body };
    this.queries
      .store(scope, key, claim.fingerprint, statusCode, body, claim.createdAt)
      // The response was sent; if it could not be kept, a retry runs the request again, which repeats its effects once.
      .catch((error: unknown) => process.emitWarning(`Zhifu: the response kept under an idempotency key could not be written: ${String(error)}`))
      .finally(() => {
        if (claims.get(id) === claim) claims.delete(id);
      });
  }


  /** Releases a key whose request failed on the server's side, so that a retry runs again. */
  async forget(scope: string, key: string): Promise<void> {
    this.claims?.delete(claimId(scope, key));
    await this.db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
  }

  /** Deletes keys past their retention; returns how many. */
  async prune(): Promise<number> {
    const cutoff = this.clock.now().getTime() - idempotencyKeyRetentionMilliseconds;
    const result = await this.db.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** Rows read at a time into the filter of recent keys. */
const recentPage = 5_000;

function idempotencyQueries(db: Kysely<PlatformTables>) {
  const recent = () => db.selectFrom('idempotency_keys').select(['scope', 'key', 'created_at']);
  return {
    recentFirst: prepareQuery(db, (since: number, limit: number) => recent().where('created_at', '>=', since).orderBy('scope').orderBy('key').limit(limit)),
    recentAfter: prepareQuery(db, (since: number, scope: string, key: string, limit: number) =>
      recent()
        .where('created_at', '>=', since)
        .where((eb) => eb(eb.refTuple('scope', 'key'), '>', eb.tuple(scope, key)))
        .orderBy('scope')
        .orderBy('key')
        .limit(limit),
    ),
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
    // A completed row in one write, over a stale one if there was one.
    store: prepareQuery(db, (scope: string, key: string, fingerprint: string, statusCode: number, body: string, createdAt: number) =>
      db
        .insertInto('idempotency_keys')
        .values({ scope, key, fingerprint, state: 'completed', status_code: statusCode, response_body: body, created_at: createdAt })
        .onConflict((conflict) =>
          conflict.columns(['scope', 'key']).doUpdateSet((eb) => ({
            fingerprint: eb.ref('excluded.fingerprint'),
            state: eb.ref('excluded.state'),
            status_code: eb.ref('excluded.status_code'),
            response_body: eb.ref('excluded.response_body'),
            created_at: eb.ref('excluded.created_at'),
          })),
        ),
    ),
  };
}

function claimId(scope: string, key: string): string {
  return `${scope}\n${key}`;
}
