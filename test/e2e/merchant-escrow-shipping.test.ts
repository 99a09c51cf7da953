// An escrow trade through the dashboard: the merchant's server creates it for the demo consumer and
// the consumer pays it (both by API); the owner finds it in the dashboard's trade list, ships it
// with carrier and tracking number and gives the buyer more time; the buyer confirms receipt (by
// API); the trade's page then shows the money released and every step on its timeline, in English
// and in Chinese.

import { describe, expect, it } from 'vitest';
import type { Trade } from '../../web/src/api/types.js';
import { useJourney } from './support/journey.js';
import { amountOn, asMerchant, demoPin, ownerSignsIn, sessionOf, shotFromTop } from './support/merchant.js';

describe('an escrow trade shipped in the merchant dashboard', () => {
  const journey = useJourney('merchant-escrow-shipping');

  it('is found, shipped, extended, confirmed by the buyer, and its timeline tells every step', async () => {
    const created = await asMerchant<Trade>(journey(), 'POST', '/v1/trades', {
      kind: 'escrow',
      out_trade_no: 'order-2026-0042',
      subject: 'Yixing teapot set',
      amount: '268.00',
      currency: 'CNY',
      buyer: '+8613800000001',
      items: [
        { name: 'Yixing teapot', amount: '198.00' },
        { name: 'Four tea cups', amount: '70.00' },
      ],
    });
    const buyer = await sessionOf(journey(), '+8613800000001');
    const paid = await journey().api<Trade>('POST', `/v1/orders/${created.id}/pay`, { token: buyer, body: { pin: demoPin } });
    expect(paid.body.status).toBe('WAIT_SELLER_SEND_GOODS');

    const owner = await ownerSignsIn(journey());
    await owner.getByRole('link', { name: 'Trades', exact: true }).click();
    await owner.getByLabel('Status').selectOption('WAIT_SELLER_SEND_GOODS');
    await owner.getByLabel('Search', { exact: true }).fill('teapot');
    await owner.getByRole('button', { name: 'Search' }).click();
    await owner.waitForURL((url) => url.searchParams.get('q') === 'teapot' && url.searchParams.get('status') === 'WAIT_SELLER_SEND_GOODS');
    const row = owner.locator(`tr[data-trade="${created.id}"]`);
    await expect.poll(() => row.textContent()).toContain('Paid, waiting for shipment');
    // The list settles on the filtered answer (the search reloads it after the status filter).
    await expect.poll(() => owner.locator('tbody tr[data-trade]').count()).toBe(1);
    await shotFromTop(journey(), owner, 'trades-filtered');

    await row.getByRole('link', { name: 'Yixing teapot set' }).click();
    await expect.poll(() => amountOn(owner, 'held')).toBe('¥268.00');
    expect(await owner.getByRole('table').filter({ hasText: 'Four tea cups' }).textContent()).toContain('¥70.00');
    await owner.getByLabel('Carrier').fill('SF Express');
    await owner.getByLabel('Tracking number').fill('SF1402338861');
    await shotFromTop(journey(), owner, 'ship-form');
    await owner.getByRole('button', { name: 'Mark as shipped' }).click();
    await expect.poll(() => owner.getByTestId('trade-notice').textContent()).toBe('Shipped with SF Express, tracking number SF1402338861.');
    await expect.poll(() => owner.getByTestId('shipping').textContent()).toMatch(/^SF Express, tracking number SF1402338861, shipped /);
    expect(await owner.getByRole('heading', { level: 1 }).textContent()).toContain('Shipped, waiting for confirmation');

    await owner.getByLabel('Extend confirmation by').selectOption('5');
    await owner.getByRole('button', { name: 'Extend', exact: true }).click();
    await expect.poll(() => owner.getByTestId('trade-notice').textContent()).toBe('The buyer has 5 more days to confirm receipt.');
    const extended = await asMerchant<Trade>(journey(), 'GET', `/v1/trades/${created.id}`);
    expect(Date.parse(extended.confirm_deadline!) - Date.parse(extended.shipping!.shipped_at)).toBe(15 * 24 * 60 * 60 * 1000);
    await shotFromTop(journey(), owner, 'shipped');

    // The buyer confirms receipt; the dashboard shows the money released and the whole story.
    const confirmed = await journey().api<Trade>('POST', `/v1/orders/${created.id}/confirm`, { token: buyer, body: { pin: demoPin } });
    expect(confirmed.body.status).toBe('TRADE_FINISHED');
    await owner.reload();
    await expect.poll(() => amountOn(owner, 'released')).toBe('¥268.00');
    expect(await amountOn(owner, 'held')).toBe('¥0.00');
    expect(await amountOn(owner, 'fee')).toBe('¥1.61');
    expect(await amountOn(owner, 'net')).toBe('¥266.39');
    const steps = await owner.getByTestId('timeline').locator('li').evaluateAll((items) => items.map((item) => [item.getAttribute('data-event'), item.querySelector('.m-timeline-what')?.textContent]));
    expect(steps).toEqual([
      ['created', 'Trade created for ¥268.00'],
      ['paid', 'The buyer paid ¥268.00'],
      ['shipped', 'Shipped with SF Express, tracking number SF1402338861'],
      ['extended', 'Confirmation deadline extended by 5 days'],
      ['confirmed', 'The buyer confirmed receipt: ¥268.00 released to you (fee ¥1.61)'],
    ]);
    // Who acted for the merchant: the server's API key made the trade, the owner shipped and extended it.
    const actedBy = await owner.getByTestId('timeline').locator('li').evaluateAll((items) => items.map((item) => item.querySelector('[data-testid="acted-by"]')?.textContent ?? null));
    expect(actedBy).toEqual([` · API key ${journey().demo.merchant.secretKey.slice(0, 10)}…`, null, ' · you', ' · you', null]);
    expect(await owner.getByRole('heading', { level: 1 }).textContent()).toContain('Finished');
    await expect.poll(() => owner.getByTestId('merchant-balance').textContent()).toBe('¥266.39');
    await shotFromTop(journey(), owner, 'confirmed-timeline');

    await owner.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => owner.getByTestId('timeline').locator('[data-event="confirmed"] .m-timeline-what').textContent()).toBe('买家确认收货：¥268.00 转入您的余额（手续费 ¥1.61）');
    expect(await owner.getByTestId('timeline').locator('[data-event="shipped"] .m-timeline-what').textContent()).toBe('已发货：SF Express，运单号 SF1402338861');
    await shotFromTop(journey(), owner, 'confirmed-timeline-zh');

    const final = await asMerchant<Trade>(journey(), 'GET', `/v1/trades/${created.id}`);
    expect({ status: final.status, held: final.held_amount, released: final.released_amount, fee: final.fee_amount }).toEqual({ status: 'TRADE_FINISHED', held: '0.00', released: '268.00', fee: '1.61' });
  });
});
