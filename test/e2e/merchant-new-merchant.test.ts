// Someone with no merchant yet opens the dashboard: they are told so and create their own, then
// find every page in English and in Chinese without an untranslated text, see a mistyped amount and
// an unknown team member explained in plain words, and close an unpaid QR trade.

import { describe, expect, it } from 'vitest';
import { useJourney } from './support/journey.js';
import { demoPassword, desktop, shotFromTop } from './support/merchant.js';

const places = ['Overview', 'Trades', 'Disputes', 'Payouts', 'Bills', 'Developers', 'Webhooks', 'Team'];
const placesZh = ['概览', '交易', '争议', '结算', '对账单', '开发者', 'Webhook', '团队'];
/** A message key shown instead of its text: a translation is missing. */
const untranslated = /\b(merchant|error|status|kind|action|state|field)\.[a-zA-Z]/;

describe('a new merchant in the dashboard', () => {
  const journey = useJourney('merchant-new-merchant');

  it('is created by its owner, reads in both languages, explains mistakes and closes an unpaid trade', async () => {
    const page = await journey().actor(desktop);
    await page.goto('/merchant');
    await page.getByLabel('Phone or email').fill('+8613800000001');
    await page.getByLabel('Password').fill(demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'You are not a member of a merchant yet' }).waitFor();
    await page.getByRole('button', { name: 'Create merchant' }).click();
    expect(await page.getByText('Enter the merchant’s name.').count()).toBe(1);
    await page.getByLabel('Merchant name').fill('Li’s Tea Corner');
    await shotFromTop(journey(), page, 'no-merchant');
    await page.getByRole('button', { name: 'Create merchant' }).click();
    await expect.poll(() => page.getByTestId('merchant-name').textContent()).toBe('Li’s Tea Corner');
    expect(await page.locator('.badge-role').textContent()).toBe('Owner');

    for (const [language, names] of [['English', places], ['中文', placesZh]] as const) {
      await page.getByRole('button', { name: language }).click();
      for (const place of names) {
        await page.getByRole('link', { name: place, exact: true }).click();
        await page.locator('main h1').waitFor();
        await expect.poll(() => page.locator('main [role="status"][aria-live]').count()).toBe(0);
        expect(await page.locator('body').innerText(), `${language}: ${place}`).not.toMatch(untranslated);
      }
      await shotFromTop(journey(), page, `team-${language === 'English' ? 'en' : 'zh'}`);
    }
    await page.getByRole('button', { name: 'English' }).click();

    // Mistakes in plain words: an amount with three decimals, a person without an account.
    await page.getByRole('link', { name: 'Team' }).click();
    journey().allowConsole(/status of 404/);
    await page.getByLabel('Phone, email or user id').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Nobody has a Zhifu account with “nobody@example.com”. They can sign up first.');

    await page.getByRole('link', { name: 'Trades', exact: true }).click();
    await page.getByRole('link', { name: 'New QR payment' }).click();
    await page.getByLabel('What is it for').fill('Tea ceremony class');
    await page.getByLabel('Amount (CNY)').fill('99.999');
    await page.getByRole('button', { name: 'Create QR code' }).click();
    expect(await page.getByText('Use at most two decimals.').count()).toBe(1);
    await page.getByLabel('Amount (CNY)').fill('99.90');
    await page.getByRole('button', { name: 'Create QR code' }).click();
    await page.getByRole('link', { name: 'Open the trade' }).click();
    await page.getByRole('heading', { name: 'Payment QR code' }).waitFor();
    await page.getByRole('button', { name: 'Close trade' }).click();
    await page.getByRole('button', { name: 'Yes, close it' }).click();
    await expect.poll(() => page.getByTestId('trade-notice').textContent()).toBe('The trade is closed.');
    await expect.poll(() => page.getByTestId('timeline').locator('[data-event="closed"]').textContent()).toContain('Closed unpaid');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Closed');
    expect(await page.getByRole('heading', { name: 'Payment QR code' }).count()).toBe(0);
    await shotFromTop(journey(), page, 'trade-closed');
  });
});
