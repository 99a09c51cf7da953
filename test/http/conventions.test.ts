// The API's conventions on both stores, through inject and through a real listening server: one
// error shape, strict validation naming the field, request ids, idempotent POST replay and
// conflict, health, metrics and the OpenAPI document.

import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyBytesMax } from '../../src/http/app.js';
import { createHttpFixture, storeKinds, type HttpFixture } from '../support/http-fixture.js';

/** A route that exists only in this test, to exercise the conventions every POST route shares. */
let echoCalls = 0;

describe.each(storeKinds)('HTTP conventions on %s', (kind) => {
  let fixture: HttpFixture;
  let baseUrl: string;

  beforeAll(async () => {
    fixture = await createHttpFixture(kind, (app) => {
      app.fastify.post(
        '/test/echo',
        {
          schema: {
            body: Type.Object({ amount: Type.String({ pattern: '^\\d+(\\.\\d{1,2})?$' }), note: Type.Optional(Type.String({ maxLength: 20 })), meta: Type.Optional(Type.Object({ tag: Type.Integer() }, { additionalProperties: false })) }, { additionalProperties: false }),
          },
        },
        async (request, reply) => {
          echoCalls += 1;
          return reply.code(201).send({ call: echoCalls, body: request.body });
        },
      );
      app.fastify.post('/test/explode', async () => {
        echoCalls += 1;
        throw new Error('boom');
      });
    });
    baseUrl = await fixture.app.fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => fixture.close());

  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fixture.app.fastify.inject({ method: 'POST', url, payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  it('answers unknown routes with the error shape and a request id', async () => {
    const response = await fixture.app.fastify.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { type: 'invalid_request_error', code: 'route_not_found', message: 'No route GET /v1/nothing-here.', param: null } });
    expect(response.headers['request-id']).toMatch(/^req_[0-9a-f]{16}[0-9a-z]{8}$/);
    const next = await fixture.app.fastify.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(next.headers['request-id']).not.toBe(response.headers['request-id']);
  });

  it.each([
    [{}, 'parameter_missing', 'amount'],
    [{ amount: '1.00', extra: 1 }, 'parameter_unknown', 'extra'],
    [{ amount: 100 }, 'parameter_invalid', 'amount'],
    [{ amount: '1.005' }, 'parameter_invalid', 'amount'],
    [{ amount: '1.00', meta: { tag: 'x' } }, 'parameter_invalid', 'meta.tag'],
    [{ amount: '1.00', meta: { tag: 1, other: 2 } }, 'parameter_unknown', 'meta.other'],
  ])('refuses %j with %s naming %s, and calls no handler', async (body, code, param) => {
    const before = echoCalls;
    const response = await post('/test/echo', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ type: 'invalid_request_error', code, param });
    expect(echoCalls).toBe(before);
  });

  it('refuses malformed JSON, other content types and oversized bodies', async () => {
    expect((await post('/test/echo', '{"amount":')).json().error.code).toBe('body_malformed');
    const text = await fixture.app.fastify.inject({ method: 'POST', url: '/test/echo', payload: 'amount=1', headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('content_type_unsupported');
    const large = await post('/test/echo', { amount: '1.00', note: 'x'.repeat(bodyBytesMax) });
    expect(large.statusCode).toBe(400);
    expect(large.json().error.code).toBe('body_too_large');
  });

  it('replays the first answer for the same Idempotency-Key and body, and runs the handler once', async () => {
    const before = echoCalls;
    const first = await post('/test/echo', { amount: '5.00', note: 'a' }, { 'idempotency-key': `key-${kind}-1` });
    expect(first.statusCode).toBe(201);
    // The same request with its keys in another order is the same request.
    const again = await post('/test/echo', { note: 'a', amount: '5.00' }, { 'idempotency-key': `key-${kind}-1` });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(echoCalls).toBe(before + 1);
  });

  it('refuses the same key with another body, and keeps first errors too', async () => {
    await post('/test/echo', { amount: '5.00' }, { 'idempotency-key': `key-${kind}-2` });
    const other = await post('/test/echo', { amount: '6.00' }, { 'idempotency-key': `key-${kind}-2` });
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_key_reused', param: 'Idempotency-Key' });
    const invalid = await post('/test/echo', { amount: 'x' }, { 'idempotency-key': `key-${kind}-3` });
    const replayed = await post('/test/echo', { amount: 'x' }, { 'idempotency-key': `key-${kind}-3` });
    expect(replayed.statusCode).toBe(400);
    expect(replayed.body).toBe(invalid.body);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
  });

  it('lets a retry run again after a server error, and refuses malformed keys', async () => {
    const before = echoCalls;
    expect((await post('/test/explode', {}, { 'idempotency-key': `key-${kind}-4` })).statusCode).toBe(500);
    const retry = await post('/test/explode', {}, { 'idempotency-key': `key-${kind}-4` });
    expect(retry.json().error.code).toBe('internal_error');
    expect(echoCalls).toBe(before + 2);
    const bad = await post('/test/echo', { amount: '1.00' }, { 'idempotency-key': 'x'.repeat(256) });
    expect(bad.json().error).toMatchObject({ code: 'idempotency_key_invalid', param: 'Idempotency-Key' });
  });

  it('keeps keys 24 hours and no longer', async () => {
    await post('/test/echo', { amount: '7.00' }, { 'idempotency-key': `key-${kind}-5` });
    fixture.clock.advanceSeconds(24 * 3600 - 60);
    expect(await fixture.app.services.idempotencyKeys.prune()).toBe(0);
    fixture.clock.advanceSeconds(120);
    expect(await fixture.app.services.idempotencyKeys.prune()).toBeGreaterThanOrEqual(1);
    const fresh = await post('/test/echo', { amount: '8.00' }, { 'idempotency-key': `key-${kind}-5` });
    expect(fresh.statusCode).toBe(201);
  });

  it('serves health, metrics and the OpenAPI document over real HTTP', async () => {
    const health = await fetch(`${baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: kind });
    expect(health.headers.get('request-id')).toMatch(/^req_/);
    const notFound = await fetch(`${baseUrl}/v1/missing`);
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as { error: { code: string } }).error.code).toBe('route_not_found');
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/zhifu_http_requests_total\{method="GET",route="\/healthz",status_code="200"\} \d+/);
    expect(metrics).toContain('zhifu_ledger_transfers_committed_total');
    const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/healthz');
    // Every route of the API is in the document, with its method (the test-only routes aside).
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations as object).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)),
    );
    const apiRoutes = fixture.app.routes.filter((route) => !route.hidden && route.method !== 'HEAD' && !route.url.startsWith('/docs') && !route.url.startsWith('/test/'));
    expect(apiRoutes.length).toBeGreaterThan(20);
    for (const route of apiRoutes) expect(documented.has(`${route.method} ${route.url}`), `${route.method} ${route.url}`).toBe(true);
    expect((await fetch(`${baseUrl}/docs/`)).status).toBe(200);
  });
});
