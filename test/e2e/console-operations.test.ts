// The operator console's operations pages: the background jobs with their runs and leases, and
// every merchant's webhook deliveries; a delivery the merchant's server refused is sent again from
// the console once the server is back, and is delivered; then one of the merchant's gateway apps is
// disabled, and the merchant is frozen and unfrozen.

import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/demo-world.js';
import { useJourney } from './support/journey.js';

describe('the console operations pages', () => {
  const journey = useJourney('console-operations');
  // The console's bars are sticky: a full-page shot is taken from the top, so they sit there.
  const shot = async (page: Page, name: string) => {
    await page.evaluate('window.scrollTo(0, 0)');
    return journey().shot(page, name);
  };
  // The merchant's server: down (503) until the test says it is back.
  let answer = 503;
  let received = 0;
  const receiver: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(answer).end(answer === 200 ? 'ok' : 'down');
    });
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('shows the jobs, sends a refused webhook again once the receiver is back, freezes a merchant, and shows what was done in the operators\' log', async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { demo, api } = journey();
    const key = demo.merchant.secretKey;
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zhifu-events`;
    expect((await api('POST', '/v1/webhook_endpoints', { token: key, body: { url, events: ['trade.created'] } })).status).toBe(201);
    expect((await api('POST', '/v1/trades', { token: key, body: { kind: 'direct', out_trade_no: 'hooked-1', subject: 'Oolong sampler', amount: '36.00', currency: 'CNY' } })).status).toBe(201);
    await expect.poll(() => received, { timeout: 15_000 }).toBeGreaterThan(0);

    const page = await journey().actor({ viewport: { width: 1280, height: 800 } });
    await page.goto('/console/jobs');
    await page.getByLabel('Email').fill(demo.operator.email);
    await page.getByLabel('Password').fill(demo.operator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Background jobs');
    const deliverJob = page.getByRole('row').filter({ hasText: 'webhooks.deliver' });
    await expect.poll(() => deliverJob.textContent()).toContain('Sends webhooks and gateway notifications that are due.');
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'trades.due' }).count()).toBe(1);
    await shot(page, 'jobs');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Webhook deliveries' }).click();
    await page.getByLabel('Status').selectOption('pending');
    const row = page.getByRole('row').filter({ hasText: 'trade.created' });
    await expect.poll(() => row.textContent()).toContain('HTTP 503');
    await expect.poll(() => row.textContent()).toContain(url);
    await shot(page, 'deliveries-refused');

    answer = 200;
    await page.getByLabel('Status').selectOption('');
    await row.getByRole('button', { name: /^Send delivery whd_/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'will be sent again now' }).count()).toBe(1);
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return row.textContent();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toContain('Delivered');
    await expect.poll(() => row.textContent()).toContain('HTTP 200');
    await shot(page, 'deliveries-delivered');

    // Freezing the merchant from the console stops its API key at once; unfreezing lets it work again.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Merchants' }).click();
    await page.getByRole('link', { name: 'Demo Tea House' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Members' }).textContent()).toContain('Owner');

    // The merchant registers a gateway app; the console shows it, and disables it after a confirmation.
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const owner = (await api<{ token: string }>('POST', '/v1/sessions', { body: { identifier: demo.merchant.owner, password: demoPassword } })).body.token;
    const app = await api<{ app_id: string }>('POST', `/v1/merchants/${demo.merchant.id}/apps`, { token: owner, body: { name: 'Counter till', public_key: publicKey } });
    expect(app.status).toBe(201);
    await page.reload();
    const appRow = page.getByRole('table', { name: 'Gateway apps' }).getByRole('row').filter({ hasText: 'Counter till' });
    await expect.poll(() => appRow.textContent()).toContain(app.body.app_id);
    await expect.poll(() => appRow.textContent()).toContain('Active');
    await appRow.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('dialog', { name: 'Disable Counter till?' }).getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'App Counter till is disabled.' }).count()).toBe(1);
    await expect.poll(() => appRow.textContent()).toContain('Disabled');
    expect(await appRow.getByRole('button', { name: 'Disable' }).count()).toBe(0);
    await shot(page, 'merchant-app-disabled');
    expect((await api<{ status: string }>('GET', `/v1/merchants/${demo.merchant.id}/apps/${app.body.app_id}`, { token: owner })).body.status).toBe('disabled');

    await page.getByRole('button', { name: 'Freeze merchant' }).click();
    await page.getByRole('dialog', { name: 'Freeze Demo Tea House?' }).getByRole('button', { name: 'Freeze merchant' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The merchant is frozen.' }).count()).toBe(1);
    await shot(page, 'merchant-frozen');
    const refused = await api<{ error: { code: string } }>('GET', '/v1/trades', { token: key });
    expect(refused.body.error.code).toBe('merchant_frozen');
    await page.getByRole('button', { name: 'Unfreeze merchant' }).click();
    await page.getByRole('dialog', { name: 'Unfreeze Demo Tea House?' }).getByRole('button', { name: 'Unfreeze merchant' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The merchant is active again.' }).count()).toBe(1);
    expect((await api('GET', '/v1/trades', { token: key })).status).toBe(200);

    // The admin reads what was done to the merchant in the operators' log, newest first.
    await page.getByRole('link', { name: 'Operator actions on this account' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Operator actions');
    await expect.poll(() => page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')))).toEqual(['merchant.unfreeze', 'merchant.freeze', 'app.disable']);
    expect(await page.locator('tbody tr').first().textContent()).toContain(`${demo.operator.email}Unfroze a merchant${demo.merchant.id}`);
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')))).toEqual(['merchant.unfreeze', 'merchant.freeze', 'app.disable', 'webhook_delivery.replay']);
    await shot(page, 'operator-actions');
  });
});
