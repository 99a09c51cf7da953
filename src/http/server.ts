// Runs Zhifu's HTTP server: opens the ledger and the platform database, migrates them, listens,
// and on stop drains in-flight requests and then the ledger's commit queue before closing.

import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import { Ledger, openPlatformDatabase, openStore, type PlatformDatabase } from '../store/index.js';
import { buildApp, type App } from './app.js';
import type { FastifyServerOptions } from 'fastify';

/** How often expired idempotency keys are deleted. */
const idempotencyPruneIntervalMilliseconds = 60 * 60 * 1000;

export interface RunningServer {
  readonly url: string;
  readonly app: App;
  readonly ledger: Ledger;
  readonly platform: PlatformDatabase;
  /** Stops accepting requests, finishes those in flight, commits what is queued, closes the stores. */
  stop(): Promise<void>;
}

export async function startServer(config: Config, clock: Clock, logger: FastifyServerOptions['logger'] = true): Promise<RunningServer> {
  const store = await openStore(config.store);
  const ledger = new Ledger(store, clock);
  let platform: PlatformDatabase | undefined;
  try {
    platform = await openPlatformDatabase(config.store);
    const app = await buildApp({ ledger, platform, clock, logger, ...(config.pinKey === undefined ? {} : { pinKey: config.pinKey }) });
    const url = await app.fastify.listen({ port: config.port, host: config.host });
    const prune = setInterval(() => void app.idempotencyKeys.prune().catch((error: unknown) => app.fastify.log.error({ err: error }, 'pruning idempotency keys failed')), idempotencyPruneIntervalMilliseconds);
    prune.unref();
    const openPlatform = platform;
    let stopping: Promise<void> | undefined;
    return {
      url,
      app,
      ledger,
      platform,
      stop(): Promise<void> {
        stopping ??= (async () => {
          clearInterval(prune);
          await app.fastify.close();
          await ledger.close();
          await openPlatform.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await platform?.close();
    await ledger.close();
    throw error;
  }
}
