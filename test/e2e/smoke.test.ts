// The first screen: a demo consumer signs in and sees their balance and the demo world's order to
// pay; the home screen is served
// with its security headers, and an unknown API path stays a JSON 404, not the page.

import { describe, expect, it } from 'vitest';
import { useJourney } from './support/journey.js';

describe('the wallet home', () => {
  const journey = useJourney('wallet-home');

  it('signs a demo consumer in and shows the balance', async () => {
    const { base } = journey();
    const page = await journey().actor();
    await page.goto('/');
    await page.getByLabel('Phone or email').fill('+8613800000001');
    await page.getByLabel('Password').fill('zhifu-demo');
    await journey().shot(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('¥1,000.00');
    await journey().shot(page, 'home');
    // The demo world leaves an escrow order for a newcomer to pay, ship and confirm.
    await page.getByRole('link', { name: 'Orders' }).first().click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Longjing tea gift box');
    await journey().shot(page, 'demo-order');
    const home = await fetch(`${base}/orders`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    const missing = await fetch(`${base}/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('route_not_found');
  });
});
