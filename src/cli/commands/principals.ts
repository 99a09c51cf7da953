// `zhifu merchant create`, `zhifu app create` and `zhifu operator create`: organisations, their
// gateway apps, and platform staff, made by the operator who runs the platform.

import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
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
    .command('app')
    .description('apps of the Alipay-compatible gateway')
    .command('create')
    .description("register a merchant's app with its RSA public key; prints the app_id and the platform's public key (PEM)")
    .requiredOption('--merchant <merchant>', 'the merchant id')
    .requiredOption('--public-key-file <file>', "the app's RSA public key, PEM or base64 (2048 bits or more)")
    .option('--name <name>', 'a name for the app', 'gateway app')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        let publicKey: string;
        try {
          publicKey = readFileSync(options.publicKeyFile as string, 'utf8');
        } catch (error) {
          throw new ArgumentError('file_unreadable', `cannot read ${options.publicKeyFile}: ${(error as Error).message}`);
        }
        const created = await withServices(async (services) => {
          if ((await services.merchants.findMerchant(options.merchant as string)) === undefined) throw new ArgumentError('merchant_not_found', `no merchant ${options.merchant}`);
          const outcome = await services.apps.createApp(options.merchant as string, String(options.name), publicKey);
          if (!outcome.ok) throw new RefusedError(outcome.code, 'cannot create the app');
          return { app: outcome.app, platformPublicKey: services.gatewayKeys.publicKeyPem };
        });
        output.print({ app_id: created.app.app_id, merchant: created.app.merchant_id, platform_public_key: created.platformPublicKey }, () => `app ${created.app.app_id} created for ${created.app.merchant_id}\nplatform public key (alipayPublicKey in Alipay's SDKs):\n${created.platformPublicKey}`);
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
