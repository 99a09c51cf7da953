// Journey: a consumer switches the wallet to Chinese; the home page and the pages opened after it
// speak Chinese, the document says so (lang), and the choice stays after a reload.

import { describe, expect, it } from 'vitest';
import { useJourney } from './support/journey.js';
import { liWei, signIn } from './support/wallet.js';

describe('the wallet in Chinese', () => {
  const journey = useJourney('wallet-language');

  it('switches to Chinese and remembers it', async () => {
    const { shot } = journey();
    const page = await journey().actor();
    await signIn(page, liWei);
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('¥1,000.00');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await shot(page, 'home-en');

    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('我的钱包');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByText('可用余额').isVisible()).toBe(true);
    for (const label of ['充值', '提现', '转账', '收钱', '扫一扫', '付款码', '对账单']) expect(await page.getByRole('navigation', { name: '快捷功能' }).getByRole('link', { name: label }).isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: '钱包' }).getByRole('link', { name: '首页' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '中文' }).getAttribute('aria-pressed')).toBe('true');
    await shot(page, 'home-zh');

    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('我的钱包');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.title()).toBe('支付');

    // A page loaded later brings its own Chinese texts.
    await page.getByRole('link', { name: '转账' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('转账');
    expect(await page.getByLabel('收款人（手机号或邮箱）').isVisible()).toBe(true);
    await shot(page, 'transfer-zh');
    await page.getByRole('navigation', { name: '钱包' }).getByRole('link', { name: '我的' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('我的与设置');
    await shot(page, 'settings-zh');
  });
});
