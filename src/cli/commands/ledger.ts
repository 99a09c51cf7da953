// `zhifu ledger …`: create accounts and transfers, show balances and history, check invariants.

import type { Command } from 'commander';
import {
  accountInput,
  AccountFlags,
  flagNames,
  queryLimitMax,
  transferInput,
  TransferFlags,
  u16Max,
  u32Max,
  u64Max,
  type Account,
  type AuditReport,
  type Transfer,
} from '../../ledger/index.js';
import { OperatorActionLog, type OperatorActionInput } from '../../identity/index.js';
import { formatAmount, currencyByNumeric } from '../../money/index.js';
import { systemClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { TimeOrderedIds } from '../../platform/ids.js';
import { Ledger, openPlatformDatabase, openStore } from '../../store/index.js';
import { commandLineOperator } from '../actor.js';
import { ArgumentError, parseAccountFlags, parseAmountArgument, parseTransferFlags, parseU128, parseUint } from '../arguments.js';
import { snakeCase, table, type Output } from '../output.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- commander hands options over untyped
type Options = Record<string, any>;
export type Run = (action: (output: Output, options: Options) => Promise<number>) => (options: Options) => Promise<void>;

async function withLedger<T>(readOnly: boolean, use: (ledger: Ledger) => Promise<T>): Promise<T> {
  const store = await openStore(loadConfig().store, { readOnly });
  const ledger = new Ledger(store, systemClock);
  try {
    return await use(ledger);
  } finally {
    await ledger.close();
  }
}

/**
 * Runs a command that changes the ledger with its line in the operators' action log written first:
 * the line records the attempt, and whether it applied is the ledger's own answer for its id
 * (`zhifu ledger show`). Written first, a crash cannot leave a change the log does not name. The
 * store is opened first: on SQLite it takes the owner lock, so a command refused because the
 * server runs writes no line into the server's database.
 */
async function withLoggedLedger<T>(line: Omit<OperatorActionInput, 'operatorId'>, use: (ledger: Ledger) => Promise<T>): Promise<T> {
  return withLedger(false, async (ledger) => {
    const platform = await openPlatformDatabase(loadConfig().store);
    try {
      const log = new OperatorActionLog(platform.db, systemClock, new TimeOrderedIds(systemClock));
      await platform.writeTogether(log.lineOf({ operatorId: commandLineOperator(), ...line })());
    } finally {
      await platform.close();
    }
    return use(ledger);
  });
}

/** Shows an amount in minor units, and in major units when the ledger is an ISO 4217 currency number. */
function describeAmount(amount: bigint, ledger: number): string {
  const currency = currencyByNumeric(ledger);
  return currency === undefined ? amount.toString() : `${formatAmount(amount, currency.code)} ${currency.code}`;
}

function accountText(account: Account): string {
  const rows: [string, string][] = [
    ['id', account.id.toString()],
    ['ledger', account.ledger.toString()],
    ['code', account.code.toString()],
    ['flags', flagNames(account.flags, AccountFlags).map(snakeCase).join(', ') || '-'],
    ['debits pending', describeAmount(account.debitsPending, account.ledger)],
    ['debits posted', describeAmount(account.debitsPosted, account.ledger)],
    ['credits pending', describeAmount(account.creditsPending, account.ledger)],
    ['credits posted', describeAmount(account.creditsPosted, account.ledger)],
    ['balance (credits - debits, posted)', describeAmount(account.creditsPosted - account.debitsPosted, account.ledger)],
  ];
  return rows.map(([name, value]) => `${name.padEnd(36)}${value}`).join('\n');
}

function transfersText(transfers: readonly Transfer[]): string {
  if (transfers.length === 0) return 'no transfers';
  return table(
    ['timestamp', 'id', 'debit', 'credit', 'amount', 'flags'],
    transfers.map((t) => [t.timestamp.toString(), t.id.toString(), t.debitAccountId.toString(), t.creditAccountId.toString(), describeAmount(t.amount, t.ledger), flagNames(t.flags, TransferFlags).map(snakeCase).join(',')]),
  );
}

export function auditText(report: AuditReport, location: string): string {
  const lines = [`ledger check of ${location}: ${report.ok ? 'ok' : 'FAILED'} (${report.accounts} accounts, ${report.transfers} transfers)`];
  for (const ledger of report.ledgers) {
    lines.push(`  ledger ${ledger.ledger}: ${ledger.accounts} accounts, posted ${ledger.debitsPosted} = ${ledger.creditsPosted}, pending ${ledger.debitsPending} = ${ledger.creditsPending}`);
  }
  for (const failure of report.failures) lines.push(`  ${failure.rule}: ${failure.message}`);
  if (report.failureCount > report.failures.length) lines.push(`  … and ${report.failureCount - report.failures.length} more failures`);
  return lines.join('\n');
}

export function registerLedgerCommands(program: Command, run: Run): void {
  const ledger = program.command('ledger').description('accounts, transfers and the invariant check of the double-entry ledger');

  ledger
    .command('create-account')
    .description('create an account')
    .requiredOption('--id <id>', 'u128 id chosen by you; also the idempotency key')
    .requiredOption('--ledger <n>', 'ledger number (156 = CNY, 840 = USD: the ISO 4217 number)')
    .requiredOption('--code <n>', 'account type, 1..65535')
    .option('--flags <list>', 'comma list: linked, debits_must_not_exceed_credits, credits_must_not_exceed_debits, history')
    .option('--user-data-128 <n>', 'u128 for your own reference', '0')
    .option('--user-data-64 <n>', 'u64 for your own reference', '0')
    .option('--user-data-32 <n>', 'u32 for your own reference', '0')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        const input = accountInput({
          id: parseU128(options.id, '--id'),
          ledger: parseUint(options.ledger, '--ledger', u32Max),
          code: parseUint(options.code, '--code', u16Max),
          flags: parseAccountFlags(options.flags),
          userData128: parseU128(options.userData128, '--user-data-128'),
          userData64: parseBoundedBigint(options.userData64, '--user-data-64', u64Max),
          userData32: parseUint(options.userData32, '--user-data-32', u32Max),
        });
        const line = { action: 'ledger.create_account', target: { type: 'ledger_account', id: input.id.toString() }, details: { ledger: input.ledger, code: input.code, flags: flagNames(input.flags, AccountFlags).map(snakeCase).join(',') } } as const;
        const [result] = await withLoggedLedger(line, (l) => l.createAccounts([input]));
        output.print({ id: input.id, result }, () => `account ${input.id}: ${result}`);
        return result === 'ok' || result === 'exists' ? 0 : 1;
      }),
    );

  ledger
    .command('create-transfer')
    .description('create a transfer; with --flags pending it is a hold, posted or voided later with --pending-id')
    .requiredOption('--id <id>', 'u128 id chosen by you; also the idempotency key')
    .option('--debit <account>', 'account to debit (may be omitted when posting or voiding)', '0')
    .option('--credit <account>', 'account to credit (may be omitted when posting or voiding)', '0')
    .option('--amount <amount>', 'minor units, or a decimal with --currency', '0')
    .option('--currency <code>', 'read --amount as a decimal in this currency, e.g. 12.34 CNY')
    .option('--ledger <n>', 'ledger number', '0')
    .option('--code <n>', 'transfer type, 1..65535', '0')
    .option('--flags <list>', 'comma list: linked, pending, post_pending_transfer, void_pending_transfer, balancing_debit, balancing_credit, closing_debit, closing_credit')
    .option('--pending-id <id>', 'the hold to post or void', '0')
    .option('--timeout <seconds>', 'seconds until a hold expires (pending only)', '0')
    .option('--user-data-128 <n>', 'u128 for your own reference', '0')
    .option('--json', 'print JSON')
    .action(
      run(async (output, options) => {
        const input = transferInput({
          id: parseU128(options.id, '--id'),
          debitAccountId: parseU128(options.debit, '--debit'),
          creditAccountId: parseU128(options.credit, '--credit'),
          amount: parseAmountArgument(options.amount, options.currency),
          ledger: parseUint(options.ledger, '--ledger', u32Max),
          code: parseUint(options.code, '--code', u16Max),
          flags: parseTransferFlags(options.flags),
          pendingId: parseU128(options.pendingId, '--pending-id'),
          timeout: parseUint(options.timeout, '--timeout', u32Max),
          userData128: parseU128(options.userData128, '--user-data-128'),
        });
        const details = {
          debit: input.debitAccountId.toString(),
          credit: input.creditAccountId.toString(),
          amount: input.amount.toString(),
          ledger: input.ledger,
          code: input.code,
          flags: flagNames(input.flags, TransferFlags).map(snakeCase).join(','),
          pending_id: input.pendingId.toString(),
        };
        const [result] = await withLoggedLedger({ action: 'ledger.create_transfer', target: { type: 'ledger_transfer', id: input.id.toString() }, details }, (l) => l.createTransfers([input]));
        output.print({ id: input.id, result }, () => `transfer ${input.id}: ${result}`);
        return result === 'ok' || result === 'exists' ? 0 : 1;
      }),
    );

  ledger
    .command('show')
    .description("show an account's balances")
    .argument('<account>', 'account id')
    .option('--json', 'print JSON')
    .action(async (accountText_: string, options: Options) =>
      run(async (output) => {
        const id = parseU128(accountText_, 'account id');
        const [account] = await withLedger(true, (l) => l.lookupAccounts([id]));
        if (account === undefined) throw new ArgumentError('account_not_found', `no account ${id}`);
        output.print(account, () => accountText(account));
        return 0;
      })(options),
    );

  ledger
    .command('history')
    .description("an account's transfers, newest first (with --balances: its balance after each, for history accounts)")
    .argument('<account>', 'account id')
    .option('--limit <n>', `how many, 1..${queryLimitMax}`, '20')
    .option('--oldest-first', 'oldest first')
    .option('--before <timestamp>', 'only transfers before this timestamp (for the next page)')
    .option('--balances', 'balances after each transfer instead of the transfers')
    .option('--json', 'print JSON')
    .action(async (accountText_: string, options: Options) =>
      run(async (output) => {
        const limit = parseUint(options.limit, '--limit', queryLimitMax);
        if (limit < 1) throw new ArgumentError('argument_out_of_range', '--limit must be at least 1');
        const before = options.before === undefined ? u64Max : parseBoundedBigint(options.before, '--before', u64Max) - 1n;
        const filter = { accountId: parseU128(accountText_, 'account id'), timestampMin: 0n, timestampMax: before, limit, debits: true, credits: true, reversed: !options.oldestFirst };
        if (options.balances) {
          const balances = await withLedger(true, (l) => l.getAccountBalances(filter));
          output.print(balances, () =>
            balances.length === 0 ? 'no balances (is the history flag set?)' : table(['timestamp', 'debits pending', 'debits posted', 'credits pending', 'credits posted'], balances.map((b) => [b.timestamp, b.debitsPending, b.debitsPosted, b.creditsPending, b.creditsPosted].map(String))),
          );
          return 0;
        }
        const transfers = await withLedger(true, (l) => l.getAccountTransfers(filter));
        output.print(transfers, () => transfersText(transfers));
        return 0;
      })(options),
    );

  ledger
    .command('expire')
    .description('expire the holds whose timeout has passed (every commit does this too)')
    .option('--json', 'print JSON')
    .action(
      run(async (output) => {
        await withLedger(false, (l) => l.expirePendingTransfers());
        output.print({ ok: true }, () => 'due holds expired');
        return 0;
      }),
    );

  ledger
    .command('check')
    .description('verify the invariants: double entry per ledger, balances equal their transfers, account flags hold')
    .option('--json', 'print JSON')
    .action(
      run(async (output) => {
        const { report, location } = await withLedger(true, async (l) => ({ report: await l.audit(), location: l.store.location }));
        output.print(report, () => auditText(report, location));
        return report.ok ? 0 : 1;
      }),
    );
}

function parseBoundedBigint(text: string, name: string, max: bigint): bigint {
  const value = parseU128(text, name);
  if (value > max) throw new ArgumentError('argument_out_of_range', `${name} must be at most ${max}`);
  return value;
}
