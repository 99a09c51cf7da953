// The `zhifu` command line: operator and developer commands over the same services as the API.

import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../platform/config.js';
import { openStore, StoreLockedError } from '../store/index.js';
import { ArgumentError } from './arguments.js';
import { registerLedgerCommands, type Run } from './commands/ledger.js';
import { createOutput, type Output } from './output.js';

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('zhifu')
    .description('Zhifu: a self-hostable wallet and payments platform on one double-entry ledger')
    .exitOverride()
    .showHelpAfterError();

  const run: Run = (action) => async (options) => {
    const output = createOutput(options.json === true);
    exitCode = await runAction(() => action(output, options), output);
  };

  program
    .command('start')
    .description('start Zhifu (opens the configured store and applies migrations)')
    .action(
      run(async (output) => {
        const config = loadConfig();
        const store = await openStore(config.store);
        const location = store.location;
        const report = await store.audit();
        await store.close();
        output.print({ store: config.store.kind, location, accounts: report.accounts, transfers: report.transfers }, () =>
          [
            `Zhifu store ready: ${config.store.kind} at ${location} (${report.accounts} accounts, ${report.transfers} transfers).`,
            'The HTTP server arrives with the platform API; until then use the CLI:',
            program.helpInformation(),
          ].join('\n'),
        );
        return 0;
      }),
    );
  registerLedgerCommands(program, run);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return exitCode;
}

async function runAction(action: () => Promise<number>, output: Output): Promise<number> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ArgumentError || error instanceof ConfigError || error instanceof StoreLockedError) {
      output.error(error.code, error.message);
      return 2;
    }
    throw error;
  }
}
