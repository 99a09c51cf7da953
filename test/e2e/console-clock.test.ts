// The operator console's test clocks: a merchant makes an escrow trade on a test clock by API, the
// buyer pays and the merchant ships; an admin signs in to the console, opens the clock, advances
// it 11 days and watches the trade confirm itself (TRADE_FINISHED), as the API says too.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useJourney } from './support/journey.js';

interface Trade {
  readonly id: string;
  readonly status: string;
  readonly released_amount: string;
  readonly fee_amount: string;
  readonly confirm_deadline: string | null;
}

describe('the console advances a test clock', () => {
  const journey = useJourney('console-clock');
  // The console's bars are sticky: a full-page shot is taken from the top, so they sit there.
  const shot = async (page: Page, name: string) => {
    await page.evaluate('window.scrollTo(0, 0)');
    return journey().shot(page, name);
  };

  it('auto-confirms a shipped trade when the admin advances its clock 11 days', async () => {
    const { demo, api } = journey();
    const key = demo.merchant.secretKey;
    const clock = await api<{ id: string; name: string }>('POST', '/v1/test_clocks', { token: key, body: { name: 'Auto-confirm demo', frozen_time: '2030-06-01T02:00:00.000Z' } });
    expect(clock.status).toBe(201);
    const buyer = await api<{ token: string; user: { id: string } }>('POST', '/v1/sessions', { body: { identifier: '+8613800000001', password: 'zhifu-demo' } });
    const created = await api<Trade>('POST', '/v1/trades', {
      token: key,
      body: { kind: 'escrow', out_trade_no: 'clock-tea-1', subject: 'Longjing tea, 250 g', amount: '88.00', currency: 'CNY', buyer: buyer.body.user.id, test_clock: clock.body.id },
    });
    expect(created.status).toBe(201);
    const trade = created.body.id;
    expect((await api<Trade>('POST', `/v1/orders/${trade}/pay`, { token: buyer.body.token, body: { pin: '123456' } })).body.status).toBe('WAIT_SELLER_SEND_GOODS');
    const shipped = await api<Trade>('POST', `/v1/trades/${trade}/ship`, { token: key, body: { carrier: 'SF Express', tracking_number: 'SF1234567890' } });
    expect(shipped.body).toMatchObject({ status: 'WAIT_BUYER_CONFIRM_GOODS', confirm_deadline: '2030-06-11T02:00:00.000Z' });

    const page = await journey().actor({ viewport: { width: 1280, height: 800 } });
    await page.goto('/console');
    await expect.poll(() => page.url()).toContain('/console/signin');
    await page.getByLabel('Email').fill(demo.operator.email);
    await page.getByLabel('Password').fill(demo.operator.password);
    await shot(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ledger');
    await expect.poll(() => page.locator('.console-who').textContent()).toContain('admin@zhifu.example');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Test clocks' }).click();
    await page.getByRole('link', { name: 'Auto-confirm demo' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Auto-confirm demo');
    const row = page.getByTestId(`trade-${trade}`);
    await expect.poll(() => row.textContent()).toContain('Shipped, waiting for confirmation');
    await shot(page, 'clock-before');

    await page.getByLabel('Days', { exact: true }).fill('11');
    await page.getByRole('button', { name: 'Advance clock' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The clock is now at' }).textContent()).toContain('Trades moved: 1.');
    await expect.poll(() => row.textContent()).toContain('Finished');
    await expect.poll(() => page.getByTestId('clock-time').textContent()).toContain('2030');
    await shot(page, 'clock-after');

    const finished = await api<Trade>('GET', `/v1/trades/${trade}`, { token: key });
    expect(finished.body).toMatchObject({ status: 'TRADE_FINISHED', released_amount: '88.00', fee_amount: '0.53' });
    const clockNow = await api<{ frozen_time: string }>('GET', `/v1/test_clocks/${clock.body.id}`, { token: key });
    expect(clockNow.body.frozen_time).toBe('2030-06-12T02:00:00.000Z');

    // The trade's timeline says Zhifu confirmed it, on the clock's day 10 after shipping.
    await row.getByRole('link', { name: trade }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Longjing tea, 250 g');
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('Receipt confirmed');
    await shot(page, 'trade-timeline');
    await page.getByRole('link', { name: 'Back to the clock' }).click();
    await page.getByLabel('Status').selectOption('TRADE_FINISHED');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
  });

  it('makes a clock of the platform and moves it to a chosen time', async () => {
    const page = await journey().actor({ viewport: { width: 1280, height: 800 } });
    await page.goto('/console/clocks');
    await page.getByLabel('Email').fill(journey().demo.operator.email);
    await page.getByLabel('Password').fill(journey().demo.operator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'All clocks' }).textContent()).toContain('Auto-confirm demo');
    await page.getByLabel('Name').fill('Year-end rehearsal');
    await page.getByLabel('Starts at (optional)').fill('2031-12-30T09:00:00');
    await page.getByRole('button', { name: 'Create clock' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Year-end rehearsal');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'created' }).textContent()).toBe('Clock Year-end rehearsal created.');
    await expect.poll(() => page.locator('main').textContent()).toContain('The platform');
    await expect.poll(() => page.locator('main').textContent()).toContain('No trade lives on this clock yet.');

    // Nothing to move by is caught in the page; a time is taken as the operator's local time.
    await page.getByRole('button', { name: 'Advance clock' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Enter some days or seconds.');
    await page.getByLabel('To a date and time').check();
    await page.getByLabel('New clock time').fill('2032-01-01T00:00:05');
    await page.getByRole('button', { name: 'Advance clock' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The clock is now at' }).textContent()).toContain('Trades moved: 0.');
    const clockTime = await page.evaluate('new Date(2032, 0, 1, 0, 0, 5).toISOString()');
    const mine = await journey().api<{ data: { name: string }[] }>('GET', '/v1/test_clocks', { token: journey().demo.merchant.secretKey });
    // The merchant sees its own clocks (this journey's and the demo world's), never the platform's.
    expect(mine.body.data.map((clock) => clock.name).sort()).toEqual(['Auto-confirm demo', 'Demo clock']);
    const operator = await journey().api<{ token: string }>('POST', '/v1/operator/sessions', { body: { email: journey().demo.operator.email, password: journey().demo.operator.password } });
    const all = await journey().api<{ data: { name: string; frozen_time: string; merchant: string | null }[] }>('GET', '/v1/test_clocks', { token: operator.body.token });
    expect(all.body.data.find((clock) => clock.name === 'Year-end rehearsal')).toMatchObject({ frozen_time: clockTime, merchant: null });
    await shot(page, 'platform-clock');
  });
});
