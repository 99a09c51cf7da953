// Prometheus metrics at /metrics: requests by route and status, their latency, and the ledger's
// commit sizes and transfers committed.

import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Ledger } from '../../store/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    startedAt: bigint;
  }
}

export function registerMetrics(app: FastifyInstance, ledger: Ledger): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'zhifu_' });
  const requests = new Counter({
    name: 'zhifu_http_requests_total',
    help: 'HTTP requests answered, by method, route and status code.',
    labelNames: ['method', 'route', 'status_code'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'zhifu_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route.',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const commitEvents = new Histogram({
    name: 'zhifu_ledger_commit_events',
    help: 'Events per ledger commit (group commit size).',
    buckets: [1, 2, 4, 8, 16, 64, 256, 1024, 4096, 8190],
    registers: [registry],
  });
  const transfersCommitted = new Counter({
    name: 'zhifu_ledger_transfers_committed_total',
    help: 'Transfers committed to the ledger.',
    registers: [registry],
  });
  ledger.onCommit((commit) => {
    commitEvents.observe(commit.events);
    transfersCommitted.inc(commit.transfersCreated);
  });

  app.decorateRequest('startedAt', 0n);
  app.addHook('onRequest', async (request) => {
    request.startedAt = process.hrtime.bigint();
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = Number(process.hrtime.bigint() - request.startedAt) / 1e9;
    requests.inc({ method: request.method, route, status_code: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, seconds);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
  return registry;
}
