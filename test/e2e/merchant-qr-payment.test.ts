// The merchant owner takes a payment by QR code in the dashboard: signs in at /merchant, creates a
// QR payment, a consumer opens its link on their phone and pays it with the PIN, the dashboard
// sees it paid without a reload, and the owner refunds part of it; the trade then shows the refund
// and what is left, in the page and in the API.

import { describe, expect, it } from 'vitest';
import type { Trade } from '../../web/src/api/types.js';
import { useJourney } from './support/journey.js';
import { amountOn, asMerchant, demoPassword, demoPin, ownerSignsIn, sessionOf, shotFromTop } from './support/merchant.js';

describe('a QR payment in the merchant dashboard', () => {
  const journey = useJourney('merchant-qr-payment');

  it('is created, paid by a consumer, seen paid and partly refunded', async () => {
    const owner = await ownerSignsIn(journey(), 'sign-in');
    await shotFromTop(journey(), owner, 'overview');

    await owner.getByRole('link', { name: 'New QR payment' }).first().click();
    await owner.getByLabel('What is it for').fill('Longjing tea, 250 g');
    await owner.getByLabel('Amount (CNY)').fill('88.00');
    await owner.getByRole('button', { name: 'Create QR code' }).click();
    const link = owner.getByTestId('pay-link');
    await expect.poll(() => link.getAttribute('href')).toMatch(/\/pay\/trd_/);
    const payUrl = (await link.getAttribute('href'))!;
    const tradeId = payUrl.split('/pay/')[1]!;
    expect(await owner.getByRole('img', { name: 'QR code to pay for Longjing tea, 250 g' }).getAttribute('data-qr-value')).toBe(payUrl);
    await expect.poll(() => owner.getByTestId('qr-status').textContent()).toContain('Waiting for the buyer to pay');
    await shotFromTop(journey(), owner, 'qr-code');

    // The consumer opens the link on their phone, signs in and pays with the PIN.
    const consumer = await journey().actor();
    await consumer.goto(new URL(payUrl).pathname);
    await consumer.waitForURL((url) => url.pathname === '/signin');
    await consumer.getByLabel('Phone or email').fill('+8613800000001');
    await consumer.getByLabel('Password').fill(demoPassword);
    await consumer.getByRole('button', { name: 'Sign in' }).click();
    await consumer.waitForURL((url) => url.pathname === `/pay/${tradeId}`);
    await expect.poll(() => consumer.getByTestId('amount').textContent()).toBe('¥88.00');
    await consumer.getByLabel('Payment PIN').fill(demoPin);
    await shotFromTop(journey(), consumer, 'consumer-pays');
    await consumer.getByRole('button', { name: /^Pay/ }).click();
    await consumer.getByText('Succeeded', { exact: false }).or(consumer.getByText('Paid', { exact: true })).first().waitFor();
    await shotFromTop(journey(), consumer, 'consumer-paid');

    // The dashboard, still open, sees the payment without a reload.
    await expect.poll(() => owner.getByTestId('qr-status').textContent(), { timeout: 10_000 }).toContain('Paid at');
    await expect.poll(() => owner.getByTestId('merchant-balance').textContent()).toBe('¥87.47');
    await shotFromTop(journey(), owner, 'qr-paid');

    // The owner refunds part of it from the trade's page.
    await owner.getByRole('link', { name: 'Open the trade' }).click();
    await expect.poll(() => amountOn(owner, 'released')).toBe('¥88.00');
    await expect.poll(() => amountOn(owner, 'fee')).toBe('¥0.53');
    await owner.getByLabel('Part of it').check();
    await owner.getByLabel('Refund amount (CNY)').fill('20.00');
    await owner.getByLabel('Reason').fill('One tin arrived dented');
    await owner.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect.poll(() => owner.getByTestId('trade-notice').textContent()).toMatch(/^Refunded ¥20\.00 \(refund number rf-/);
    await expect.poll(() => amountOn(owner, 'refunded')).toBe('¥20.00');
    expect(await amountOn(owner, 'released')).toBe('¥68.00');
    expect(await amountOn(owner, 'fee')).toBe('¥0.41');
    expect(await owner.getByTestId('refunds').textContent()).toContain('One tin arrived dented');
    await expect.poll(() => owner.getByTestId('timeline').locator('[data-event="refunded"]').textContent()).toMatch(/^Refunded ¥20\.00/);
    expect(await owner.getByTestId('timeline').locator('[data-event="paid"]').textContent()).toContain('The buyer paid ¥88.00 (fee ¥0.53)');
    await expect.poll(() => owner.getByTestId('merchant-balance').textContent()).toBe('¥67.59');
    await shotFromTop(journey(), owner, 'partly-refunded');

    // The API agrees: ¥20.00 back to the buyer, ¥68.00 left with the merchant, the fee's share returned.
    const trade = await asMerchant<Trade>(journey(), 'GET', `/v1/trades/${tradeId}`);
    expect({ status: trade.status, kind: trade.kind, refunded: trade.refunded_amount, released: trade.released_amount, fee: trade.fee_amount }).toEqual({ status: 'TRADE_SUCCESS', kind: 'direct', refunded: '20.00', released: '68.00', fee: '0.41' });
    const buyer = await journey().api<{ balance: { available: string } }>('GET', '/v1/me', { token: await sessionOf(journey(), '+8613800000001') });
    expect(buyer.body.balance.available).toBe('932.00');
  });
});
