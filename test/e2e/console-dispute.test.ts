// A dispute decided in the operator console: an escrow trade is paid by API, the buyer disputes it
// and the seller answers; the admin reads both sides in the console and refunds part of the held
// money; the API shows the split (refund to the buyer, the rest to the seller less the fee).

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useJourney } from './support/journey.js';

interface Trade {
  readonly id: string;
  readonly status: string;
  readonly held_amount: string;
  readonly released_amount: string;
  readonly refunded_amount: string;
  readonly fee_amount: string;
  readonly dispute_status: string | null;
}

describe('the console decides a dispute', () => {
  const journey = useJourney('console-dispute');
  // The console's bars are sticky: a full-page shot is taken from the top, so they sit there.
  const shot = async (page: Page, name: string) => {
    await page.evaluate('window.scrollTo(0, 0)');
    return journey().shot(page, name);
  };

  it('refunds part of the held money to the buyer and releases the rest', async () => {
    const { demo, api } = journey();
    const key = demo.merchant.secretKey;
    const buyer = await api<{ token: string; user: { id: string } }>('POST', '/v1/sessions', { body: { identifier: 'wang.fang@example.com', password: 'zhifu-demo' } });
    const trade = (
      await api<Trade>('POST', '/v1/trades', {
        token: key,
        body: { kind: 'escrow', out_trade_no: 'dispute-teapot-1', subject: 'Yixing clay teapot', amount: '120.00', currency: 'CNY', buyer: buyer.body.user.id },
      })
    ).body.id;
    expect((await api<Trade>('POST', `/v1/orders/${trade}/pay`, { token: buyer.body.token, body: { pin: '123456' } })).body.status).toBe('WAIT_SELLER_SEND_GOODS');
    await api('POST', `/v1/trades/${trade}/ship`, { token: key, body: { carrier: 'SF Express', tracking_number: 'SF2000000001' } });
    const opened = await api<{ status: string }>('POST', `/v1/orders/${trade}/dispute`, { token: buyer.body.token, body: { reason: 'The lid arrived cracked; photos sent to the seller.' } });
    expect(opened.body.status).toBe('open');
    await api('POST', `/v1/trades/${trade}/dispute/answer`, { token: key, body: { statement: 'The pot left us whole; we offer to refund the lid’s share.' } });

    const page = await journey().actor({ viewport: { width: 1280, height: 800 } });
    await page.goto('/console/disputes');
    await page.getByLabel('Email').fill(demo.operator.email);
    await page.getByLabel('Password').fill(demo.operator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Disputes');
    const row = page.getByRole('row').filter({ hasText: trade });
    await expect.poll(() => row.textContent()).toContain('Answered');
    await shot(page, 'disputes');

    await row.getByRole('link', { name: `Open the dispute on trade ${trade}` }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dispute: Yixing clay teapot');
    await expect.poll(() => page.locator('main').textContent()).toContain('The lid arrived cracked');
    await expect.poll(() => page.locator('main').textContent()).toContain('we offer to refund the lid’s share');
    await shot(page, 'dispute');

    // A refund over what is held is caught before anything is sent.
    await page.getByLabel('Refund to the buyer (CNY)').fill('120.01');
    await page.getByRole('button', { name: 'Review decision' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('The refund cannot be more than the ¥120.00 held.');
    await page.getByLabel('Refund to the buyer (CNY)').fill('45.50');
    await page.getByLabel('Note (why, for the record)').fill('Lid cracked in transit: the lid’s share back to the buyer.');
    await page.getByRole('button', { name: 'Review decision' }).click();
    const dialog = page.getByRole('dialog', { name: 'Decide this dispute?' });
    await expect.poll(() => dialog.textContent()).toContain('¥45.50 goes back to the buyer and ¥74.50 to the seller, less the fee.');
    await shot(page, 'confirm');
    await dialog.getByRole('button', { name: 'Decide' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Decided:' }).textContent()).toBe(
      'Decided: ¥45.50 back to the buyer; ¥74.50 released to the seller, who paid a fee of ¥0.45.',
    );
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('Dispute decided');
    // The timeline names who acted: the merchant's API key for the seller, this operator for the decision.
    expect(await page.locator('.timeline li').first().getByTestId('acted-by').textContent()).toBe(` (API key ${key.slice(0, 10)}…)`);
    expect(await page.locator('.timeline li').last().getByTestId('acted-by').textContent()).toBe(` (${demo.operator.email})`);
    await shot(page, 'decided');

    const decided = await api<Trade>('GET', `/v1/trades/${trade}`, { token: key });
    expect(decided.body).toMatchObject({ status: 'TRADE_FINISHED', held_amount: '0.00', refunded_amount: '45.50', released_amount: '74.50', fee_amount: '0.45', dispute_status: 'decided' });
    // The timeline's decision carries the split as decimal amounts with the currency, as the trade does.
    const events = await api<{ data: { type: string; data: Record<string, unknown> }[] }>('GET', `/v1/trades/${trade}/events`, { token: key });
    expect(events.body.data.at(-1)).toMatchObject({ type: 'dispute_decided', data: { refund: '45.50', released: '74.50', fee: '0.45', currency: 'CNY' } });
    const wallet = await api<{ balance: { available: string } }>('GET', '/v1/me', { token: buyer.body.token });
    expect(wallet.body.balance.available).toBe('425.50');
    const dispute = await api<{ status: string; refund_amount: string; decision_note: string }>('GET', `/v1/orders/${trade}/dispute`, { token: buyer.body.token });
    expect(dispute.body).toMatchObject({ status: 'decided', refund_amount: '45.50', decision_note: 'Lid cracked in transit: the lid’s share back to the buyer.' });

    // Nothing waits any more, and the ledger still balances: the fee earned, the seller's share in its balance.
    await page.getByRole('link', { name: 'All disputes' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('No dispute is waiting for a decision.');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Ledger' }).click();
    await expect.poll(() => page.getByTestId('ledger-check').textContent()).toContain('Passed');
    const codes = page.getByRole('table', { name: 'Balances by account type' });
    await expect.poll(() => codes.getByRole('row').filter({ hasText: 'Platform fees earned' }).textContent()).toContain('¥0.45');
    await expect.poll(() => codes.getByRole('row').filter({ hasText: 'Merchant balances' }).textContent()).toContain('¥74.05');
    await shot(page, 'ledger');
  });
});
