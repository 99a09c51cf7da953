// `zhifu merchant create` and `zhifu operator create`: organisations and platform staff, made by
// the operator who runs the platform.

import type { Command } from 'commander';
import { AccountCode } from '../../wallet/index.js';
import { ArgumentError, RefusedError } from '../arguments.js';
import type { Run } from './ledger.js';
import { withServices } from './users.js';

export function registerPrincipalCommands(program: Command, run: Run): void {
  program
    .command('merchant')
    .description('merchants')
    .command('create')
    .description('create a merchant owned by an existing user (a CNY balance account comes with it)')
    .requiredOption('--owner <user>', 'user id, phone or email of the owner')
    .requiredOption('--name <name>', 'the merchant name')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        const merchant = await withServices(async (services) => {
          const owner = await services.identity.findUser(options.owner as string);
          if (owner === undefined) throw new ArgumentError('user_not_found', `no user ${options.owner}`);
          const name = String(options.name).trim();
          if (name.length === 0 || name.length > 100) throw new ArgumentError('argument_out_of_range', '--name must be 1 to 100 characters');
          return services.merchants.createMerchant(owner.id, name, await services.wallet.openBalanceAccount(AccountCode.merchantBalance));
        });
        output.print({ id: merchant.id, name: merchant.name, balanceAccountId: merchant.balanceAccountId }, () => `merchant ${merchant.id} (${merchant.name}) created`);
        return 0;
      }),
    );

  program
    .command('operator')
    .description('platform operators')
    .command('create')
    .description('create an operator with a role: support, risk, finance or admin')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--password <password>', 'at least 12 characters')
    .requiredOption('--role <role>', 'support, risk, finance or admin')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        const operator = await withServices((services) => services.operators.createOperator(options.email as string, options.password as string, options.role as string));
        if (typeof operator === 'string') throw new RefusedError(operator, 'cannot create the operator');
        output.print(operator, () => `operator ${operator.id} (${operator.email}, ${operator.role}) created`);
        return 0;
      }),
    );
}
