// Every area's main pages pass axe-core's WCAG 2.1 A and AA rules, in English and in Chinese:
// the wallet on a phone, the dashboard and the console on a desktop.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, type Violation } from './support/accessibility.js';
import { useJourney } from './support/journey.js';
import { ownerSignsIn } from './support/merchant.js';

async function audit(page: Page, path: string, ready: string, found: Record<string, Violation[]>) {
  await page.goto(path);
  await expect.poll(() => page.locator('main').textContent(), { timeout: 15_000 }).toContain(ready);
  const violations = await accessibilityViolations(page);
  if (violations.length > 0) found[path] = violations;
}

describe('accessibility', () => {
  const journey = useJourney('accessibility');

  it('finds no WCAG 2.1 A/AA violation on the main pages of the wallet, the dashboard and the console', async () => {
    const found: Record<string, Violation[]> = {};
    const wallet = await journey().actor();
    await audit(wallet, '/signin', 'Sign in', found);
    await wallet.getByLabel('Phone or email').fill('+8613800000001');
    await wallet.getByLabel('Password').fill('zhifu-demo');
    await wallet.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => wallet.getByTestId('balance').textContent()).toContain('¥');
    for (const [path, ready] of [
      ['/', 'Available balance'],
      ['/topup', 'Top up'],
      ['/transfer', 'Transfer'],
      ['/receive', 'Receive'],
      ['/pay', 'Pay'],
      ['/orders', 'Longjing tea gift box'],
      ['/transactions', 'Top-up'],
      ['/settings', 'PIN'],
    ] as const)
      await audit(wallet, path, ready, found);
    await wallet.getByRole('button', { name: '中文' }).first().click();
    await audit(wallet, '/', '可用余额', found);

    const owner = await ownerSignsIn(journey());
    for (const [path, ready] of [
      ['/merchant', 'Overview'],
      ['/merchant/trades', 'Longjing tea gift box'],
      ['/merchant/payouts', 'Payouts'],
      ['/merchant/developers', 'API keys'],
      ['/merchant/webhooks', 'Webhook'],
    ] as const)
      await audit(owner, path, ready, found);

    const operator = await journey().actor({ viewport: { width: 1280, height: 800 } });
    await operator.goto('/console');
    await operator.getByLabel('Email').fill(journey().demo.operator.email);
    await operator.getByLabel('Password').fill(journey().demo.operator.password);
    await operator.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => operator.locator('main').textContent()).toContain('Ledger');
    for (const [path, ready] of [
      ['/console', 'Ledger'],
      ['/console/users', 'Users'],
      ['/console/disputes', 'Disputes'],
      ['/console/clocks', 'Demo clock'],
      ['/console/jobs', 'Jobs'],
    ] as const)
      await audit(operator, path, ready, found);
    expect(found).toEqual({});

    // The audit does find what it looks for: here, a field without a label.
    await operator.evaluate(() => document.querySelector('main')!.append(document.createElement('input')));
    expect((await accessibilityViolations(operator)).map((violation) => violation.rule)).toEqual(['label']);
  });
});
