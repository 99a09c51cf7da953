// Builds the HTTP application: conventions first (request ids, errors, validation, idempotency,
// metrics, OpenAPI), then the routes of each module. Used by the server and by tests (inject).

import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomBytes } from 'node:crypto';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerValidation } from './validation.js';
import { createServices, type ServiceDependencies, type Services } from '../services.js';
import { registerAuthentication } from './plugins/authentication.js';
import { registerIdentityRoutes } from './routes/identity.js';
import { registerMerchantRoutes } from './routes/merchants.js';
import { registerTradeRoutes } from './routes/trades.js';
import { registerDisputeRoutes } from './routes/disputes.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import { registerGateway } from '../gateway/gateway.js';
import { registerAppRoutes } from './routes/apps.js';
import { registerSplitRoutes } from './routes/splits.js';
import { registerPayoutRoutes } from './routes/payouts.js';
import { registerBillRoutes } from './routes/bills.js';
import { registerTestClockRoutes } from './routes/test-clocks.js';
import { registerRefundRequestRoutes } from './routes/refund-requests.js';
import { registerOperatorRoutes } from './routes/operator.js';
import { registerOperatorActionRoutes } from './routes/operator-actions.js';
import { registerOperatorConsoleRoutes } from './routes/operator-console.js';
import { registerDashboardRoutes } from './routes/dashboard.js';
import { registerOperatorTradeRoutes } from './routes/operator-trades.js';
import { registerReceiveRoutes } from './routes/receive.js';
import { registerTransactionRoutes } from './routes/transactions.js';
import { registerWalletRoutes } from './routes/wallet.js';
import { registerWebApp } from './web-app.js';
import { registerSessionStatusRoutes } from './routes/session-status.js';

/** Largest request body accepted. */
export const bodyBytesMax = 64 * 1024;

export interface AppDependencies extends ServiceDependencies {
  /** Pino logger options, or false for none (tests). */
  readonly logger?: FastifyServerOptions['logger'];
  readonly version?: string;
  /** The public origin for links (receive codes); the request's own when unset. */
  readonly publicUrl?: string;
  /** The web app's build (web/dist) to serve at `/`; none, the API alone. */
  readonly webDirectory?: string;
}

export interface App {
  readonly fastify: FastifyInstance;
  readonly services: Services;
  /** Every route registered, with whether it is left out of the OpenAPI document. */
  readonly routes: readonly { readonly method: string; readonly url: string; readonly hidden: boolean }[];
}

export async function buildApp(dependencies: AppDependencies): Promise<App> {
  // Request ids name a request in logs and answers: unique, not secret. A random prefix per app
  // (process) and a counter, instead of 12 random bytes per request.
  const requestIdPrefix = `req_${randomBytes(8).toString('hex')}`;
  let requestCount = 0;
  const fastify = Fastify({
    logger: dependencies.logger ?? false,
    bodyLimit: bodyBytesMax,
    genReqId: () => `${requestIdPrefix}${(requestCount++).toString(36).padStart(8, '0')}`,
  });
  // The API speaks JSON only; the Alipay-compatible gateway (src/gateway/) adds its own form parser.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('request-id', request.id);
  });
  const routes: { method: string; url: string; hidden: boolean }[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, hidden: (route.schema as { hide?: boolean } | undefined)?.hide === true });
  });
  registerErrorHandler(fastify, await registerWebApp(fastify, dependencies.webDirectory));
  registerValidation(fastify);
  await registerOpenApi(fastify, dependencies.version ?? '0.1.0');
  const { ledger } = dependencies;
  const services = await createServices(dependencies);
  const { identity, wallet, idempotencyKeys } = services;
  registerAuthentication(fastify, services);
  registerIdempotency(fastify, idempotencyKeys);
  registerMetrics(fastify, ledger);
  registerHealthRoutes(fastify, ledger);
  registerIdentityRoutes(fastify, identity, wallet);
  registerSessionStatusRoutes(fastify);
  registerWalletRoutes(fastify, identity, wallet);
  registerTransactionRoutes(fastify, services.transactions, ledger);
  registerMerchantRoutes(fastify, services);
  registerTradeRoutes(fastify, services);
  registerDisputeRoutes(fastify, services);
  registerSplitRoutes(fastify, services);
  registerPayoutRoutes(fastify, services);
  registerBillRoutes(fastify, services);
  registerTestClockRoutes(fastify, services);
  registerRefundRequestRoutes(fastify, services);
  registerWebhookRoutes(fastify, services);
  registerOperatorRoutes(fastify, services);
  registerOperatorConsoleRoutes(fastify, services);
  registerOperatorActionRoutes(fastify, services);
  registerDashboardRoutes(fastify, services);
  registerOperatorTradeRoutes(fastify, services);
  registerReceiveRoutes(fastify, services, dependencies.publicUrl);
  registerAppRoutes(fastify, services);
  registerGateway(fastify, services, dependencies.publicUrl);
  return { fastify, services, routes };
}
