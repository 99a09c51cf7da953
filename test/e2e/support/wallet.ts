// Steps the wallet journeys share: signing a person in through the page, and the demo world's
// people and their PIN.

import type { Page } from 'playwright-core';

export const demoPassword = 'zhifu-demo';
export const demoPin = '123456';
export const liWei = '+8613800000001';
export const wangFang = 'wang.fang@example.com';

/** Opens `path` (the wallet sends a signed-out person to sign in first) and signs in. */
export async function signIn(page: Page, identifier: string, path = '/', password = demoPassword): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Phone or email').fill(identifier);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** The page's width past the screen's: 0 when nothing scrolls sideways. */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
}
