// Webhooks from the dashboard: the owner adds an endpoint (a tiny HTTP server this test starts on
// 127.0.0.1, which the sandbox allows) for the trade events, sees its signing secret once, and
// after a trade event finds the delivery in the endpoint's log: refused the first time (the server
// answers 500), sent again from the log and delivered, with both attempts listed. Then the
// endpoint is disabled.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trade } from '../../web/src/api/types.js';
import { useJourney } from './support/journey.js';
import { asMerchant, ownerSignsIn, shotFromTop } from './support/merchant.js';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

describe('a webhook endpoint in the merchant dashboard', () => {
  const journey = useJourney('merchant-webhooks');
  const received: Received[] = [];
  let receiver: Server;
  let url = '';

  beforeAll(async () => {
    // The first delivery is refused, the later ones acknowledged.
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(received.length === 1 ? 500 : 200, { 'content-type': 'text/plain' }).end(received.length === 1 ? 'not yet' : 'ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zhifu/webhooks`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('is added, logs a delivery with its attempts, replays it and is disabled', async () => {
    const owner = await ownerSignsIn(journey());
    await owner.getByRole('link', { name: 'Webhooks' }).click();
    await expect.poll(() => owner.getByText('No endpoints yet.').count()).toBe(1);
    await owner.getByLabel('URL').fill(url);
    await owner.getByLabel('All events', { exact: true }).uncheck();
    await owner.getByLabel('trade.created').check();
    await owner.getByLabel('trade.paid').check();
    await shotFromTop(journey(), owner, 'new-endpoint');
    await owner.getByRole('button', { name: 'Add endpoint' }).click();
    await expect.poll(() => owner.getByTestId('secret').textContent()).toMatch(/^whsec_/);
    const row = owner.getByTestId('endpoints').locator('tbody tr');
    await expect.poll(() => row.textContent()).toContain('trade.created, trade.paid');
    expect(await row.textContent()).toContain('Enabled');
    await shotFromTop(journey(), owner, 'secret-once');
    await owner.getByRole('button', { name: 'I have saved it' }).click();
    expect(await owner.getByTestId('secret').count()).toBe(0);

    // A trade event: the merchant's server creates a trade.
    const trade = await asMerchant<Trade>(journey(), 'POST', '/v1/trades', { kind: 'direct', out_trade_no: 'hook-1', subject: 'Oolong sampler', amount: '45.00', currency: 'CNY' });
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
    const first = JSON.parse(received[0]!.body) as { type: string; data: { object: { id: string } } };
    expect(first.type).toBe('trade.created');
    expect(first.data.object.id).toBe(trade.id);
    expect(received[0]!.headers['zhifu-signature']).toMatch(/t=\d+/);

    await row.getByRole('link', { name: `Delivery log of ${url}` }).click();
    const delivery = owner.getByTestId('deliveries').locator('tbody tr[data-delivery]');
    await expect.poll(() => delivery.textContent(), { timeout: 10_000 }).toContain('HTTP 500');
    expect(await delivery.textContent()).toContain('trade.created');
    expect(await delivery.textContent()).toContain('Retrying');
    await shotFromTop(journey(), owner, 'delivery-refused');

    await delivery.getByRole('button', { name: 'Send again' }).click();
    await expect.poll(() => delivery.textContent(), { timeout: 10_000 }).toContain('Delivered');
    expect(await delivery.textContent()).toContain('HTTP 200');
    expect(received).toHaveLength(2);
    await delivery.getByRole('button', { name: 'Attempts' }).click();
    const attempts = owner.getByRole('table', { name: 'Attempts to deliver trade.created' }).locator('tbody tr');
    expect(await attempts.count()).toBe(2);
    expect(await attempts.nth(0).textContent()).toContain('HTTP 500');
    expect(await attempts.nth(1).textContent()).toContain('HTTP 200');
    await shotFromTop(journey(), owner, 'delivery-replayed');

    await owner.getByRole('link', { name: 'All endpoints' }).click();
    await owner.getByRole('button', { name: 'Disable' }).click();
    await owner.getByRole('button', { name: 'Yes, disable' }).click();
    await expect.poll(() => row.textContent()).toContain('Disabled');
    expect(await row.getByRole('button', { name: 'Disable' }).count()).toBe(0);
    await shotFromTop(journey(), owner, 'endpoint-disabled');
  });
});
