// Webhooks over the API and real HTTP, on both stores: a merchant registers an endpoint, trade
// events reach a local receiver signed, a receiver that fails its first attempts gets them on the
// documented schedule, the delivery log shows every attempt, a delivery can be sent again, a dead
// receiver is logged and retried, two senders never send one delivery twice, and a new process
// picks up what is pending.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRsa2, verifyWebhook, WebhookService } from '../../src/notify/index.js';
import { TimeOrderedIds } from '../../src/platform/ids.js';
import { apiCaller, createHttpFixture, storeKinds, type HttpFixture } from '../support/http-fixture.js';

interface Received {
  readonly eventId: string;
  readonly type: string;
  readonly verified: boolean;
  readonly timestamp: number;
  readonly actedBy: unknown;
  readonly data: { readonly object: unknown; readonly change?: unknown };
}

describe.each(storeKinds)('webhooks on %s', (kind) => {
  let fixture: HttpFixture;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  const failuresLeft = new Map<string, number>();
  let secret = '';

  beforeAll(async () => {
    fixture = await createHttpFixture(kind);
    receiver = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const event = JSON.parse(body) as { id: string; type: string; acted_by: unknown; data: Received['data'] };
        const check = verifyWebhook(String(request.headers['zhifu-signature']), body, secret, Math.floor(fixture.clock.now().getTime() / 1000));
        received.push({ eventId: event.id, type: event.type, verified: check.ok, timestamp: check.ok ? check.timestamp : 0, actedBy: event.acted_by, data: event.data });
        const left = failuresLeft.get(event.id) ?? 2;
        failuresLeft.set(event.id, left - 1);
        response.writeHead(left > 0 ? 500 : 200).end(left > 0 ? 'not yet' : 'ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    expect((await fixture.ledger.audit()).failures).toEqual([]);
    await fixture.close();
  });

  const call = apiCaller(() => fixture);
  let key: string;
  let keyId: string;
  let otherKey: string;
  let endpointId: string;
  let buyer: string;
  const runDue = () => fixture.app.services.webhooks.runDue();

  it('registers an endpoint, showing its secret once', async () => {
    const consumer = async (email: string) => {
      await call('POST', '/v1/users', undefined, { email, password: 'long enough' });
      return (await call('POST', '/v1/sessions', undefined, { identifier: email, password: 'long enough' })).body.token as string;
    };
    const owner = await consumer('owner@hooks.example');
    const merchant = (await call('POST', '/v1/merchants', owner, { name: 'Hook Shop' })).body.id;
    const madeKey = (await call('POST', `/v1/merchants/${merchant}/api_keys`, owner, {})).body;
    key = madeKey.secret;
    keyId = madeKey.id;
    const otherOwner = await consumer('other@hooks.example');
    const otherMerchant = (await call('POST', '/v1/merchants', otherOwner, { name: 'Other Shop' })).body.id;
    otherKey = (await call('POST', `/v1/merchants/${otherMerchant}/api_keys`, otherOwner, {})).body.secret;
    buyer = await consumer('buyer@hooks.example');
    await call('POST', '/v1/me/pin', buyer, { pin: '123456', password: 'long enough' });
    const card = (await call('POST', '/v1/cards', buyer, { number: '4242424242424242' })).body.id;
    await call('POST', '/v1/topups', buyer, { card, amount: '100.00', currency: 'CNY' });

    expect((await call('POST', '/v1/webhook_endpoints', key, { url: 'ftp://example.com/x' })).body.error).toMatchObject({ code: 'webhook_url_invalid', param: 'url' });
    expect((await call('POST', '/v1/webhook_endpoints', key, { url: receiverUrl, events: ['Trade Paid'] })).body.error).toMatchObject({ code: 'event_type_invalid', param: 'events' });
    const created = await call('POST', '/v1/webhook_endpoints', key, { url: receiverUrl, events: ['trade.*'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'webhook_endpoint', url: receiverUrl, events: ['trade.*'], status: 'enabled', secret: expect.stringMatching(/^whsec_/) });
    secret = created.body.secret;
    endpointId = created.body.id;
    const listed = await call('GET', '/v1/webhook_endpoints', key);
    expect(listed.body.data[0]).not.toHaveProperty('secret');
    const one = await call('GET', `/v1/webhook_endpoints/${endpointId}`, key);
    expect(one.body).toEqual(listed.body.data[0]);
    expect(one.body).toMatchObject({ id: endpointId, object: 'webhook_endpoint', url: receiverUrl, status: 'enabled' });
    expect((await call('GET', `/v1/webhook_endpoints/${endpointId}`, otherKey)).body.error).toMatchObject({ code: 'resource_missing', param: 'endpoint' });
    expect((await call('GET', '/v1/webhook_endpoints/we_nothing', key)).status).toBe(404);
    expect((await call('GET', '/v1/webhook_endpoints', otherKey)).body.data).toEqual([]);
    expect((await call('GET', `/v1/webhook_endpoints/${endpointId}/deliveries`, otherKey)).status).toBe(404);
  });

  it('delivers trade events signed, retrying a failing receiver at once, then after 2 and 10 minutes', async () => {
    const trade = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'hook-1', subject: 'Tea', amount: '10.00', currency: 'CNY' })).body.id;
    await call('POST', `/v1/orders/${trade}/pay`, buyer, { pin: '123456' });
    expect(await runDue()).toBe(2);
    // The two deliveries are sent at once, so they may arrive in either order.
    const byType = (type: string) => received.find((event) => event.type === type)!;
    expect(received.map((event) => event.type).sort()).toEqual(['trade.created', 'trade.paid']);
    expect(received.every((event) => event.verified)).toBe(true);
    // The change carries decimal amounts with the currency, as the trade beside it does.
    expect(byType('trade.created').data.change).toEqual({ amount: '10.00', currency: 'CNY' });
    expect(byType('trade.paid').data.change).toEqual({ amount: '10.00', fee: '0.06', currency: 'CNY' });
    expect(byType('trade.paid').data.object).toMatchObject({ id: trade, amount: '10.00', fee_amount: '0.06', currency: 'CNY' });
    // An event says which of the merchant's credentials caused it; the buyer's payment, none.
    expect(byType('trade.created').actedBy).toEqual({ type: 'api_key', id: keyId });
    expect(byType('trade.paid').actedBy).toBeNull();
    // It stands beside data, which stays the object and the change.
    expect(Object.keys(byType('trade.created').data).sort()).toEqual(['change', 'object']);
    // Nothing is due until two minutes have passed.
    expect(await runDue()).toBe(0);
    fixture.clock.advanceSeconds(119);
    expect(await runDue()).toBe(0);
    fixture.clock.advanceSeconds(2);
    expect(await runDue()).toBe(2);
    fixture.clock.advanceSeconds(600);
    expect(await runDue()).toBe(2);
    expect(await runDue()).toBe(0);
    expect(received).toHaveLength(6);
    expect(received.every((event) => event.verified)).toBe(true);
    const paidAttempts = received.filter((event) => event.type === 'trade.paid');
    expect(paidAttempts[1]!.timestamp - paidAttempts[0]!.timestamp).toBeGreaterThanOrEqual(120);
    expect(paidAttempts[2]!.timestamp - paidAttempts[1]!.timestamp).toBeGreaterThanOrEqual(600);
    expect(new Set(paidAttempts.map((event) => event.eventId)).size).toBe(1);

    const log = await call('GET', `/v1/webhook_endpoints/${endpointId}/deliveries`, key);
    const paid = log.body.data.find((delivery: { event_type: string }) => delivery.event_type === 'trade.paid');
    expect(paid).toMatchObject({ status: 'succeeded', attempts: 3, next_attempt_at: null });
    expect(paid.attempts_log.map((attempt: { status_code: number }) => attempt.status_code)).toEqual([500, 500, 200]);
  });

  it('sends a delivery again on request', async () => {
    const log = await call('GET', `/v1/webhook_endpoints/${endpointId}/deliveries?limit=1`, key);
    expect(log.body.has_more).toBe(true);
    const delivery = log.body.data[0].id as string;
    expect((await call('POST', `/v1/webhook_deliveries/${delivery}/replay`, otherKey)).status).toBe(404);
    expect((await call('POST', `/v1/webhook_deliveries/${delivery}/replay`, key)).status).toBe(202);
    const before = received.length;
    expect(await runDue()).toBe(1);
    expect(received).toHaveLength(before + 1);
    const again = await call('GET', `/v1/webhook_endpoints/${endpointId}/deliveries?limit=1`, key);
    expect(again.body.data[0]).toMatchObject({ id: delivery, status: 'succeeded', attempts: 4 });
  });

  it('logs a dead receiver and keeps trying; two senders never send one delivery twice; another process picks up', async () => {
    const dead = await call('POST', '/v1/webhook_endpoints', key, { url: 'http://127.0.0.1:9/nobody-listens', events: ['trade.closed'] });
    const trade = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'hook-2', subject: 'Cake', amount: '3.00', currency: 'CNY' })).body.id;
    await call('POST', `/v1/trades/${trade}/close`, key);
    // Two senders (as two server processes would run) at once: each due delivery is attempted once.
    const second = new WebhookService(fixture.platform, fixture.clock, new TimeOrderedIds(fixture.clock), (text) => signRsa2(text, fixture.app.services.gatewayKeys.privateKey));
    const before = received.length;
    const [first, other] = await Promise.all([runDue(), second.runDue()]);
    expect(first + other).toBe(3);
    expect(received.length - before).toBe(2);
    const log = await call('GET', `/v1/webhook_endpoints/${dead.body.id}/deliveries`, key);
    expect(log.body.data[0]).toMatchObject({ event_type: 'trade.closed', status: 'pending', attempts: 1 });
    expect(log.body.data[0].attempts_log[0]).toMatchObject({ status_code: null, error: expect.any(String) });
    // A new sender with nothing in memory finds the retries when they fall due.
    fixture.clock.advanceSeconds(121);
    expect(await second.runDue()).toBe(3);
    expect((await call('DELETE', `/v1/webhook_endpoints/${dead.body.id}`, key)).status).toBe(204);
    const disabled = await call('GET', `/v1/webhook_endpoints/${dead.body.id}/deliveries`, key);
    expect(disabled.body.data[0]).toMatchObject({ status: 'failed', next_attempt_at: null });
  });
  it('refuses endpoints on internal addresses in production (SSRF), and allows them in the sandbox', async () => {
    const merchantId = (await fixture.platform.db.selectFrom('webhook_endpoints').select('merchant_id').executeTakeFirstOrThrow()).merchant_id;
    const production = new WebhookService(fixture.platform, fixture.clock, new TimeOrderedIds(fixture.clock), (text) => signRsa2(text, fixture.app.services.gatewayKeys.privateKey), false);
    for (const url of [receiverUrl, 'http://169.254.169.254/latest/meta-data', 'http://localhost:9/x']) expect(await production.createEndpoint(merchantId, url, ['*'])).toEqual({ ok: false, code: 'webhook_url_invalid' });
    expect((await fixture.app.services.webhooks.createEndpoint(merchantId, receiverUrl, ['trade.finished'])).ok).toBe(true);
  });

  it('delivers an event that committed after a later one (several processes on PostgreSQL)', async () => {
    const trade = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'hook-late', subject: 'Late', amount: '2.00', currency: 'CNY' })).body.id;
    await runDue();
    const handled = await fixture.platform.db.selectFrom('events').select(['id', 'merchant_id', 'payload']).where('object_id', '=', trade).executeTakeFirstOrThrow();
    // An event with an id before one already handled, as another process's slow commit makes it.
    const lateId = `evt_${(BigInt(`0x${handled.id.slice(4)}`) - 1n).toString(16).padStart(32, '0')}`;
    await fixture.platform.db.insertInto('events').values({ id: lateId, merchant_id: handled.merchant_id, type: 'trade.closed', object_id: trade, payload: handled.payload, fanned_out: 0, created_at: fixture.clock.now().getTime() }).execute();
    const before = received.length;
    await runDue();
    expect(received.slice(before).map((event) => event.eventId)).toContain(lateId);
  });
});
