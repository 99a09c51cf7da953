// `zhifu merchant create`, `zhifu app create|update|disable`, `zhifu clock create|advance` and
// `zhifu operator create`: organisations, their gateway apps, sandbox test clocks, and platform
// staff, for the operator who runs the platform.

import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { appNameLengthMax } from '../../identity/index.js';
import { AccountCode } from '../../wallet/index.js';
import { ArgumentError, RefusedError } from '../arguments.js';
import type { Run } from './ledger.js';
import { commandLineOperator } from '../actor.js';
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
          const line = (merchant: { id: string }) => services.operatorActions.lineOf({ operatorId: commandLineOperator(), action: 'merchant.create', target: { type: 'merchant', id: merchant.id }, details: { name, owner: owner.id } });
          return services.merchants.createMerchant(owner.id, name, await services.wallet.openBalanceAccount(AccountCode.merchantBalance), line);
        });
        output.print({ id: merchant.id, name: merchant.name, balanceAccountId: merchant.balanceAccountId }, () => `merchant ${merchant.id} (${merchant.name}) created`);
        return 0;
      }),
    );

  const app = program.command('app').description('apps of the Alipay-compatible gateway');
  app
    .command('create')
    .description("register a merchant's app with its RSA public key; prints the app_id and the platform's public key (PEM)")
    .requiredOption('--merchant <merchant>', 'the merchant id')
    .requiredOption('--public-key-file <file>', "the app's RSA public key, PEM or base64 (2048 bits or more)")
    .option('--name <name>', 'a name for the app', 'gateway app')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        const publicKey = readKeyFile(options.publicKeyFile as string);
        const created = await withServices(async (services) => {
          if ((await services.merchants.findMerchant(options.merchant as string)) === undefined) throw new ArgumentError('merchant_not_found', `no merchant ${options.merchant}`);
          const merchant = options.merchant as string;
          const line = (created: { app_id: string; name: string }) => services.operatorActions.lineOf({ operatorId: commandLineOperator(), action: 'app.create', target: { type: 'app', id: created.app_id }, account: merchant, details: { merchant, name: created.name } });
          const outcome = await services.apps.createApp(merchant, String(options.name), publicKey, line);
          if (!outcome.ok) throw new RefusedError(outcome.code, 'cannot create the app');
          return { app: outcome.app, platformPublicKey: services.gatewayKeys.publicKeyPem };
        });
        output.print({ app_id: created.app.app_id, merchant: created.app.merchant_id, platform_public_key: created.platformPublicKey }, () => `app ${created.app.app_id} created for ${created.app.merchant_id}\nplatform public key (alipayPublicKey in Alipay's SDKs):\n${created.platformPublicKey}`);
        return 0;
      }),
    );
  app
    .command('update')
    .description("replace an app's RSA public key (requests signed with the old key are refused from then on) or rename it")
    .requiredOption('--app <app>', 'the app_id')
    .option('--public-key-file <file>', "the app's new RSA public key, PEM or base64 (2048 bits or more)")
    .option('--name <name>', 'a new name')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        if (options.publicKeyFile === undefined && options.name === undefined) throw new ArgumentError('argument_missing', 'give --public-key-file, --name or both');
        const publicKey = options.publicKeyFile === undefined ? undefined : readKeyFile(options.publicKeyFile as string);
        const name = options.name === undefined ? undefined : String(options.name).trim();
        if (name !== undefined && (name.length === 0 || name.length > appNameLengthMax)) throw new ArgumentError('argument_out_of_range', `--name must be 1 to ${appNameLengthMax} characters`);
        const updated = await withServices(async (services) => {
          const found = await services.apps.findApp(options.app as string);
          if (found === undefined) throw new ArgumentError('app_not_found', `no app ${options.app}`);
          const details = { merchant: found.merchant_id, public_key_given: publicKey !== undefined, ...(name === undefined ? {} : { name }) };
          const line = services.operatorActions.lineOf({ operatorId: commandLineOperator(), action: 'app.update', target: { type: 'app', id: found.app_id }, account: found.merchant_id, details });
          const outcome = await services.apps.updateApp(found.merchant_id, found.app_id, { ...(publicKey === undefined ? {} : { publicKey }), ...(name === undefined ? {} : { name }) }, line);
          if (!outcome.ok) throw new RefusedError(outcome.code, 'cannot change the app');
          return outcome.app;
        });
        output.print({ app_id: updated.app_id, merchant: updated.merchant_id, name: updated.name, status: updated.status }, () => `app ${updated.app_id} of ${updated.merchant_id} updated`);
        return 0;
      }),
    );
  app
    .command('disable')
    .description("disable an app for good: the gateway refuses it and its trades' notifications still waiting are dropped")
    .requiredOption('--app <app>', 'the app_id')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        const disabled = await withServices(async (services) => {
          const found = await services.apps.findApp(options.app as string);
          if (found === undefined) throw new ArgumentError('app_not_found', `no app ${options.app}`);
          const line = services.operatorActions.lineOf({ operatorId: commandLineOperator(), action: 'app.disable', target: { type: 'app', id: found.app_id }, account: found.merchant_id, details: { merchant: found.merchant_id } });
          const outcome = await services.apps.disableApp(found.merchant_id, found.app_id, line);
          if (!outcome.ok) throw new ArgumentError('app_not_found', `no app ${options.app}`);
          return outcome.app;
        });
        output.print({ app_id: disabled.app_id, merchant: disabled.merchant_id, status: disabled.status }, () => `app ${disabled.app_id} of ${disabled.merchant_id} disabled`);
        return 0;
      }),
    );

  const clock = program.command('clock').description('sandbox test clocks');
  clock
    .command('create')
    .description('make a test clock (for a merchant, or for operators)')
    .requiredOption('--name <name>', 'a name')
    .option('--merchant <merchant>', 'the merchant that owns it')
    .option('--frozen-time <time>', 'where it starts (ISO 8601); now by default')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        const start = options.frozenTime === undefined ? undefined : Date.parse(options.frozenTime as string);
        if (start !== undefined && Number.isNaN(start)) throw new ArgumentError('argument_malformed', '--frozen-time must be an ISO 8601 time');
        const created = await withServices(async (services) => {
          const merchant = options.merchant as string | undefined;
          if (merchant !== undefined && (await services.merchants.findMerchant(merchant)) === undefined) throw new ArgumentError('merchant_not_found', `no merchant ${merchant}`);
          return services.testClocks.create(merchant ?? null, String(options.name), start);
        });
        if (!created.ok) throw new RefusedError(created.code, 'cannot make the clock');
        output.print({ id: created.value.id, name: created.value.name, frozen_time: new Date(Number(created.value.frozen_time)).toISOString() }, () => `clock ${created.value.id} at ${new Date(Number(created.value.frozen_time)).toISOString()}`);
        return 0;
      }),
    );
  clock
    .command('advance')
    .description('move a test clock forward and run everything that falls due on it')
    .requiredOption('--clock <clock>', 'the clock id')
    .option('--days <days>', 'days to move', '0')
    .option('--seconds <seconds>', 'seconds to move', '0')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        const days = Number(options.days);
        const seconds = Number(options.seconds);
        if (!Number.isInteger(days) || !Number.isInteger(seconds) || days < 0 || seconds < 0 || days * 86_400 + seconds === 0) throw new ArgumentError('argument_out_of_range', '--days and --seconds must be whole numbers, not both 0');
        const advanced = await withServices(async (services) => {
          const found = await services.testClocks.find(options.clock as string, undefined);
          if (found === undefined) throw new RefusedError('test_clock_not_found', `no clock ${options.clock}`);
          return services.testClocks.advance(found.id, undefined, Number(found.frozen_time) + days * 86_400_000 + seconds * 1000, async (id) => (await services.merchants.findMerchant(id))!);
        });
        if (!advanced.ok) throw new RefusedError(advanced.code, 'cannot advance the clock');
        const at = new Date(Number(advanced.value.clock.frozen_time)).toISOString();
        output.print({ id: advanced.value.clock.id, frozen_time: at, trades_moved: advanced.value.moved }, () => `clock ${advanced.value.clock.id} now at ${at}; ${advanced.value.moved} trade(s) moved`);
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
        const operator = await withServices((services) =>
          services.operators.createOperator(options.email as string, options.password as string, options.role as string, (created) =>
            services.operatorActions.lineOf({ operatorId: commandLineOperator(), action: 'operator.create', target: { type: 'operator', id: created.id }, details: { email: created.email, role: created.role } }),
          ),
        );
        if (typeof operator === 'string') throw new RefusedError(operator, 'cannot create the operator');
        output.print(operator, () => `operator ${operator.id} (${operator.email}, ${operator.role}) created`);
        return 0;
      }),
    );
}

/** The text of a key file, or the argument error that says why it cannot be read. */
function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ArgumentError('file_unreadable', `cannot read ${path}: ${(error as Error).message}`);
  }
}
