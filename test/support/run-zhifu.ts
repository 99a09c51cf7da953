// Runs the zhifu CLI in a child process, as an operator would run it: the build (bin/zhifu.js) when
// it is current, as `npm test` makes it before the tests; from source through tsx otherwise, so that
// a test never runs a stale build. tsx compiles the whole CLI on every start (about 5 s against 1.5 s
// on a slow machine), which a test of some thirty commands cannot afford.

import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sourceEntry = fileURLToPath(new URL('./zhifu-entry.ts', import.meta.url));
const builtEntry = join(root, 'bin', 'zhifu.js');
const builtMain = join(root, 'dist', 'cli', 'main.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The newest modification time of the TypeScript files under a folder that the build compiles (tsconfig.build.json). */
function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing') newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

let builtIsCurrent: boolean | undefined;

/** Whether dist/ was built after every source file last changed. */
function useBuild(): boolean {
  if (builtIsCurrent === undefined) {
    let built = 0;
    try {
      built = statSync(builtMain).mtimeMs;
    } catch {
      built = 0;
    }
    builtIsCurrent = built > 0 && built >= newestSource(join(root, 'src'));
  }
  return builtIsCurrent;
}

export function runZhifu(args: readonly string[], env: NodeJS.ProcessEnv): CliResult {
  const command = useBuild() ? [builtEntry, ...args] : ['--import', 'tsx', sourceEntry, ...args];
  const result = spawnSync(process.execPath, command, { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
