// `zhifu user …` and `zhifu wallet …`: operator commands over the same services as the API.

import type { Command } from 'commander';
import { formatAmount } from '../../money/index.js';
import { systemClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { createServices, type Services } from '../../services.js';
import { Ledger, openPlatformDatabase, openStore, type PlatformDatabase } from '../../store/index.js';
import { commandLineOperator } from '../actor.js';
import { ArgumentError, parseAmountArgument, RefusedError } from '../arguments.js';
import { table } from '../output.js';
import type { Run } from './ledger.js';

export async function withServices<T>(use: (services: Services, platform: PlatformDatabase) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const ledger = new Ledger(await openStore(config.store), systemClock);
  const platform = await openPlatformDatabase(config.store);
  try {
    return await use(await createServices({ ledger, platform, clock: systemClock, mode: config.mode, walletLimitOverrides: config.walletLimits, ...(config.pinKey === undefined ? {} : { pinKey: config.pinKey }) }), platform);
  } finally {
    await ledger.close();
    await platform.close();
  }
}

/** A deposit's reference, at most. */
export const depositReferenceLengthMax = 255;

async function findUser(services: Services, identifier: string) {
  const user = await services.identity.findUser(identifier);
  if (user === undefined) throw new ArgumentError('user_not_found', `no user ${identifier} (give a user id, phone or email)`);
  return user;
}

export function registerUserCommands(program: Command, run: Run): void {
  const user = program.command('user').description('consumers');
  user
    .command('create')
    .description('create a consumer (a CNY balance account comes with it)')
    .option('--phone <phone>', 'phone number')
    .option('--email <email>', 'email address')
    .requiredOption('--password <password>', '8 to 128 characters')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        const created = await withServices(async (services) => {
          const input = { password: options.password as string, ...(options.phone ? { phone: options.phone as string } : {}), ...(options.email ? { email: options.email as string } : {}) };
          const checked = await services.identity.checkSignUp(input);
          if (!checked.ok) throw new RefusedError(checked.code, 'cannot create the user');
          const line = (created: { id: string }) => services.operatorActions.lineOf({ operatorId: commandLineOperator(), action: 'user.create', target: { type: 'user', id: created.id } });
          const outcome = await services.identity.signUp(input, await services.wallet.openBalanceAccount(), line);
          if (!outcome.ok) throw new RefusedError(outcome.code, 'cannot create the user');
          return outcome.value;
        });
        output.print({ id: created.id, phone: created.phone, email: created.email, balanceAccountId: created.balanceAccountId }, () => `user ${created.id} created (balance account ${created.balanceAccountId})`);
        return 0;
      }),
    );

  const wallet = program.command('wallet').description('consumer wallets');
  wallet
    .command('topup')
    .description("credit a user's balance (an operator deposit, from the bank clearing account)")
    .requiredOption('--user <user>', 'user id, phone or email')
    .requiredOption('--amount <amount>', 'CNY, e.g. 100.00')
    .option('--note <note>', 'why', 'operator deposit')
    .option('--reference <reference>', 'your own reference (a slip number): running the command again with it deposits once and shows the same deposit')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        const amount = parseAmountArgument(options.amount as string, 'CNY');
        if (amount === 0n) throw new ArgumentError('amount_zero', '--amount must be more than 0');
        const reference = options.reference as string | undefined;
        if (reference !== undefined && (reference.length === 0 || reference.length > depositReferenceLengthMax)) throw new ArgumentError('argument_out_of_range', `--reference must be 1 to ${depositReferenceLengthMax} characters`);
        const record = await withServices(async (services) => {
          const target = await findUser(services, options.user as string);
          const line = (record: { id: string }) => services.operatorActions.lineOf({ operatorId: commandLineOperator(), action: 'wallet.deposit', target: { type: 'user', id: target.id }, details: { top_up: record.id, amount: formatAmount(amount, 'CNY'), currency: 'CNY', note: options.note as string } });
          const outcome = await services.wallet.deposit(target, amount, options.note as string, reference, line);
          if (!outcome.ok) throw new RefusedError(outcome.code, 'the deposit was refused');
          return outcome.value;
        });
        output.print({ id: record.id, user: record.user_id, amount: formatAmount(amount, 'CNY'), currency: 'CNY', status: record.status }, () => `deposited ${formatAmount(amount, 'CNY')} CNY to ${record.user_id} (${record.id})`);
        return 0;
      }),
    );

  wallet
    .command('show')
    .description("a user's balance and latest transactions")
    .requiredOption('--user <user>', 'user id, phone or email')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        const shown = await withServices(async (services) => {
          const target = await findUser(services, options.user as string);
          const balance = await services.wallet.balance(target.balanceAccountId);
          const page = await services.transactions.list(target, { limit: 10 });
          return { target, balance, page };
        });
        const { target, balance } = shown;
        const transactions = shown.page.ok ? shown.page.data : [];
        output.print(
          { user: target.id, kycTier: target.kycTier, available: formatAmount(balance.available, 'CNY'), pending: formatAmount(balance.pending, 'CNY'), currency: 'CNY', transactions: transactions.map((t) => ({ id: t.id, type: t.kind, amount: formatAmount(t.signedAmount, 'CNY'), status: t.status })) },
          () =>
            [
              `${target.id} (${target.phone ?? target.email}, ${target.kycTier}): available ${formatAmount(balance.available, 'CNY')} CNY, pending ${formatAmount(balance.pending, 'CNY')} CNY`,
              transactions.length === 0 ? 'no transactions' : table(['id', 'type', 'amount', 'status'], transactions.map((t) => [t.id, t.kind, formatAmount(t.signedAmount, 'CNY'), t.status])),
            ].join('\n'),
        );
        return 0;
      }),
    );
}
