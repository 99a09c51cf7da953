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

/** Largest request body accepted. */
export const bodyBytesMax = 64 * 1024;

export interface AppDependencies {
  readonly ledger: Ledger;
  readonly platform: PlatformDatabase;
  readonly clock: Clock;
  /** Pino logger options, or false for none (tests). */
  readonly logger?: FastifyServerOptions['logger'];
  readonly version?: string;
}

export interface App {
  readonly fastify: FastifyInstance;
  readonly idempotencyKeys: IdempotencyKeys;
}

export async function buildApp(dependencies: AppDependencies): Promise<App> {
  const fastify = Fastify({
    logger: dependencies.logger ?? false,
    bodyLimit: bodyBytesMax,
    genReqId: () => `req_${randomBytes(12).toString('hex')}`,
    requestIdLogLabel: 'request_id',
    disableRequestLogging: false,
  });
  // The API speaks JSON only (the Alipay-compatible gateway adds its own form parser later).
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('request-id', request.id);
  });
  registerErrorHandler(fastify);
  registerValidation(fastify);
  await registerOpenApi(fastify, dependencies.version ?? '0.1.0');
  const idempotencyKeys = new IdempotencyKeys(dependencies.platform.db, dependencies.clock);
  registerIdempotency(fastify, idempotencyKeys);
  registerMetrics(fastify, dependencies.ledger);
  registerHealthRoutes(fastify, dependencies.ledger);
  return { fastify, idempotencyKeys };
}
