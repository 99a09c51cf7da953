// Builds the HTTP application: conventions first (request ids, errors, validation, idempotency,
// metrics, OpenAPI), then the routes of each module. Used by the server and by tests (inject).

import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { IdempotencyKeys, type Ledger, type PlatformDatabase } from '../store/index.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerValidation } from './validation.js';
import { SandboxBank, type BankConnector } from '../bank/index.js';
import { IdentityService, loadServerSecret, RateLimiter } from '../identity/index.js';
import { TimeOrderedIds } from '../platform/ids.js';
import { WalletService } from '../wallet/index.js';
import { registerAuthentication } from './plugins/authentication.js';
import { registerIdentityRoutes } from './routes/identity.js';
import { registerTransactionRoutes } from './routes/transactions.js';
import { registerWalletRoutes } from './routes/wallet.js';

/** Largest request body accepted. */
export const bodyBytesMax = 64 * 1024;

export interface AppDependencies {
  readonly ledger: Ledger;
  readonly platform: PlatformDatabase;
  readonly clock: Clock;
  /** The bank behind cards, top-ups and withdrawals; the sandbox bank unless one is given. */
  readonly bank?: BankConnector;
  /** The key of payment PIN hashes; made once and kept in the platform database unless given. */
  readonly pinKey?: string;
  /** Pino logger options, or false for none (tests). */
  readonly logger?: FastifyServerOptions['logger'];
  readonly version?: string;
}

export interface App {
  readonly fastify: FastifyInstance;
  readonly idempotencyKeys: IdempotencyKeys;
  readonly identity: IdentityService;
  readonly wallet: WalletService;
}

export async function buildApp(dependencies: AppDependencies): Promise<App> {
  const fastify = Fastify({
    logger: dependencies.logger ?? false,
    bodyLimit: bodyBytesMax,
    genReqId: () => `req_${randomBytes(12).toString('hex')}`,
  });
  // The API speaks JSON only (the Alipay-compatible gateway adds its own form parser later).
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('request-id', request.id);
  });
  registerErrorHandler(fastify);
  registerValidation(fastify);
  await registerOpenApi(fastify, dependencies.version ?? '0.1.0');
  const { platform, clock, ledger } = dependencies;
  const pinKey = await loadServerSecret(platform.db, 'pin_key', dependencies.pinKey, clock.now().getTime());
  const identity = new IdentityService(platform.db, clock, pinKey, new RateLimiter(platform.db, clock));
  const wallet = new WalletService(ledger, platform.db, new TimeOrderedIds(clock), dependencies.bank ?? new SandboxBank(), clock);
  await wallet.ensureSystemAccounts();

  const idempotencyKeys = new IdempotencyKeys(platform.db, clock);
  registerAuthentication(fastify, identity);
  registerIdempotency(fastify, idempotencyKeys);
  registerMetrics(fastify, ledger);
  registerHealthRoutes(fastify, ledger);
  registerIdentityRoutes(fastify, identity, wallet);
  registerWalletRoutes(fastify, identity, wallet);
  registerTransactionRoutes(fastify, platform, ledger);
  return { fastify, idempotencyKeys, identity, wallet };
}
