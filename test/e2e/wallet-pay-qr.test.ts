// Journey: a merchant's till precreates a trade for any payer (a QR code); a consumer opens the
// wallet's scanner, reads a photo of the code, sees the shop and the amount, pays with the PIN
// and sees the result; the merchant then finds the trade paid. And a person's receive code,
// opened as a link, leads to the transfer's confirmation for that person.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { useJourney } from './support/journey.js';
import { demoPassword, demoPin, liWei, signIn, wangFang } from './support/wallet.js';

describe('paying a merchant QR code', () => {
  const journey = useJourney('wallet-pay-qr');
  const folder = mkdtempSync(join(tmpdir(), 'zhifu-qr-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reads a photo of the QR code, shows the shop and amount, pays with the PIN', async () => {
    const { shot, api, base, demo } = journey();
    const created = await api<{ id: string; status: string }>('POST', '/v1/trades', {
      token: demo.merchant.secretKey,
      body: { kind: 'direct', out_trade_no: `till-${Date.now()}`, subject: 'Oolong tea, 2 cups', amount: '36.50', currency: 'CNY' },
    });
    expect(created.status).toBe(201);
    const trade = created.body.id;
    const photo = join(folder, 'till-qr.png');
    writeFileSync(photo, await QRCode.toBuffer(`${base}/pay/${trade}`, { margin: 4, width: 480 }));

    const page = await journey().actor();
    // Opening the scanner signed out asks to sign in first, then comes back to it.
    await signIn(page, liWei, '/pay');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/pay');
    await shot(page, 'scanner');
    await page.getByLabel('Choose a photo').setInputFiles(photo);
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/pay/${trade}`);
    await expect.poll(() => page.getByTestId('merchant').textContent()).toBe(demo.merchant.name);
    expect(await page.getByTestId('amount').textContent()).toBe('¥36.50');
    expect(await page.getByText('Oolong tea, 2 cups').isVisible()).toBe(true);
    await page.getByLabel('Payment PIN').fill(demoPin);
    await shot(page, 'pay-trade');
    await page.getByRole('button', { name: 'Pay ¥36.50' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`You paid ¥36.50 to ${demo.merchant.name}`);
    expect(await page.getByText('Balance now: ¥963.50').isVisible()).toBe(true);
    await shot(page, 'pay-trade-done');

    const paid = await api<{ status: string; buyer: string }>('GET', `/v1/trades/${trade}`, { token: demo.merchant.secretKey });
    expect(paid.body.status).toBe('TRADE_SUCCESS');

    // The order is in the buyer's orders, paid.
    await page.getByRole('link', { name: 'See the order' }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Paid');
    await shot(page, 'order-paid');
  });

  it('opens a person’s receive link on the transfer confirmation for them', async () => {
    const { shot, api } = journey();
    const session = await api<{ token: string }>('POST', '/v1/sessions', { body: { identifier: wangFang, password: demoPassword } });
    const code = await api<{ url: string }>('GET', '/v1/me/receive_code', { token: session.body.token });
    const page = await journey().actor();
    await signIn(page, liWei);
    await page.goto(new URL(code.body.url).pathname + new URL(code.body.url).search);
    await expect.poll(() => page.getByTestId('payee').textContent()).toBe('w***@example.com');
    expect(new URL(page.url()).pathname).toBe('/transfer');
    await page.getByLabel('Amount (CNY)').fill('12');
    await page.getByLabel('Payment PIN').fill(demoPin);
    await shot(page, 'receive-link-confirm');
    await page.getByRole('button', { name: 'Pay ¥12.00' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('You sent ¥12.00 to w***@example.com');
    await shot(page, 'receive-link-done');
  });
});
