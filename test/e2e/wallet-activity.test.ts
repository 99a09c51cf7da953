// Journey: a consumer who paid a shop finds it in the wallet. Li Wei pays a direct order and an
// escrow order, and the shop gives back part of the held money; her home page lists the purchase
// and the refund with the shop's name, the activity filters purchases and refunds and leads to the
// order, in English and in Chinese, and the month's statement has them with its totals.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/accessibility.js';
import { useJourney } from './support/journey.js';
import { demoPassword, demoPin, liWei, signIn } from './support/wallet.js';

describe('purchases and refunds in the wallet activity', () => {
  const journey = useJourney('wallet-activity');

  it('shows what she paid the shop and what came back, on the home page, in the activity and in the statement', async () => {
    const { shot, api, demo } = journey();
    const key = demo.merchant.secretKey;
    const shop = demo.merchant.name;
    const session = await api<{ token: string; user: { id: string } }>('POST', '/v1/sessions', { body: { identifier: liWei, password: demoPassword } });
    const order = async (kind: 'direct' | 'escrow', subject: string, amount: string) => {
      const created = await api<{ id: string }>('POST', '/v1/trades', { token: key, body: { kind, out_trade_no: `activity-${subject}-${Date.now()}`, subject, amount, currency: 'CNY', buyer: session.body.user.id } });
      expect((await api('POST', `/v1/orders/${created.body.id}/pay`, { token: session.body.token, body: { pin: demoPin } })).status).toBe(200);
      return created.body.id;
    };
    await order('direct', 'Jasmine tea', '38.00');
    const tray = await order('escrow', 'Tea tray', '120.00');
    expect((await api('POST', `/v1/trades/${tray}/refunds`, { token: key, body: { amount: '20.00', currency: 'CNY', out_request_no: 'tray-scratch' } })).status).toBe(201);

    const page = await journey().actor();
    await signIn(page, liWei);
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('¥862.00');
    expect(await page.getByText('¥100.00 on its way').isVisible()).toBe(true);
    const recent = page.getByRole('region', { name: 'Recent activity' }).getByRole('listitem');
    await expect.poll(() => recent.count()).toBe(4);
    const latest = await recent.allTextContents();
    expect(latest[0]).toContain('Refund');
    expect(latest[0]).toContain(`From ${shop}`);
    expect(latest[0]).toContain('+¥20.00');
    expect(latest[1]).toContain(`To ${shop}`);
    expect(latest[1]).toContain('-¥120.00');
    expect(latest[2]).toContain('-¥38.00');
    expect(latest[3]).toContain('Top-up');
    await shot(page, 'home-recent');

    await page.getByRole('link', { name: 'See all' }).click();
    const items = page.getByTestId('transactions').getByRole('listitem');
    await expect.poll(() => items.count()).toBe(4);
    // The rows with the shop and a link to the order pass WCAG 2.1 A/AA (names, contrast).
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Type').selectOption({ label: 'Purchase' });
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.allTextContents()).toEqual([expect.stringMatching(new RegExp(`Purchase.*To ${shop}.*Tea tray.*-¥120\\.00`)), expect.stringMatching(/Purchase.*Jasmine tea.*-¥38\.00/)]);
    await shot(page, 'activity-purchases');
    await page.getByLabel('Type').selectOption({ label: 'Refund' });
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toMatch(new RegExp(`Refund.*From ${shop}.*Tea tray.*\\+¥20\\.00`));
    await shot(page, 'activity-refunds');

    // The purchase leads to its order.
    await items.first().getByRole('link', { name: 'Tea tray' }).click();
    await page.waitForURL(`**/orders/${tray}`);
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Paid, waiting for shipment');

    // In Chinese.
    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('我的钱包');
    await expect.poll(async () => (await page.getByRole('region', { name: '最近动态' }).getByRole('listitem').first().textContent()) ?? '').toContain(`${shop} 退回`);
    await page.getByRole('link', { name: '查看全部' }).click();
    await page.getByLabel('类型').selectOption({ label: '购物' });
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.first().textContent()).toContain(`付给 ${shop}`);
    await shot(page, 'activity-zh');

    // The month's statement lists them with the shop and the order, and its totals.
    await page.goto('/statements');
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载对账单' }).click();
    const csv = readFileSync((await (await downloaded).path())!, 'utf8');
    const rows = csv.trimEnd().split('\r\n').map((line) => line.split(','));
    const trades = rows.filter((fields) => fields[2] === 'trade_payment' || fields[2] === 'trade_refund').map((fields) => [fields[2], fields[3], fields[6], fields[7], fields[8]]);
    expect(trades).toEqual([
      ['trade_payment', '-38.00', shop, expect.stringMatching(/^trd_/), 'Jasmine tea'],
      ['trade_payment', '-120.00', shop, tray, 'Tea tray'],
      ['trade_refund', '20.00', shop, tray, 'Tea tray'],
    ]);
    const value = (name: string) => rows.find((fields) => fields[0] === name)?.[1];
    expect([value('total_trade_payment'), value('total_trade_refund')]).toEqual(['-158.00', '20.00']);
    expect(value('closing_balance')).toBe('862.00');
  });
});
