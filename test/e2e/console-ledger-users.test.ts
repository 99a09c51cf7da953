// The operator console's ledger overview and user accounts: the admin sees the balances by account
// type and the invariant check passing, then finds a consumer, freezes them (after a confirmation;
// their sign-in is refused) and unfreezes them (sign-in works again); a new tab keeps the session;
// the console in Chinese; a wrong password and a role's limits.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useJourney } from './support/journey.js';

describe('the console ledger and users', () => {
  const journey = useJourney('console-ledger-users');
  // The console's bars are sticky: a full-page shot is taken from the top, so they sit there.
  const shot = async (page: Page, name: string) => {
    await page.evaluate('window.scrollTo(0, 0)');
    return journey().shot(page, name);
  };

  it('shows the ledger check passing, and freezes and unfreezes a user', async () => {
    const { demo, api } = journey();
    const page = await journey().actor({ viewport: { width: 1280, height: 800 } });
    await page.goto('/console');
    await page.getByLabel('Email').fill(demo.operator.email);
    await page.getByLabel('Password').fill(demo.operator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('ledger-check').textContent()).toContain('Passed');
    const codes = page.getByRole('table', { name: 'Balances by account type' });
    await expect.poll(() => codes.getByRole('row').filter({ hasText: 'Consumer balances' }).textContent()).toContain('¥1,500.00');
    await expect.poll(() => codes.getByRole('row').filter({ hasText: 'Bank clearing' }).textContent()).toContain('-¥1,500.00');
    await shot(page, 'ledger');
    // A new tab of the same browser picks up the session from its cookie, without signing in again.
    const tab = await page.context().newPage();
    await tab.goto('/console/jobs');
    await expect.poll(() => tab.getByRole('heading', { level: 1 }).textContent()).toBe('Background jobs');
    expect(await tab.evaluate('sessionStorage.getItem("zhifu.operator")')).toBeNull();
    await tab.close();

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Search users').fill('wang.fang');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await shot(page, 'users-search');
    await page.locator('tbody tr').first().getByRole('link').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('wang.fang@example.com');
    await expect.poll(() => page.locator('main').textContent()).toContain('¥500.00');

    await page.getByRole('button', { name: 'Freeze user' }).click();
    const freeze = page.getByRole('dialog', { name: 'Freeze wang.fang@example.com?' });
    await expect.poll(() => freeze.isVisible()).toBe(true);
    // Cancel is focused first, so that Enter does not freeze by accident.
    await expect.poll(() => page.locator(':focus').textContent()).toBe('Cancel');
    await shot(page, 'freeze-confirm');
    await freeze.getByRole('button', { name: 'Freeze user' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The user is frozen.' }).count()).toBe(1);
    await expect.poll(() => page.locator('main').textContent()).toContain('This account is frozen');
    await shot(page, 'frozen');
    const refused = await api<{ error: { code: string } }>('POST', '/v1/sessions', { body: { identifier: 'wang.fang@example.com', password: 'zhifu-demo' } });
    expect(refused.body.error.code).toBe('user_frozen');

    await page.getByRole('button', { name: 'Unfreeze user' }).click();
    await page.getByRole('dialog', { name: 'Unfreeze wang.fang@example.com?' }).getByRole('button', { name: 'Unfreeze user' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The user is active again.' }).count()).toBe(1);
    await shot(page, 'unfrozen');
    expect((await api('POST', '/v1/sessions', { body: { identifier: 'wang.fang@example.com', password: 'zhifu-demo' } })).status).toBe(201);

    // Verifying her identity from documents: a mistyped number is refused in plain words, the right one is taken.
    await page.getByLabel('Legal name').fill('王芳');
    await page.getByLabel('Resident identity number').fill('110105194912310021');
    journey().allowConsole(/\/verify\)$/);
    await page.getByRole('button', { name: 'Verify identity' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The identity check failed: check the name and the ID number.');
    await page.getByLabel('Resident identity number').fill('11010519491231002X');
    await page.getByRole('button', { name: 'Verify identity' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Identity verified' }).count()).toBe(1);
    await expect.poll(() => page.locator('main').textContent()).toContain('Verified');
    const verified = await api<{ kyc_tier: string }>('GET', '/v1/me', { token: (await api<{ token: string }>('POST', '/v1/sessions', { body: { identifier: 'wang.fang@example.com', password: 'zhifu-demo' } })).body.token });
    expect(verified.body.kyc_tier).toBe('verified');
    await shot(page, 'verified');

    // The same console in Chinese.
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('navigation', { name: '控制台' }).getByRole('link', { name: '账本' }).click();
    await expect.poll(() => page.getByTestId('ledger-check').textContent()).toContain('通过');
    await shot(page, 'ledger-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Operator sign-in');
    await page.goto('/console/users');
    await expect.poll(() => page.url()).toContain('/console/signin?next=%2Fconsole%2Fusers');
  });

  it('says a wrong password plainly, and shows a finance operator only what the role allows', async () => {
    const { server } = journey();
    await server.app.services.operators.createOperator('finance@zhifu.example', 'a long finance password', 'finance');
    const page = await journey().actor({ viewport: { width: 1280, height: 800 } });
    await page.goto('/console');
    await page.getByLabel('Email').fill('finance@zhifu.example');
    await page.getByLabel('Password').fill('not the password');
    journey().allowConsole(/401/);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The sign-in details are wrong.');
    await page.getByLabel('Password').fill('a long finance password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ledger');
    const nav = page.getByRole('navigation', { name: 'Console' });
    await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['Ledger', 'Merchants']);
    await nav.getByRole('link', { name: 'Merchants' }).click();
    await page.getByRole('link', { name: 'Demo Tea House' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Demo Tea House');
    await expect.poll(() => page.getByRole('button', { name: 'Freeze merchant' }).count()).toBe(0);
    await page.goto('/console/users');
    await expect.poll(() => page.locator('main').textContent()).toBe('Your role (Finance) may not open this page.');
    await shot(page, 'finance-limits');
  });
});
