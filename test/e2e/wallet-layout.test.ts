// The wallet on a 375 px phone: no page scrolls sideways, in English and in Chinese, with real
// content (an order with items, a pay page, activity), and the bottom bar keeps the last line of
// a page reachable.

import { describe, expect, it } from 'vitest';
import { useJourney } from './support/journey.js';
import { demoPassword, liWei, sidewaysOverflow, signIn } from './support/wallet.js';

describe('the wallet at 375 px', () => {
  const journey = useJourney('wallet-layout');

  it('never scrolls sideways', async () => {
    const { shot, api, demo } = journey();
    const key = demo.merchant.secretKey;
    const buyer = (await api<{ user: { id: string } }>('POST', '/v1/sessions', { body: { identifier: liWei, password: demoPassword } })).body.user.id;
    const order = await api<{ id: string }>('POST', '/v1/trades', {
      token: key,
      body: { kind: 'escrow', out_trade_no: `layout-${Date.now()}`, subject: 'A rather long subject: Wuyi rock tea gift box with a carved bamboo scoop', amount: '1288.00', currency: 'CNY', buyer, items: [{ name: 'Da Hong Pao, aged, 250 g tin', amount: '1088.00' }, { name: 'Carved bamboo scoop', amount: '200.00' }] },
    });
    const open = await api<{ id: string }>('POST', '/v1/trades', { token: key, body: { kind: 'direct', out_trade_no: `layout-qr-${Date.now()}`, subject: 'Jasmine tea', amount: '18.00', currency: 'CNY' } });

    const page = await journey().actor();
    expect(page.viewportSize()?.width).toBe(375);
    await signIn(page, liWei);
    const paths = ['/', '/pay', '/orders', `/orders/${order.body.id}`, `/pay/${open.body.id}`, '/transactions', '/topup', '/withdraw', '/transfer', '/receive', '/paycode', '/statements', '/settings'];
    for (const language of ['en', 'zh'] as const) {
      if (language === 'zh') await page.getByRole('banner').getByRole('button', { name: '中文' }).click();
      for (const path of paths) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        // Let lazy content (lists, QR codes) arrive before measuring.
        await page.waitForLoadState('networkidle');
        expect(await sidewaysOverflow(page), `${path} in ${language}`).toBeLessThanOrEqual(0);
        expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
        await shot(page, `${language}-${path === '/' ? 'home' : path === `/orders/${order.body.id}` ? 'order' : path === `/pay/${open.body.id}` ? 'pay-trade' : path.slice(1)}`);
      }
    }
  });
});
