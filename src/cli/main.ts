// The `zhifu` command line: operator and developer commands over the same services as the API.

import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../platform/config.js';
import { startServer } from '../http/server.js';
import { systemClock } from '../platform/clock.js';
import { StoreLockedError } from '../store/index.js';
import { ArgumentError, RefusedError } from './arguments.js';
import { registerLedgerCommands, type Run } from './commands/ledger.js';
import { registerPrincipalCommands } from './commands/principals.js';
import { registerUserCommands } from './commands/users.js';
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
    .description('start the Zhifu server (PORT, default 8080; SQLite under ./data unless DATABASE_URL is set)')
    .option('--no-demo', 'do not make the sandbox demo world on an empty database')
    .action(
      run(async (_output, options) => {
        const server = await startServer(loadConfig(), systemClock, { demo: options.demo !== false });
        await new Promise<void>((stopped) => {
          const stop = (signal: string) => {
            server.app.fastify.log.info(`${signal}: finishing requests in flight and the commit queue`);
            void server.stop().then(stopped);
          };
          process.once('SIGTERM', () => stop('SIGTERM'));
          process.once('SIGINT', () => stop('SIGINT'));
        });
        return 0;
      }),
    );
  registerLedgerCommands(program, run);
  registerUserCommands(program, run);
  registerPrincipalCommands(program, run);

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
    if (error instanceof ArgumentError || error instanceof RefusedError || error instanceof ConfigError || error instanceof StoreLockedError) {
      output.error(error.code, error.message);
      return 2;
    }
    throw error;
  }
}
