// Journeys through the rest of the wallet: a withdrawal to the card, the payment code and its
// renewal, the activity filtered by type, a statement download, identity verification; an
// escrow order's refund request (declined by the shop) and dispute; and a wrong PIN, in words,
// then the right one.

import { describe, expect, it } from 'vitest';
import { useJourney } from './support/journey.js';
import { demoPassword, demoPin, liWei, signIn, wangFang } from './support/wallet.js';

describe('the rest of the wallet', () => {
  const journey = useJourney('wallet-more');

  it('withdraws to the card, shows a payment code, filters activity, downloads a statement, verifies the identity', async () => {
    const { shot } = journey();
    const page = await journey().actor();
    await signIn(page, liWei);

    await page.getByRole('link', { name: 'Withdraw' }).click();
    await expect.poll(() => page.getByRole('radio', { name: 'Visa •••• 4242' }).isChecked()).toBe(true);
    await page.getByLabel('Amount (CNY)').fill('100');
    await page.getByLabel('Payment PIN').fill(demoPin);
    await shot(page, 'withdraw');
    await page.getByRole('button', { name: 'Withdraw to Visa •••• 4242' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('¥100.00 paid out to Visa •••• 4242');
    expect(await page.getByText('Succeeded').isVisible()).toBe(true);
    await shot(page, 'withdraw-done');

    await page.goto('/paycode');
    const code = page.getByTestId('payment-code');
    await expect.poll(async () => (await code.textContent())?.replace(/\s/g, '') ?? '').toMatch(/^28\d{16}$/);
    const first = (await code.textContent())!.replace(/\s/g, '');
    expect(await page.getByRole('img', { name: 'Barcode of your payment code' }).getAttribute('data-barcode-value')).toBe(first);
    expect(await page.getByRole('img', { name: 'QR code of your payment code' }).getAttribute('data-qr-value')).toBe(first);
    await shot(page, 'payment-code');
    await page.getByRole('button', { name: 'New code now' }).click();
    await expect.poll(async () => (await code.textContent())?.replace(/\s/g, '')).not.toBe(first);

    await page.getByRole('link', { name: 'Activity' }).click();
    await expect.poll(() => page.getByTestId('transactions').getByRole('listitem').count()).toBe(2);
    await page.getByLabel('Type').selectOption('withdrawal');
    await expect.poll(() => page.getByTestId('transactions').getByRole('listitem').count()).toBe(1);
    expect(await page.getByTestId('transactions').textContent()).toContain('-¥100.00');
    await shot(page, 'activity-withdrawals');

    await page.getByRole('link', { name: 'Statement' }).click();
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the statement' }).click();
    const file = await downloaded;
    expect(file.suggestedFilename()).toMatch(/^zhifu-statement-\d{4}-\d{2}\.csv$/);
    await expect.poll(() => page.getByText(/^Downloaded zhifu-statement-/).isVisible()).toBe(true);
    await shot(page, 'statement');

    await page.getByRole('link', { name: 'Me', exact: true }).click();
    await page.getByLabel('Full name (as on the ID card)').fill('李伟');
    await page.getByLabel('Resident ID number').fill('11010519491231002X');
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect.poll(() => page.getByText('Your identity is verified.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Verified', { exact: true }).isVisible()).toBe(true);
    await shot(page, 'verified');
  });

  it('asks for a refund on an escrow order, sees it declined, then opens a dispute', async () => {
    const { shot, api, demo } = journey();
    const key = demo.merchant.secretKey;
    const session = await api<{ token: string; user: { id: string } }>('POST', '/v1/sessions', { body: { identifier: wangFang, password: demoPassword } });
    const trade = (await api<{ id: string }>('POST', '/v1/trades', { token: key, body: { kind: 'escrow', out_trade_no: `refund-${Date.now()}`, subject: 'Pu-erh cake', amount: '120.00', currency: 'CNY', buyer: session.body.user.id } })).body.id;
    expect((await api('POST', `/v1/orders/${trade}/pay`, { token: session.body.token, body: { pin: demoPin } })).status).toBe(200);

    const page = await journey().actor();
    await signIn(page, wangFang, `/orders/${trade}`);
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Paid, waiting for shipment');
    await page.getByText('Ask for a refund').click();
    await page.getByLabel('Amount (CNY)').fill('20');
    await page.getByLabel('Reason').fill('The cake arrived broken in two.');
    await shot(page, 'refund-request');
    await page.getByRole('button', { name: 'Send the refund request' }).click();
    await expect.poll(() => page.getByText('Refund request sent.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Waiting for the seller').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('You asked for a refund of ¥20.00: “The cake arrived broken in two.”');
    await shot(page, 'refund-requested');

    expect((await api('POST', `/v1/trades/${trade}/refund_request/decline`, { token: key, body: { answer: 'It left us whole; ask the courier.' } })).status).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByText('Declined', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('It left us whole; ask the courier.', { exact: true }).isVisible()).toBe(true);
    await page.getByText('Open a dispute').click();
    await page.getByLabel('What went wrong').fill('Broken on arrival; the seller refuses to refund.');
    await page.getByRole('button', { name: 'Open the dispute' }).click();
    await expect.poll(() => page.getByText('Dispute opened.', { exact: false }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: 'Dispute' }).textContent()).toContain('Broken on arrival');
    await shot(page, 'dispute-open');
  });

  const tokenOf = async (identifier: string) => (await journey().api<{ token: string }>('POST', '/v1/sessions', { body: { identifier, password: demoPassword } })).body.token;

  it('says a wrong PIN in plain words and pays nothing, then pays with the right one', async () => {
    const { shot } = journey();
    journey().allowConsole(/Failed to load resource/);
    const page = await journey().actor();
    await signIn(page, liWei, '/transfer');
    await page.getByLabel('To (phone or email)').fill(wangFang);
    await page.getByLabel('Amount (CNY)').fill('5');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Payment PIN').fill('000000');
    await page.getByRole('button', { name: 'Pay ¥5.00' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('The PIN is wrong.');
    await shot(page, 'wrong-pin');
    // The refusal moved nothing; the right PIN then pays (a new request, not a reused key).
    expect((await journey().api<{ balance: { available: string } }>('GET', '/v1/me', { token: await tokenOf(liWei) })).body.balance.available).toBe('900.00');
    await page.getByLabel('Payment PIN').fill(demoPin);
    await page.getByRole('button', { name: 'Pay ¥5.00' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('You sent ¥5.00 to w***@example.com');
    await page.getByRole('link', { name: 'Done' }).click();
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('¥895.00');
  });
});
