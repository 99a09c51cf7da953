// The OpenAPI 3.1 document, generated from the routes' schemas (declared once, with TypeBox), at
// /openapi.json, and browsable at /docs.

import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Zhifu API',
        version,
        description:
          'Wallet, payments and financial services on one double-entry ledger. Amounts are decimal strings with their currency. ' +
          'Every POST takes an Idempotency-Key; errors have one shape, {"error":{"type","code","message","param"}}.',
      },
      components: {
        schemas: {
          Error: {
            type: 'object',
            required: ['error'],
            properties: {
              error: {
                type: 'object',
                required: ['type', 'code', 'message', 'param'],
                properties: {
                  type: { type: 'string' },
                  code: { type: 'string' },
                  message: { type: 'string' },
                  param: { type: ['string', 'null'] },
                },
              },
            },
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
