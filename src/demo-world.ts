// The sandbox demo world, made on a server's first start with an empty database (unless
// --no-demo): two consumers with PINs, a linked test card and balances, so that a newcomer can
// sign in and try every wallet operation at once.

import { parseAmount } from './money/index.js';
import type { Services } from './services.js';

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

/** Creates the demo world if nobody has signed up yet; returns the users it made (none if it did nothing). */
export async function createDemoWorld(services: Services, hasUsers: () => Promise<boolean>): Promise<readonly DemoUser[]> {
  if (await hasUsers()) return [];
  for (const demo of demoUsers) {
    const balanceAccountId = await services.wallet.openBalanceAccount();
    const created = await services.identity.signUp({ ...demo.signUp, password: demoPassword }, balanceAccountId);
    if (!created.ok) throw new Error(`demo world: ${demo.identifier} could not sign up (${created.code})`);
    const user = created.value;
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
  return demoUsers;
}

export function describeDemoWorld(users: readonly DemoUser[], url: string): string {
  const lines = [`Demo world ready (sandbox). Sign in at ${url} or with POST /v1/sessions:`];
  for (const user of users) lines.push(`  ${user.name}: ${user.identifier} / password ${demoPassword} / PIN ${demoPin} / balance ${user.balance} CNY`);
  lines.push('  Test cards: 4242424242424242 succeeds, 4000000000000002 declines, 4000000000009995 lacks funds, 4000000000000119 fails.');
  return lines.join('\n');
}
