// Journey: a newcomer signs up, sets a payment PIN, links the sandbox card and tops up, then
// pays Wang Fang by email with a note; Wang Fang signs in on her own phone and finds the money in
// her balance and in her activity, with whom it came from.

import { describe, expect, it } from 'vitest';
import { useJourney } from './support/journey.js';
import { signIn, wangFang } from './support/wallet.js';

describe('a new user tops up and pays a friend', () => {
  const journey = useJourney('wallet-transfer');

  it('signs up, sets the PIN, tops up from the test card and transfers to Wang Fang', async () => {
    const { shot } = journey();
    const page = await journey().actor();
    const email = `mei.lin.${Date.now()}@example.com`;
    const password = 'green tea every day';

    await page.goto('/');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Phone or email').fill(email);
    await page.getByLabel('Password').fill(password);
    await shot(page, 'sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('¥0.00');
    await expect.poll(() => page.getByText('Set a payment PIN before your first payment').isVisible()).toBe(true);
    await shot(page, 'home-new-user');

    // The PIN, confirmed with the password.
    await page.getByRole('link', { name: 'Set your PIN' }).click();
    await page.getByLabel('New payment PIN').fill('246810');
    await page.getByLabel('The new PIN again').fill('246810');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Set the payment PIN' }).click();
    await expect.poll(() => page.getByText('Your payment PIN is saved.').isVisible()).toBe(true);
    await shot(page, 'pin-set');

    // Top up: no card yet, so the page offers to link one (the sandbox numbers are in the hint).
    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByRole('link', { name: 'Top up' }).click();
    await expect.poll(() => page.getByText('No card is linked yet').isVisible()).toBe(true);
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await shot(page, 'top-up-link-card');
    await page.getByRole('button', { name: 'Link this card' }).click();
    await expect.poll(() => page.getByRole('radio', { name: 'Visa •••• 4242' }).isChecked()).toBe(true);
    await page.getByLabel('Amount (CNY)').fill('300');
    await shot(page, 'top-up-amount');
    await page.getByRole('button', { name: 'Top up from Visa •••• 4242' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('¥300.00 added to your balance');
    await shot(page, 'top-up-done');

    // Transfer to Wang Fang by email: the confirmation shows her masked, then the PIN.
    await page.getByRole('link', { name: 'Done' }).click();
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('¥300.00');
    await page.getByRole('link', { name: 'Transfer' }).click();
    await page.getByLabel('To (phone or email)').fill(wangFang);
    await page.getByLabel('Amount (CNY)').fill('88.80');
    await page.getByLabel('Note (optional)').fill('Dinner on Friday');
    await shot(page, 'transfer-details');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByTestId('payee').textContent()).toBe('w***@example.com');
    await page.getByLabel('Payment PIN').fill('246810');
    await shot(page, 'transfer-confirm');
    await page.getByRole('button', { name: 'Pay ¥88.80' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('You sent ¥88.80 to w***@example.com');
    await shot(page, 'transfer-done');
    await page.getByRole('link', { name: 'Done' }).click();
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('¥211.20');
    await shot(page, 'home-after-transfer');

    // Wang Fang, on her own phone.
    const friend = await journey().actor();
    await signIn(friend, wangFang);
    await expect.poll(() => friend.getByTestId('balance').textContent()).toBe('¥588.80');
    await shot(friend, 'friend-home');
    await friend.getByRole('link', { name: 'Activity' }).click();
    const received = friend.getByTestId('transactions').getByRole('listitem').first();
    await expect.poll(() => received.textContent()).toContain('Received');
    await expect.poll(() => received.textContent()).toContain(`From ${email.slice(0, 1)}***@example.com`);
    expect(await received.textContent()).toContain('+¥88.80');
    expect(await received.textContent()).toContain('Dinner on Friday');
    await shot(friend, 'friend-activity');

    // The newcomer's next transfer offers Wang Fang among the recent contacts.
    await page.getByRole('link', { name: 'Transfer' }).click();
    await expect.poll(() => page.getByRole('radio', { name: 'w***@example.com' }).isVisible()).toBe(true);
    await shot(page, 'transfer-recent-contacts');
  });
});
