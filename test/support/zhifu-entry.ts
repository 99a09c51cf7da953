// The zhifu CLI, run from source (tests use it so that they never run a stale build).

import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
