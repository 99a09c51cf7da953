// The sandbox demo world, made on a server's first start with an empty database (unless
// --no-demo): two consumers with PINs, a linked test card and balances; a merchant with its owner
// and a secret API key; an operator (admin); and two escrow orders waiting to be paid, one of them
// on a test clock, so that a newcomer can sign in as each and try every operation at once: pay,
// ship, confirm, dispute and decide, and advance a clock until a trade confirms itself.

import { parseAmount } from './money/index.js';
import type { Services } from './services.js';
import { AccountCode } from './wallet/index.js';
import type { Merchant } from './identity/index.js';

export const demoPassword = 'zhifu-demo';
export const demoPin = '123456';

export interface DemoUser {
  readonly name: string;
  readonly identifier: string;
  readonly balance: string;
}

export const demoUsers: readonly (DemoUser & { readonly signUp: { phone?: string; email?: string } })[] = [
  { name: 'Li Wei (consumer)', identifier: '+8613800000001', signUp: { phone: '+8613800000001' }, balance: '1000.00' },
  { name: 'Wang Fang (consumer)', identifier: 'wang.fang@example.com', signUp: { email: 'wang.fang@example.com' }, balance: '500.00' },
];

export const demoMerchantOwner = { identifier: 'owner@teahouse.example', name: 'Demo Tea House' };
export const demoOperator = { email: 'admin@zhifu.example', password: 'zhifu-demo-operator', role: 'admin' } as const;

export interface DemoWorld {
  readonly users: readonly DemoUser[];
  readonly merchant: { readonly id: string; readonly name: string; readonly owner: string; readonly secretKey: string };
  readonly operator: { readonly email: string; readonly password: string; readonly role: string };
}

/** Creates the demo world if nobody has signed up yet; undefined if it did nothing. */
export async function createDemoWorld(services: Services, hasUsers: () => Promise<boolean>): Promise<DemoWorld | undefined> {
  if (await hasUsers()) return undefined;
  const userIds: string[] = [];
  for (const demo of demoUsers) {
    const balanceAccountId = await services.wallet.openBalanceAccount();
    const created = await services.identity.signUp({ ...demo.signUp, password: demoPassword }, balanceAccountId);
    if (!created.ok) throw new Error(`demo world: ${demo.identifier} could not sign up (${created.code})`);
    const user = created.value;
    userIds.push(user.id);
    const pin = await services.identity.setPin(user.id, demoPin, demoPassword);
    if (!pin.ok) throw new Error(`demo world: PIN of ${demo.identifier} (${pin.code})`);
    const card = await services.wallet.linkCard(user.id, '4242424242424242', `demo:${user.id}:card`);
    if (!card.ok) throw new Error(`demo world: card of ${demo.identifier} (${card.code})`);
    const parsed = parseAmount(demo.balance, 'CNY');
    if (!parsed.ok) throw new Error(`demo world: balance ${demo.balance} (${parsed.code})`);
    const amount = parsed.amount;
    const topUp = await services.wallet.topUp(user, card.value.id, amount, `demo:${user.id}:top-up`);
    if (!topUp.ok) throw new Error(`demo world: top-up of ${demo.identifier} (${topUp.code})`);
  }
  const owner = await services.identity.signUp({ email: demoMerchantOwner.identifier, password: demoPassword }, await services.wallet.openBalanceAccount());
  if (!owner.ok) throw new Error(`demo world: the merchant owner could not sign up (${owner.code})`);
  const merchant = await services.merchants.createMerchant(owner.value.id, demoMerchantOwner.name, await services.wallet.openBalanceAccount(AccountCode.merchantBalance));
  const key = await services.merchants.createApiKey(merchant.id, ['*']);
  if (key === 'api_key_limit_reached') throw new Error('demo world: no API key');
  await createDemoOrders(services, merchant, userIds);
  const operator = await services.operators.createOperator(demoOperator.email, demoOperator.password, demoOperator.role);
  if (typeof operator === 'string') throw new Error(`demo world: the operator could not be made (${operator})`);
  return { users: demoUsers, merchant: { id: merchant.id, name: merchant.name, owner: demoMerchantOwner.identifier, secretKey: key.secret }, operator: demoOperator };
}

export function describeDemoWorld(world: DemoWorld, url: string): string {
  const lines = [`Demo world ready (sandbox). Open ${url} in a browser (the wallet; ${url}/merchant the merchant dashboard; ${url}/console the operator console), or use the API:`];
  for (const user of world.users) lines.push(`  ${user.name}: ${user.identifier} / password ${demoPassword} / PIN ${demoPin} / balance ${user.balance} CNY`);
  lines.push(`  Merchant ${world.merchant.name} (${world.merchant.id}): owner ${world.merchant.owner} / password ${demoPassword} (at /merchant); secret API key ${world.merchant.secretKey} (shown this once)`);
  lines.push(`  Operator (${world.operator.role}): ${world.operator.email} / password ${world.operator.password} (at /console)`);
  lines.push('  Orders: Li Wei has an escrow order to pay (demo-escrow-1); Wang Fang has one on the merchant\'s test clock "Demo clock" (demo-clock-1), which the console advances.');
  lines.push('  Test cards: 4242424242424242 succeeds, 4000000000000002 declines, 4000000000009995 lacks funds, 4000000000000119 fails.');
  return lines.join('\n');
}

/**
 * Two escrow orders for the demo consumers, unpaid: Li Wei's to pay, ship, confirm (or dispute);
 * Wang Fang's on the merchant's test clock "Demo clock", which an operator advances in the console
 * to watch a shipped trade confirm itself ten days later.
 */
async function createDemoOrders(services: Services, merchant: Merchant, [liWei, wangFang]: readonly string[]): Promise<void> {
  const orders: { outTradeNo: string; subject: string; buyer: string | undefined; items: { name: string; amount: bigint }[]; testClockId?: string }[] = [
    { outTradeNo: 'demo-escrow-1', subject: 'Longjing tea gift box', buyer: liWei, items: [{ name: 'Longjing tea, 250 g', amount: 9800n }, { name: 'Celadon cup', amount: 3000n }] },
  ];
  const clock = await services.testClocks.create(merchant.id, 'Demo clock');
  if (clock.ok) orders.push({ outTradeNo: 'demo-clock-1', subject: 'Tea sampler (on the Demo clock)', buyer: wangFang, items: [{ name: 'Tea sampler', amount: 6600n }], testClockId: clock.value.id });
  for (const order of orders) {
    const created = await services.trades.createTrade(merchant, { type: 'platform' }, {
      kind: 'escrow',
      outTradeNo: order.outTradeNo,
      subject: order.subject,
      amount: order.items.reduce((sum, item) => sum + item.amount, 0n),
      ...(order.buyer === undefined ? {} : { buyerUserId: order.buyer }),
      timeoutExpress: '15d',
      items: order.items,
      ...(order.testClockId === undefined ? {} : { testClockId: order.testClockId }),
    });
    if (!created.ok) throw new Error(`demo world: order ${order.outTradeNo} (${created.code})`);
  }
}
