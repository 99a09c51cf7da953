// The rest of the merchant's day in the dashboard: a buyer's refund request accepted and a second
// one declined, a dispute answered from the disputes list; a payout to the bank and the day's bill
// downloaded; an API key with one scope made, used and revoked, a gateway app registered; a viewer
// added to the team, who sees everything and can change nothing (and makes no refused request),
// chooses between two merchants, and is removed.

import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Trade } from '../../web/src/api/types.js';
import { useJourney, type Journey } from './support/journey.js';
import { amountOn, asMerchant, demoPassword, demoPin, ownerSignsIn, sessionOf, shotFromTop } from './support/merchant.js';

async function paidEscrow(journey: Journey, buyer: string, token: string, outTradeNo: string, subject: string, amount: string): Promise<Trade> {
  const trade = await asMerchant<Trade>(journey, 'POST', '/v1/trades', { kind: 'escrow', out_trade_no: outTradeNo, subject, amount, currency: 'CNY', buyer });
  expect((await journey.api('POST', `/v1/orders/${trade.id}/pay`, { token, body: { pin: demoPin } })).status).toBe(200);
  return trade;
}

describe('the merchant dashboard, day to day', () => {
  const journey = useJourney('merchant-operations');

  it('accepts and declines refund requests and answers a dispute', async () => {
    const li = await sessionOf(journey(), '+8613800000001');
    const wang = await sessionOf(journey(), 'wang.fang@example.com');
    const box = await paidEscrow(journey(), '+8613800000001', li, 'order-7001', 'Dragon Well gift box', '120.00');
    expect((await journey().api('POST', `/v1/orders/${box.id}/refund_request`, { token: li, body: { amount: '40.00', currency: 'CNY', reason: 'The box was crushed' } })).status).toBe(201);
    const kettle = await paidEscrow(journey(), 'wang.fang@example.com', wang, 'order-7002', 'Iron kettle', '99.00');
    await asMerchant(journey(), 'POST', `/v1/trades/${kettle.id}/ship`, { carrier: 'ZTO Express', tracking_number: 'ZTO77810023' });
    expect((await journey().api('POST', `/v1/orders/${kettle.id}/dispute`, { token: wang, body: { reason: 'The parcel never arrived' } })).status).toBe(201);

    const owner = await ownerSignsIn(journey());
    await owner.getByRole('link', { name: 'Disputes' }).click();
    const dispute = owner.getByRole('row').filter({ hasText: 'Iron kettle' });
    await expect.poll(() => dispute.textContent()).toContain('The parcel never arrived');
    expect(await dispute.textContent()).toContain('Dispute open');
    await shotFromTop(journey(), owner, 'disputes');
    await dispute.getByRole('link', { name: 'Iron kettle' }).click();
    await expect.poll(() => owner.getByTestId('dispute').textContent()).toContain('The parcel never arrived');
    expect(await owner.getByText('The buyer disputes this trade').count()).toBe(1);
    expect(await owner.getByRole('button', { name: /^Refund/ }).count()).toBe(0);
    await owner.getByLabel('Your side of it').fill('Delivered on 20 Nov; ZTO has the signature of the receiver.');
    await owner.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => owner.getByTestId('trade-notice').textContent()).toBe('Your answer was sent to the platform.');
    await expect.poll(() => owner.getByTestId('dispute').textContent()).toContain('You answered; the platform will decide.');
    expect(await owner.getByTestId('timeline').locator('[data-event="dispute_answered"]').textContent()).toContain('You answered the dispute: “Delivered on 20 Nov');
    await shotFromTop(journey(), owner, 'dispute-answered');

    await owner.getByRole('link', { name: 'Trades', exact: true }).click();
    await owner.getByLabel('Search', { exact: true }).fill('order-7001');
    await owner.getByRole('button', { name: 'Search' }).click();
    await owner.getByRole('link', { name: 'Dragon Well gift box' }).click();
    const request = owner.getByTestId('refund-request');
    await expect.poll(() => request.textContent()).toContain('The box was crushed');
    expect(await request.textContent()).toContain('Waiting for you');
    expect(await owner.getByText('The buyer asks for a refund: accept or decline the request first.').count()).toBe(1);
    await shotFromTop(journey(), owner, 'refund-request');
    await request.getByRole('button', { name: 'Accept and refund' }).click();
    await request.getByRole('button', { name: 'Yes, refund' }).click();
    await expect.poll(() => owner.getByTestId('trade-notice').textContent()).toBe('Request accepted: ¥40.00 refunded.');
    await expect.poll(() => amountOn(owner, 'refunded')).toBe('¥40.00');
    expect(await amountOn(owner, 'held')).toBe('¥80.00');
    expect(await request.textContent()).toContain('Accepted');

    // A second request, declined with a word.
    expect((await journey().api('POST', `/v1/orders/${box.id}/refund_request`, { token: li, body: { amount: '80.00', currency: 'CNY', reason: 'I changed my mind' } })).status).toBe(201);
    await owner.reload();
    await expect.poll(() => owner.getByTestId('refund-request').textContent()).toContain('I changed my mind');
    await owner.getByRole('button', { name: 'Decline' }).click();
    expect(await owner.getByText('Tell the buyer why you decline.').count()).toBe(1);
    await owner.getByLabel('Why you decline').fill('The tea was sent as ordered; the crushed box was refunded.');
    await owner.getByRole('button', { name: 'Decline' }).click();
    await expect.poll(() => owner.getByTestId('trade-notice').textContent()).toBe('Request declined; the buyer sees your answer.');
    await expect.poll(() => owner.getByTestId('refund-request').textContent()).toContain('Declined');
    const events = await owner.getByTestId('timeline').locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-event')));
    expect(events).toEqual(['created', 'paid', 'refund_requested', 'refunded', 'refund_request_accepted', 'refund_requested', 'refund_request_declined']);
    await shotFromTop(journey(), owner, 'refund-request-declined');
  });

  it('pays out to the bank and downloads the day’s bill', async () => {
    const li = await sessionOf(journey(), '+8613800000001');
    const trade = await asMerchant<Trade>(journey(), 'POST', '/v1/trades', { kind: 'direct', out_trade_no: 'counter-1', subject: 'Tea tasting for two', amount: '300.00', currency: 'CNY' });
    expect((await journey().api('POST', `/v1/orders/${trade.id}/pay`, { token: li, body: { pin: demoPin } })).status).toBe(200);

    const owner = await ownerSignsIn(journey());
    await expect.poll(() => owner.getByTestId('merchant-balance').textContent()).toBe('¥298.20');
    await owner.getByRole('link', { name: 'Payouts' }).click();
    await expect.poll(() => owner.getByText('No payouts yet.').count()).toBe(1);
    // The page shows the settings as they are: no account yet, paid out daily.
    await expect.poll(() => owner.getByTestId('payout-account').textContent()).toBe('No bank account yet: nothing is paid out until you add one.');
    await expect.poll(() => owner.getByLabel(/Every business day/).isChecked()).toBe(true);
    await owner.getByLabel('Card number').fill('4242 4242 4242 4242');
    await owner.getByRole('button', { name: 'Save bank account' }).click();
    await expect.poll(() => owner.getByText('Payouts now go to Visa •••• 4242.').count()).toBe(1);
    await expect.poll(() => owner.getByTestId('payout-account').textContent()).toBe('Payouts go to Visa •••• 4242.');
    await owner.getByLabel('Only on request (Pay out now)').check();
    await owner.getByRole('button', { name: 'Save schedule' }).click();
    await expect.poll(() => owner.getByText('Payouts now happen only when you ask.').count()).toBe(1);
    await owner.getByLabel('Amount (CNY)').fill('100.00');
    await owner.getByRole('button', { name: 'Pay out' }).click();
    await expect.poll(() => owner.getByText(/^Payout of ¥100\.00 (paid to your bank account|sent to the bank)/).count()).toBe(1);
    await expect.poll(() => owner.getByTestId('payouts').locator('tbody tr').count()).toBe(1);
    expect(await owner.getByTestId('payouts').textContent()).toContain('On request');
    await expect.poll(() => owner.getByTestId('merchant-balance').textContent()).toBe('¥198.20');
    await shotFromTop(journey(), owner, 'payouts');
    // Opened again, the page shows the schedule that was saved, not the default.
    await owner.reload();
    await expect.poll(() => owner.getByLabel('Only on request (Pay out now)').isChecked()).toBe(true);
    await expect.poll(() => owner.getByTestId('payout-account').textContent()).toBe('Payouts go to Visa •••• 4242.');

    await owner.getByRole('link', { name: 'Bills' }).click();
    const [file] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('button', { name: /^Download the bill of / }).first().click()]);
    expect(file.suggestedFilename()).toMatch(/^zhifu-bill-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv).toContain('payment');
    expect(csv).toContain('payout');
    expect(csv).toContain('-100.00');
    await expect.poll(() => owner.getByText(/^Downloaded zhifu-bill-/).count()).toBe(1);
    await shotFromTop(journey(), owner, 'bills');
  });

  it('makes, uses and revokes an API key, registers a gateway app, replaces its key and disables it', async () => {
    const owner = await ownerSignsIn(journey());
    await owner.getByRole('link', { name: 'Developers' }).click();
    await expect.poll(() => owner.getByTestId('api-keys').locator('tbody tr').count()).toBe(1);
    await owner.getByLabel('Only some operations').check();
    await owner.getByRole('button', { name: 'Create key' }).click();
    await expect.poll(() => owner.getByTestId('secret').textContent()).toMatch(/^sk_/);
    const secret = (await owner.getByTestId('secret').textContent())!;
    await expect.poll(() => owner.getByTestId('api-keys').locator('tbody tr').count()).toBe(2);
    expect(await owner.getByTestId('api-keys').textContent()).toContain('trades:read');
    await shotFromTop(journey(), owner, 'api-key-secret');
    expect((await journey().api('GET', '/v1/trades', { token: secret })).status).toBe(200);
    expect((await journey().api<{ error: { code: string } }>('POST', '/v1/trades', { token: secret, body: { kind: 'direct', out_trade_no: 'x', subject: 'x', amount: '1.00', currency: 'CNY' } })).body.error.code).toBe('api_key_scope_missing');

    const row = owner.getByTestId('api-keys').locator('tbody tr').filter({ hasText: secret.slice(0, 8) });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect.poll(() => row.textContent()).toContain('Revoked');
    expect((await journey().api<{ error: { code: string } }>('GET', '/v1/trades', { token: secret })).body.error.code).toBe('api_key_invalid');

    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    await owner.getByLabel('App name').fill('Tea House till');
    await owner.getByLabel('App public key', { exact: true }).fill(publicKey);
    await owner.getByRole('button', { name: 'Register app' }).click();
    await expect.poll(() => owner.getByText(/^App “Tea House till” registered: its app_id is \d{16}\.$/).count()).toBe(1);
    await owner.getByText('Platform public key (verifies Zhifu’s answers)').click();
    expect(await owner.locator('.m-pem').first().textContent()).toContain('BEGIN PUBLIC KEY');
    await shotFromTop(journey(), owner, 'developers');

    // The app's key replaced, then the app disabled for good.
    const item = owner.locator('.m-app-item').filter({ hasText: 'Tea House till' });
    const next = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }).publicKey;
    await item.getByText('Replace the public key').click();
    await item.getByRole('button', { name: 'Save the new key' }).click();
    await expect.poll(() => item.getByText('Paste the app’s public key.').count()).toBe(1);
    await item.getByLabel('New app public key').fill(next);
    await item.getByRole('button', { name: 'Save the new key' }).click();
    await expect.poll(() => item.getByText('The public key of “Tea House till” was replaced.').count()).toBe(1);
    await item.getByText('App public key (as registered)').click();
    await expect.poll(() => item.locator('.m-pem').nth(1).textContent()).toBe(next);
    await item.getByRole('button', { name: 'Disable' }).click();
    await item.getByRole('button', { name: 'Yes, disable' }).click();
    await expect.poll(() => item.locator('.badge').first().textContent()).toBe('Disabled');
    expect(await item.getByRole('button', { name: 'Disable' }).count()).toBe(0);
    expect(await item.getByText('Replace the public key').count()).toBe(0);
  });

  it('adds a viewer, who sees the dashboard read-only and chooses between two merchants, and removes them', async () => {
    const owner = await ownerSignsIn(journey());
    await owner.getByRole('link', { name: 'Team' }).click();
    await owner.getByLabel('Phone, email or user id').fill('wang.fang@example.com');
    await owner.getByLabel('Role', { exact: true }).selectOption('viewer');
    await owner.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => owner.getByText('wang.fang@example.com is now Viewer.').count()).toBe(1);
    await expect.poll(() => owner.getByTestId('members').locator('tbody tr').count()).toBe(2);
    await shotFromTop(journey(), owner, 'team');

    // Wang Fang, a viewer: the same pages, no buttons that would be refused.
    const viewer = await journey().actor({ viewport: { width: 1024, height: 768 } });
    await viewer.goto('/merchant/trades');
    await viewer.getByLabel('Phone or email').fill('wang.fang@example.com');
    await viewer.getByLabel('Password').fill(demoPassword);
    await viewer.getByRole('button', { name: 'Sign in' }).click();
    await viewer.waitForURL((url) => url.pathname === '/merchant/trades');
    await expect.poll(() => viewer.locator('.badge-role').textContent()).toBe('Viewer');
    expect(await viewer.getByRole('link', { name: 'New QR payment' }).count()).toBe(0);
    expect(await viewer.getByRole('link', { name: 'Developers' }).count()).toBe(0);
    await viewer.getByRole('link', { name: 'Dragon Well gift box' }).click();
    await expect.poll(() => viewer.getByTestId('refund-request').textContent()).toContain('Declined');
    expect(await viewer.locator('main form').count()).toBe(0);
    await viewer.getByRole('link', { name: 'Payouts' }).click();
    await expect.poll(() => viewer.getByText('Your role cannot pay out; an owner or admin can.').count()).toBe(1);
    expect(await viewer.getByRole('button', { name: 'Save bank account' }).count()).toBe(0);
    for (const place of ['Webhooks', 'Team', 'Disputes', 'Bills', 'Overview']) {
      await viewer.getByRole('link', { name: place, exact: true }).click();
      await viewer.getByRole('heading', { level: 1 }).waitFor();
    }
    expect(await viewer.evaluate('document.scrollingElement.scrollWidth - window.innerWidth')).toBe(0);
    await shotFromTop(journey(), viewer, 'viewer-overview');
    // Narrower still, a phone: the sidebar becomes a row of links and nothing scrolls sideways.
    await viewer.setViewportSize({ width: 390, height: 844 });
    await viewer.getByRole('link', { name: 'Trades', exact: true }).click();
    await viewer.getByRole('link', { name: 'Iron kettle' }).click();
    await expect.poll(() => viewer.getByTestId('dispute').textContent()).toContain('The parcel never arrived');
    expect(await viewer.evaluate('document.scrollingElement.scrollWidth - window.innerWidth')).toBe(0);
    await shotFromTop(journey(), viewer, 'viewer-trade-phone');
    await viewer.setViewportSize({ width: 1024, height: 768 });

    // With a merchant of her own, she chooses which one to act for; the choice is remembered.
    expect((await journey().api('POST', '/v1/merchants', { token: await sessionOf(journey(), 'wang.fang@example.com'), body: { name: 'Wang’s Tea Stall' } })).status).toBe(201);
    await viewer.reload();
    await viewer.getByRole('heading', { name: 'Choose a merchant' }).waitFor();
    await shotFromTop(journey(), viewer, 'choose-merchant');
    await viewer.getByRole('button', { name: 'Open the dashboard of Wang’s Tea Stall' }).click();
    await expect.poll(() => viewer.getByTestId('merchant-name').textContent()).toBe('Wang’s Tea Stall');
    expect(await viewer.locator('.badge-role').textContent()).toBe('Owner');
    await viewer.reload();
    await expect.poll(() => viewer.getByTestId('merchant-name').textContent()).toBe('Wang’s Tea Stall');
    await viewer.getByRole('button', { name: 'Switch merchant' }).click();
    await viewer.getByRole('button', { name: 'Open the dashboard of Demo Tea House' }).click();
    await expect.poll(() => viewer.locator('.badge-role').textContent()).toBe('Viewer');

    await owner.reload();
    const member = owner.getByTestId('members').locator('tbody tr').filter({ hasText: 'Viewer' });
    await member.getByRole('button', { name: 'Remove' }).click();
    await member.getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => owner.getByTestId('members').locator('tbody tr').count()).toBe(1);
    expect(await owner.getByRole('status').filter({ hasText: 'was removed.' }).count()).toBe(1);
  });
});
