// The Zhifu server, run from source for benchmarks, in a process of its own.

import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
