// An HTTP application on a fresh store of either kind, for tests: SQLite in a temporary folder or
// a PostgreSQL database of its own, dropped afterwards.

import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../src/http/app.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { StoreConfig } from '../../src/platform/config.js';
import { createTemporaryDatabase } from '../../src/store/postgres/temporary-database.js';
import { Ledger, openPlatformDatabase, openStore, type PlatformDatabase } from '../../src/store/index.js';

export type StoreKindUnderTest = 'sqlite' | 'postgres';
export const storeKinds: readonly StoreKindUnderTest[] = ['sqlite', 'postgres'];

/** A second server's application, with its own ledger service and platform connection. */
export interface AnotherServer extends App {
  readonly ledger: Ledger;
  readonly platform: PlatformDatabase;
}

export interface HttpFixture {
  readonly app: App;
  readonly ledger: Ledger;
  readonly platform: PlatformDatabase;
  readonly clock: ManualClock;
  /**
   * Another server on the same database, as a second process would be; closed with the fixture.
   * On SQLite the store's owner lock refuses it (one server owns an embedded store).
   */
  openAnotherServer(): Promise<AnotherServer>;
  close(): Promise<void>;
}

export async function createHttpFixture(kind: StoreKindUnderTest, extend?: (app: App) => void | Promise<void>, clockStart?: Date): Promise<HttpFixture> {
  let config: StoreConfig;
  let destroy: () => Promise<void>;
  if (kind === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'zhifu-http-'));
    config = { kind: 'sqlite', directory };
    destroy = async () => rmSync(directory, { recursive: true, force: true });
  } else {
    const database = await createTemporaryDatabase('zhifu_http');
    config = { kind: 'postgres', url: database.url };
    destroy = () => database.drop();
  }
  const clock = new ManualClock(clockStart);
  const ledger = new Ledger(await openStore(config), clock);
  const platform = await openPlatformDatabase(config);
  const app = await buildApp({ ledger, platform, clock });
  await extend?.(app);
  await app.fastify.ready();
  const others: { app: App; ledger: Ledger; platform: PlatformDatabase }[] = [];
  return {
    app,
    ledger,
    platform,
    clock,
    async openAnotherServer() {
      const other = { ledger: new Ledger(await openStore(config), clock), platform: await openPlatformDatabase(config) };
      const otherApp = await buildApp({ ...other, clock });
      await otherApp.fastify.ready();
      others.push({ app: otherApp, ...other });
      return { ...otherApp, ...other };
    },
    async close() {
      for (const other of [...others, { app, ledger, platform }]) {
        await other.app.fastify.close();
        await other.ledger.close();
        await other.platform.close();
      }
      await destroy();
    },
  };
}

export interface ApiAnswer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers field by field
  readonly body: any;
}

export interface RequestOptions {
  /** A bearer credential: a session token or a secret key. */
  readonly token?: string;
  /** Headers besides (the session cookie, Zhifu-Merchant, …). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/**
 * A request through `inject`, as someone using the API would make it: a bearer credential or other
 * headers, a JSON body, and each call one second after the one before.
 */
export function apiRequester(fixture: () => HttpFixture) {
  return async (method: 'GET' | 'POST' | 'DELETE', url: string, options: RequestOptions = {}): Promise<ApiAnswer> => {
    fixture().clock.advanceSeconds(1);
    const { token, body } = options;
    const response = await fixture().app.fastify.inject({
      method,
      url,
      headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: response.statusCode, body: response.body === '' ? undefined : response.json() };
  };
}

/** apiRequester with the credential and the body as arguments. */
export function apiCaller(fixture: () => HttpFixture) {
  const send = apiRequester(fixture);
  return (method: 'GET' | 'POST' | 'DELETE', url: string, token?: string, body?: unknown): Promise<ApiAnswer> => send(method, url, { ...(token === undefined ? {} : { token }), ...(body === undefined ? {} : { body }) });
}

/**
 * A fixture for the tests of one describe block: made before them, and after them closed once the
 * ledger's invariants are checked (money is conserved after every test file).
 */
export function useHttpFixture(kind: StoreKindUnderTest, clockStart?: Date): () => HttpFixture {
  let fixture: HttpFixture | undefined;
  beforeAll(async () => {
    fixture = await createHttpFixture(kind, undefined, clockStart);
  });
  afterAll(async () => {
    if (fixture === undefined) return;
    expect((await fixture.ledger.audit()).failures).toEqual([]);
    await fixture.close();
  });
  return () => fixture!;
}
