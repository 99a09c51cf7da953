// Steps the merchant dashboard's journeys share: the owner signing in at /merchant (sent to the
// wallet's sign-in page and back), the demo merchant called by API with its secret key, and a
// consumer's session token for paying or confirming by API.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Journey } from './journey.js';

export const ownerEmail = 'owner@teahouse.example';
export const demoPassword = 'zhifu-demo';
export const demoPin = '123456';
export const desktop = { viewport: { width: 1280, height: 800 } } as const;

/** The owner opens /merchant, signs in on the page it sends them to, and lands on the overview. */
export async function ownerSignsIn(journey: Journey, shotName?: string): Promise<Page> {
  const page = await journey.actor(desktop);
  await page.goto('/merchant');
  await page.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('next') === '/merchant');
  await page.getByLabel('Phone or email').fill(ownerEmail);
  await page.getByLabel('Password').fill(demoPassword);
  if (shotName !== undefined) await journey.shot(page, shotName);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/merchant');
  await expect.poll(() => page.getByTestId('merchant-name').textContent()).toBe('Demo Tea House');
  return page;
}

/** The API as the demo merchant's own server (its secret key). */
export async function asMerchant<T>(journey: Journey, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const answer = await journey.api<T>(method, path, { token: journey.demo.merchant.secretKey, ...(body === undefined ? {} : { body }) });
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
  return answer.body;
}

/** A consumer's session token (POST /v1/sessions). */
export async function sessionOf(journey: Journey, identifier: string): Promise<string> {
  const answer = await journey.api<{ token: string }>('POST', '/v1/sessions', { body: { identifier, password: demoPassword } });
  expect(answer.status).toBe(201);
  return answer.body.token;
}

/** The text of a labelled amount on a trade's page ("held", "released", "refunded"…). */
export function amountOn(page: Page, name: string) {
  return page.getByTestId('amounts').locator(`[data-amount="${name}"]`).textContent();
}

/** A screenshot from the top of the page (the sticky top bar stays where it belongs in a full-page shot). */
export async function shotFromTop(journey: Journey, page: Page, name: string): Promise<string> {
  await page.evaluate('window.scrollTo(0, 0)');
  return journey.shot(page, name);
}
