// GET /healthz: whether this process can serve, for load balancers and orchestrators.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Ledger } from '../../store/index.js';

const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  store: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  uptime_seconds: Type.Integer(),
});

export function registerHealthRoutes(app: FastifyInstance, ledger: Ledger): void {
  app.get(
    '/healthz',
    { schema: { tags: ['platform'], summary: 'Health of this server process', response: { 200: HealthSchema } } },
    async () => {
      // A lookup reaches the store: a server whose database is gone answers 500.
      await ledger.lookupAccounts([1n]);
      return { status: 'ok' as const, store: ledger.store.kind, uptime_seconds: Math.floor(process.uptime()) };
    },
  );
}
