// Replaying webhook deliveries against the senders, over the API and real HTTP, on both stores: a
// replay while an attempt is being sent is refused and nothing is sent twice; a lease that ran
// out under a slow sender gives the next claim the next attempt number; a delivery waiting for its
// retry is replayed at once; a delivery to a disabled endpoint is neither replayed nor sent.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signRsa2, WebhookService } from '../../src/notify/index.js';
import { TimeOrderedIds } from '../../src/platform/ids.js';
import { apiCaller, createHttpFixture, storeKinds, type HttpFixture } from '../support/http-fixture.js';

interface Received {
  readonly eventId: string;
  readonly type: string;
}

/** Lets the test run on while `condition` is false, for at most about five seconds. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5_000) throw new Error('waited over 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(storeKinds)('webhook replay on %s', (kind) => {
  let fixture: HttpFixture;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  /** While true, the receiver holds its answers until `answerHeld` sends them. */
  let holding = false;
  let held: (() => void)[] = [];
  /** The status the receiver answers an event with (200 unless set). */
  const statusOf = new Map<string, number>();

  beforeAll(async () => {
    fixture = await createHttpFixture(kind);
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const event = JSON.parse(body) as { id: string; type: string };
        received.push({ eventId: event.id, type: event.type });
        const answer = () => void response.writeHead(statusOf.get(event.id) ?? 200).end('ok');
        if (holding) held.push(answer);
        else answer();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    holding = false;
    for (const answer of held) answer();
    await new Promise((resolve) => receiver.close(resolve));
    await fixture.close();
  });

  const call = apiCaller(() => fixture);
  const runDue = () => fixture.app.services.webhooks.runDue();
  /** Another sender on the same database, as another server process runs one. */
  const otherSender = () => new WebhookService(fixture.platform, fixture.clock, new TimeOrderedIds(fixture.clock), (text) => signRsa2(text, fixture.app.services.gatewayKeys.privateKey));
  const answerHeld = () => {
    holding = false;
    for (const answer of held) answer();
    held = [];
  };
  let key = '';

  // Each test starts with no enabled endpoint and no answer held, whatever the one before left.
  afterEach(async () => {
    answerHeld();
    if (key === '') return;
    for (const endpoint of (await call('GET', '/v1/webhook_endpoints', key)).body.data as { id: string; status: string }[]) {
      if (endpoint.status === 'enabled') expect((await call('DELETE', `/v1/webhook_endpoints/${endpoint.id}`, key)).status).toBe(204);
    }
  });

  /** A new endpoint for one event type, and a trade whose events it hears of. */
  async function endpointAndTrade(eventType: 'trade.created' | 'trade.closed', outTradeNo: string): Promise<{ endpoint: string; trade: string }> {
    const endpoint = (await call('POST', '/v1/webhook_endpoints', key, { url: receiverUrl, events: [eventType] })).body.id as string;
    const trade = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: outTradeNo, subject: 'Tea', amount: '1.00', currency: 'CNY' })).body.id as string;
    if (eventType === 'trade.closed') expect((await call('POST', `/v1/trades/${trade}/close`, key)).status).toBe(200);
    return { endpoint, trade };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers field by field
  const latestDelivery = async (endpoint: string): Promise<any> => (await call('GET', `/v1/webhook_endpoints/${endpoint}/deliveries`, key)).body.data[0];

  // A merchant with an API key, for every test.
  beforeAll(async () => {
    await call('POST', '/v1/users', undefined, { email: 'owner@replay.example', password: 'long enough' });
    const owner = (await call('POST', '/v1/sessions', undefined, { identifier: 'owner@replay.example', password: 'long enough' })).body.token as string;
    const merchant = (await call('POST', '/v1/merchants', owner, { name: 'Replay Shop' })).body.id as string;
    key = (await call('POST', `/v1/merchants/${merchant}/api_keys`, owner, {})).body.secret as string;
    expect(key).toMatch(/^sk_/);
  });

  it('refuses to replay a delivery while an attempt of it is being sent, and replays it once the attempt is logged', async () => {
    const { endpoint } = await endpointAndTrade('trade.created', 'replay-sending');
    holding = true;
    const before = received.length;
    const sending = runDue();
    await until(() => received.length === before + 1);
    const underWay = await latestDelivery(endpoint);

    const refused = await call('POST', `/v1/webhook_deliveries/${underWay.id}/replay`, key);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ type: 'invalid_request_error', code: 'webhook_delivery_sending', param: 'delivery' });
    // The log counts the attempt under way, and lists it when it ends.
    expect(await latestDelivery(endpoint)).toMatchObject({ status: 'pending', attempts: 1, attempts_log: [] });
    // Nothing is due: no sender, here or in another process, sends it a second time.
    expect(await otherSender().runDue()).toBe(0);
    expect(received).toHaveLength(before + 1);

    answerHeld();
    expect(await sending).toBe(1);
    const sent = await latestDelivery(endpoint);
    expect(sent).toMatchObject({ id: underWay.id, status: 'succeeded', attempts: 1, next_attempt_at: null });
    expect(sent.attempts_log.map((attempt: { attempt: number; status_code: number }) => [attempt.attempt, attempt.status_code])).toEqual([[1, 200]]);

    // Once the attempt is logged, the merchant may send it again: its attempts go on counting.
    const replayed = await call('POST', `/v1/webhook_deliveries/${underWay.id}/replay`, key);
    expect(replayed.status).toBe(202);
    expect(replayed.body).toEqual({ id: underWay.id, object: 'webhook_delivery', status: 'pending' });
    expect(await runDue()).toBe(1);
    expect(received).toHaveLength(before + 2);
    const again = await latestDelivery(endpoint);
    expect(again).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(again.attempts_log.map((attempt: { attempt: number }) => attempt.attempt)).toEqual([1, 2]);
  });

  it('gives the next attempt number to a sender that claims a delivery whose lease ran out under a slow sender', async () => {
    const { endpoint } = await endpointAndTrade('trade.created', 'replay-lease');
    holding = true;
    const before = received.length;
    const slow = runDue();
    await until(() => received.length === before + 1);
    // The lease (one minute) runs out while the first sender still waits for its answer.
    fixture.clock.advanceSeconds(61);
    const other = otherSender().runDue();
    await until(() => received.length === before + 2);
    answerHeld();
    // Both attempts are logged, under numbers of their own: neither sender fails.
    expect(await Promise.all([slow, other])).toEqual([1, 1]);
    const delivery = await latestDelivery(endpoint);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(delivery.attempts_log.map((attempt: { attempt: number; status_code: number }) => [attempt.attempt, attempt.status_code])).toEqual([
      [1, 200],
      [2, 200],
    ]);
  });

  it('replays at once a delivery that waits for its next retry', async () => {
    const { endpoint, trade } = await endpointAndTrade('trade.created', 'replay-retry');
    const event = await fixture.platform.db.selectFrom('events').select('id').where('object_id', '=', trade).where('type', '=', 'trade.created').executeTakeFirstOrThrow();
    // The first attempt fails: the delivery waits two minutes for the next, as it would under a lease.
    statusOf.set(event.id, 500);
    expect(await runDue()).toBe(1);
    const failing = await latestDelivery(endpoint);
    expect(failing).toMatchObject({ event: event.id, status: 'pending', attempts: 1 });
    expect(Date.parse(failing.next_attempt_at)).toBeGreaterThan(fixture.clock.now().getTime() + 60_000);
    expect(await runDue()).toBe(0);

    statusOf.set(event.id, 200);
    expect((await call('POST', `/v1/webhook_deliveries/${failing.id}/replay`, key)).status).toBe(202);
    expect(await runDue()).toBe(1);
    const delivered = await latestDelivery(endpoint);
    expect(delivered).toMatchObject({ id: failing.id, status: 'succeeded', attempts: 2, next_attempt_at: null });
    expect(delivered.attempts_log.map((attempt: { attempt: number; status_code: number }) => [attempt.attempt, attempt.status_code])).toEqual([
      [1, 500],
      [2, 200],
    ]);
  });

  it('refuses to replay a delivery to a disabled endpoint, changing nothing, and never sends to one', async () => {
    const { endpoint } = await endpointAndTrade('trade.closed', 'replay-disabled');
    const before = received.length;
    expect(await runDue()).toBe(1);
    expect(received.slice(before).map((event) => event.type)).toEqual(['trade.closed']);
    expect((await call('DELETE', `/v1/webhook_endpoints/${endpoint}`, key)).status).toBe(204);
    const delivery = await latestDelivery(endpoint);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, next_attempt_at: null });

    const refused = await call('POST', `/v1/webhook_deliveries/${delivery.id}/replay`, key);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ type: 'invalid_request_error', code: 'webhook_endpoint_disabled', param: 'delivery' });
    // An operator's replay is refused the same way.
    await fixture.app.services.operators.createOperator('support@replay.example', 'a long operator password', 'support');
    const support = (await call('POST', '/v1/operator/sessions', undefined, { email: 'support@replay.example', password: 'a long operator password' })).body.token as string;
    const refusedToOperator = await call('POST', `/v1/operator/webhook_deliveries/${delivery.id}/replay`, support);
    expect(refusedToOperator.status).toBe(409);
    expect(refusedToOperator.body.error).toMatchObject({ code: 'webhook_endpoint_disabled', param: 'delivery' });
    expect((await call('POST', '/v1/operator/webhook_deliveries/whd_missing/replay', support)).body.error).toMatchObject({ code: 'resource_missing', param: 'delivery' });
    expect(await latestDelivery(endpoint)).toEqual(delivery);
    expect(await runDue()).toBe(0);
    expect(received).toHaveLength(before + 1);

    // A delivery made due after its endpoint was disabled (a replay that raced the disabling) is
    // not sent either: the sender finds the endpoint disabled and fails the delivery.
    await fixture.platform.db.updateTable('webhook_deliveries').set({ status: 'pending', next_attempt_at: fixture.clock.now().getTime() }).where('id', '=', delivery.id).execute();
    expect(await runDue()).toBe(0);
    expect(received).toHaveLength(before + 1);
    expect(await latestDelivery(endpoint)).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null, attempts_log: delivery.attempts_log });
  });
});
