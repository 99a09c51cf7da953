// The dashboard's overview with two weeks of business behind it: trades made on a sandbox test
// clock that starts thirteen days ago (so that each is paid on its own business day), a few today,
// a refund. The chart's bars, its summary and its table say what GET /v1/reports/daily says; the
// page is saved in English and Chinese (the English one is the README's picture).

import { describe, expect, it } from 'vitest';
import type { Trade } from '../../web/src/api/types.js';
import type { DailyReport } from '../../web/src/merchant/types.js';
import { useJourney, type Journey } from './support/journey.js';
import { asMerchant, demoPin, ownerSignsIn, sessionOf, shotFromTop } from './support/merchant.js';

const dayMilliseconds = 24 * 60 * 60 * 1000;
const prices = ['38.00', '68.00', '128.00', '18.50', '256.00', '88.00', '45.00', '199.00', '76.80', '12.00'];
const tradesPerDay = [3, 5, 2, 6, 4, 7, 5, 3, 8, 6, 4, 9, 7, 5];
const subjects = ['Longjing tea, 250 g', 'Pu’er cake', 'Jasmine pearls', 'Oolong sampler', 'Yixing teapot', 'Gaiwan set', 'Tea towel'];

/** A consumer with a verified identity and enough money for two weeks of tea. */
async function richBuyer(journey: Journey): Promise<string> {
  const token = await sessionOf(journey, '+8613800000001');
  expect((await journey.api('POST', '/v1/me/verification', { token, body: { name: 'Li Wei', id_number: '11010519491231002X' } })).status).toBe(200);
  const cards = await journey.api<{ data: { id: string }[] }>('GET', '/v1/cards', { token });
  expect((await journey.api('POST', '/v1/topups', { token, body: { card: cards.body.data[0]!.id, amount: '20000.00', currency: 'CNY' } })).status).toBe(201);
  return token;
}

async function sell(journey: Journey, buyer: string, number: number, clock?: string): Promise<Trade> {
  const trade = await asMerchant<Trade>(journey, 'POST', '/v1/trades', { kind: 'direct', out_trade_no: `shop-${number}`, subject: subjects[number % subjects.length], amount: prices[number % prices.length], currency: 'CNY', ...(clock === undefined ? {} : { test_clock: clock }) });
  const paid = await journey.api<Trade>('POST', `/v1/orders/${trade.id}/pay`, { token: buyer, body: { pin: demoPin } });
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  return paid.body;
}

describe('the merchant overview', () => {
  const journey = useJourney('merchant-overview');

  it('draws the last days as bars that agree with the daily report', async () => {
    const buyer = await richBuyer(journey());
    const clock = await asMerchant<{ id: string }>(journey(), 'POST', '/v1/test_clocks', { name: 'Two weeks of tea', frozen_time: new Date(Date.now() - 13 * dayMilliseconds - 3 * 60 * 60 * 1000).toISOString() });
    let number = 0;
    for (const [day, count] of tradesPerDay.entries()) {
      for (let index = 0; index < count; index += 1) await sell(journey(), buyer, (number += 1), clock.id);
      if (day < tradesPerDay.length - 1) await asMerchant(journey(), 'POST', `/v1/test_clocks/${clock.id}/advance`, { days: 1 });
    }
    // Today's trades, in real time, and a refund of one of them.
    const today: Trade[] = [];
    for (let index = 0; index < 5; index += 1) today.push(await sell(journey(), buyer, (number += 1)));
    await asMerchant(journey(), 'POST', `/v1/trades/${today[0]!.id}/refunds`, { amount: '10.00', currency: 'CNY', out_request_no: 'sorry-1', reason: 'Late delivery' });

    const owner = await ownerSignsIn(journey());
    const report = await asMerchant<DailyReport>(journey(), 'GET', '/v1/reports/daily?days=14');
    const busyDays = report.data.filter((day) => day.volume !== '0.00');
    expect(busyDays.length).toBeGreaterThanOrEqual(12);
    const bars = owner.getByTestId('chart-volume').locator('rect.m-chart-bar');
    await expect.poll(() => bars.count()).toBe(busyDays.length);
    expect(await bars.evaluateAll((rects) => rects.map((rect) => [rect.getAttribute('data-date'), rect.getAttribute('data-amount')]))).toEqual(busyDays.map((day) => [day.date, day.volume]));
    expect(await owner.getByTestId('chart-fees').locator('rect.m-chart-bar').count()).toBe(report.data.filter((day) => day.fees !== '0.00').length);
    // The taller of two bars is the larger amount.
    const heights = await bars.evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('height'))));
    const fen = (amount: string) => BigInt(amount.replace('.', ''));
    const largest = busyDays.reduce((best, day, index) => (fen(day.volume) > fen(busyDays[best]!.volume) ? index : best), 0);
    expect(Math.max(...heights)).toBe(heights[largest]);
    const last = report.data.at(-1)!;
    expect(await owner.getByTestId('today').textContent()).toContain(`${last.trades}`);
    expect(last.refunds).toBe('10.00');
    expect(await owner.getByRole('img', { name: /^Volume over the last 14 days: ¥[\d,]+\.\d\d in all; the highest day was/ }).count()).toBe(1);
    await shotFromTop(journey(), owner, 'overview-chart');

    await owner.getByText('Show the figures as a table').click();
    const rows = owner.locator('.m-chart-table tbody tr');
    expect(await rows.count()).toBe(14);
    expect(await rows.first().textContent()).toContain(`¥${last.refunds}`);
    await owner.getByRole('button', { name: '30 days' }).click();
    await expect.poll(() => rows.count()).toBe(30);
    await shotFromTop(journey(), owner, 'overview-30-days-table');

    await owner.getByRole('button', { name: '14 days' }).click();
    await owner.getByText('Show the figures as a table').click();
    await owner.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => owner.getByRole('heading', { level: 1 }).textContent()).toBe('概览');
    await shotFromTop(journey(), owner, 'overview-chart-zh');
    await owner.getByRole('button', { name: 'English' }).click();

    await owner.getByRole('link', { name: 'Trades', exact: true }).click();
    await expect.poll(() => owner.locator('tbody tr[data-trade]').count()).toBe(20);
    await owner.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => owner.locator('tbody tr[data-trade]').count()).toBe(40);
    await shotFromTop(journey(), owner, 'trades');
  });
});
