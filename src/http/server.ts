// Runs Zhifu's HTTP server: opens the ledger and the platform database, migrates them, listens,
// and on stop drains in-flight requests and then the ledger's commit queue before closing.

import type { Clock } from '../platform/clock.js';
import { hostname } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { JobScheduler, type Job } from '../platform/jobs.js';
import type { Config } from '../platform/config.js';
import { DatabaseJobLeases, Ledger, openPlatformDatabase, openStore, type PlatformDatabase } from '../store/index.js';
import { createDemoWorld, describeDemoWorld, type DemoWorld } from '../demo-world.js';
import { buildApp, type App } from './app.js';
import { defaultWebDirectory } from './web-app.js';
import type { Merchant } from '../identity/index.js';
import type { FastifyServerOptions } from 'fastify';

/** How often expired idempotency keys and payment codes are deleted. */
const pruneIntervalMilliseconds = 60 * 60 * 1000;
/** How long a stop waits for requests in flight before it cuts the remaining connections. */
export const shutdownGraceMilliseconds = 10_000;

export interface RunningServer {
  readonly url: string;
  readonly app: App;
  readonly ledger: Ledger;
  readonly platform: PlatformDatabase;
  /** The demo world this start made (its merchant's secret key is known only here), if it made one. */
  readonly demo: DemoWorld | undefined;
  /** Stops accepting requests, finishes those in flight, commits what is queued, closes the stores. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Make the sandbox demo world on a database nobody has signed up to yet. */
  readonly demo: boolean;
  readonly logger?: FastifyServerOptions['logger'];
}

/** The server's jobs and how often each runs. */
function serverJobs(app: App, ledger: Ledger, merchantOf: (id: string) => Promise<Merchant>, payoutMerchants: (ids: readonly string[]) => Promise<Merchant[]>): Job[] {
  const services = app.services;
  return [
    { name: 'webhooks.deliver', intervalMilliseconds: 1_000, run: () => services.webhooks.runDue() },
    { name: 'trades.due', intervalMilliseconds: 5_000, run: () => services.trades.runDue(merchantOf) },
    { name: 'ledger.expire_holds', intervalMilliseconds: 10_000, run: () => ledger.expirePendingTransfers() },
    { name: 'payouts.daily', intervalMilliseconds: 60_000, run: () => services.payouts.runDaily(payoutMerchants) },
    { name: 'payouts.reconcile', intervalMilliseconds: 60_000, run: () => services.payouts.reconcilePending() },
    { name: 'idempotency_keys.prune', intervalMilliseconds: pruneIntervalMilliseconds, run: () => services.idempotencyKeys.prune() },
    { name: 'payment_codes.prune', intervalMilliseconds: pruneIntervalMilliseconds, run: () => services.paymentCodes.prune() },
    { name: 'outflow_reservations.prune', intervalMilliseconds: pruneIntervalMilliseconds, run: () => services.wallet.pruneOutflowReservations() },
  ];
}

export async function startServer(config: Config, clock: Clock, options: ServerOptions): Promise<RunningServer> {
  // Pino at LOG_LEVEL (default info): JSON lines with the request id.
  const logger = options.logger ?? { level: process.env.LOG_LEVEL ?? 'info' };
  const webDirectory = defaultWebDirectory();
  const store = await openStore(config.store);
  const ledger = new Ledger(store, clock);
  let platform: PlatformDatabase | undefined;
  try {
    platform = await openPlatformDatabase(config.store);
    const app = await buildApp({
      ledger,
      platform,
      clock,
      logger,
      ...(config.pinKey === undefined ? {} : { pinKey: config.pinKey }),
      ...(config.signInAttemptsPerAddress === undefined ? {} : { signInAttemptsPerAddress: config.signInAttemptsPerAddress }),
      ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }),
      mode: config.mode,
      walletLimitOverrides: config.walletLimits,
      webDirectory,
    });
    // While stopping, every answer tells its client to close the connection, so that keep-alive
    // clients do not hold the server open after their last request.
    let closing = false;
    app.fastify.addHook('onSend', async (_request, reply, payload) => {
      if (closing) reply.header('connection', 'close');
      return payload;
    });
    const url = await app.fastify.listen({ port: config.port, host: config.host });
    if (!existsSync(join(webDirectory, 'index.html'))) app.fastify.log.warn(`The web app is not built (${webDirectory}): run npm run build:web. The API works without it.`);
    let demo: DemoWorld | undefined;
    if (options.demo) {
      demo = await createDemoWorld(app.services, async () => (await platform!.db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined);
      if (demo !== undefined) process.stdout.write(`${describeDemoWorld(demo, url.replace('0.0.0.0', 'localhost'))}\n`);
    }
    // Background work, as durable jobs that one process at a time runs (src/platform/jobs.ts).
    const payoutMerchants = async (ids: readonly string[]) => (await Promise.all(ids.map((id) => app.services.merchants.findMerchant(id)))).filter((merchant) => merchant !== undefined);
    const merchantOf = async (merchantId: string) => (await app.services.merchants.findMerchant(merchantId))!;
    const scheduler = new JobScheduler(new DatabaseJobLeases(platform), clock, `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`, (job, error) => app.fastify.log.error({ err: error, job }, 'a job failed'));
    for (const job of serverJobs(app, ledger, merchantOf, payoutMerchants)) scheduler.add(job);
    await scheduler.start();
    const openPlatform = platform;
    let stopping: Promise<void> | undefined;
    return {
      url,
      app,
      ledger,
      platform,
      demo,
      stop(): Promise<void> {
        stopping ??= (async () => {
          closing = true;
          const server = app.fastify.server;
          const idle = setInterval(() => server.closeIdleConnections(), 100);
          const deadline = setTimeout(() => server.closeAllConnections(), shutdownGraceMilliseconds);
          await app.fastify.close();
          clearInterval(idle);
          clearTimeout(deadline);
          await scheduler.stop();
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
