// Journey: an escrow order. The merchant makes a trade for Li Wei with two items; she finds it in
// her orders and pays it (the money is held); the merchant ships; she confirms receipt with her
// PIN and the held money goes to the shop. The order's timeline tells the story in words.

import { describe, expect, it } from 'vitest';
import { useJourney } from './support/journey.js';
import { demoPassword, demoPin, liWei, signIn } from './support/wallet.js';

describe('an escrow order, paid and confirmed by the buyer', () => {
  const journey = useJourney('wallet-escrow');

  it('pays the order, waits for the goods, confirms receipt; the timeline shows each step', async () => {
    const { shot, api, demo } = journey();
    const key = demo.merchant.secretKey;
    const session = await api<{ user: { id: string } }>('POST', '/v1/sessions', { body: { identifier: liWei, password: demoPassword } });
    const buyer = session.body.user.id;
    const created = await api<{ id: string }>('POST', '/v1/trades', {
      token: key,
      body: {
        kind: 'escrow',
        out_trade_no: `escrow-${Date.now()}`,
        subject: 'Celadon tea set',
        amount: '268.00',
        currency: 'CNY',
        buyer,
        items: [
          { name: 'Celadon teapot', amount: '188.00' },
          { name: 'Four cups', amount: '80.00' },
        ],
      },
    });
    expect(created.status).toBe(201);
    const trade = created.body.id;

    const page = await journey().actor();
    await signIn(page, liWei);
    await page.getByRole('link', { name: 'Orders', exact: true }).first().click();
    const row = page.getByRole('link', { name: /Celadon tea set/ });
    await expect.poll(() => row.textContent()).toContain('Waiting for payment');
    await shot(page, 'orders-unpaid');
    await row.click();
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Waiting for payment');
    await page.getByRole('link', { name: 'Pay now' }).click();
    await expect.poll(() => page.getByTestId('amount').textContent()).toBe('¥268.00');
    expect(await page.getByText('Escrow: Zhifu holds your money').isVisible()).toBe(true);
    await page.getByLabel('Payment PIN').fill(demoPin);
    await shot(page, 'pay-escrow');
    await page.getByRole('button', { name: 'Pay ¥268.00' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`You paid ¥268.00 to ${demo.merchant.name}`);
    expect(await page.getByText('The money is held until you confirm receipt').isVisible()).toBe(true);
    await shot(page, 'pay-escrow-done');

    // The shop ships; the buyer, back on the order, confirms receipt of both items.
    expect((await api('POST', `/v1/trades/${trade}/ship`, { token: key, body: { carrier: 'SF Express', tracking_number: 'SF1234567890' } })).status).toBe(200);
    await page.getByRole('link', { name: 'See the order' }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Shipped, waiting for confirmation');
    expect(await page.getByText('SF1234567890', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Celadon teapot/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Four cups/ }).isChecked()).toBe(true);
    await page.getByLabel('Payment PIN').fill(demoPin);
    await shot(page, 'order-shipped');
    await page.getByRole('button', { name: 'Confirm receipt' }).click();
    await expect.poll(() => page.getByText('Receipt confirmed: the seller has been paid.').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Finished');
    const timeline = page.getByTestId('timeline');
    await expect.poll(() => timeline.getByRole('listitem').count()).toBe(4);
    const steps = await timeline.getByRole('listitem').allTextContents();
    expect(steps[0]).toContain('Order created for ¥268.00');
    expect(steps[1]).toContain('You paid ¥268.00; Zhifu holds it');
    expect(steps[2]).toContain('Shipped with SF Express, tracking number SF1234567890');
    expect(steps[3]).toContain('You confirmed receipt: ¥268.00 paid to the seller');
    await shot(page, 'order-timeline');

    const finished = await api<{ status: string; released_amount: string }>('GET', `/v1/trades/${trade}`, { token: key });
    expect(finished.body).toMatchObject({ status: 'TRADE_FINISHED', released_amount: '268.00' });
    await page.getByRole('link', { name: 'Home' }).click();
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('¥732.00');
  });
});
