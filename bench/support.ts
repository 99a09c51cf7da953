// What the HTTP benchmarks share: a fresh store, a server in a process of its own, JSON requests,
// and waiting until the ledger is quiet.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTemporaryDatabase } from '../src/store/postgres/temporary-database.js';
import type { StoreConfig } from '../src/platform/config.js';

export interface BenchStore {
  readonly config: StoreConfig;
  readonly env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function benchStore(kind: string, name: string): Promise<BenchStore> {
  if (kind === 'postgres') {
    const database = await createTemporaryDatabase(`zhifu_bench_${name}`);
    return { config: { kind: 'postgres', url: database.url }, env: { DATABASE_URL: database.url }, cleanup: database.drop };
  }
  const directory = mkdtempSync(join(tmpdir(), `zhifu-bench-${name}-`));
  return { config: { kind: 'sqlite', directory }, env: { ZHIFU_DATA_DIR: directory, DATABASE_URL: '' }, cleanup: async () => rmSync(directory, { recursive: true, force: true }) };
}

export class BenchServer {
  readonly base: string;
  private readonly exited: Promise<unknown>;

  private constructor(
    private readonly child: ChildProcess,
    port: number,
  ) {
    this.base = `http://127.0.0.1:${port}`;
    this.exited = new Promise((done) => child.once('exit', done));
  }

  /**
   * Builds the server (tsc, as `npm install` does) and starts it as `npm start` does, with
   * `zhifu start --no-demo`, so that what is measured is what runs in production: the compiled
   * JavaScript, not the sources through tsx. ZHIFU_BENCH_PROFILE=<dir> writes a CPU profile there.
   */
  static async start(env: Record<string, string>, signInsAllowed: number): Promise<BenchServer> {
    const root = fileURLToPath(new URL('..', import.meta.url));
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
    const port = 18_000 + Math.floor(Math.random() * 1000);
    const profile = process.env.ZHIFU_BENCH_PROFILE === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env.ZHIFU_BENCH_PROFILE}`];
    const child = spawn(process.execPath, [...profile, join(root, 'bin', 'zhifu.js'), 'start', '--no-demo'], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ZHIFU_SIGN_IN_PER_ADDRESS: String(signInsAllowed), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const server = new BenchServer(child, port);
    for (let attempt = 0; attempt < 100; attempt++) {
      await new Promise((next) => setTimeout(next, 100));
      if (await fetch(`${server.base}/healthz`).then((response) => response.ok, () => false)) return server;
    }
    throw new Error('the server did not start');
  }

  async post(path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  async get(path: string, token?: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return (await response.json()) as Record<string, unknown>;
  }

  /** Requests given up on at the end may still be running: waits until the ledger commits nothing more. */
  async waitUntilQuiet(): Promise<void> {
    let committed = '';
    for (;;) {
      await new Promise((next) => setTimeout(next, 500));
      const metrics = await (await fetch(`${this.base}/metrics`)).text();
      const now = /^zhifu_ledger_transfers_committed_total (\S+)$/m.exec(metrics)?.[1] ?? '';
      if (now === committed) return;
      committed = now;
    }
  }

  /**
   * CPU seconds the server process has used so far, its main thread's and all threads' (from
   * /proc, so Linux only; undefined elsewhere). CPU per request is steadier than requests per
   * second on a machine that other work shares.
   */
  cpuSeconds(): CpuSeconds | undefined {
    return this.child.pid === undefined ? undefined : cpuSeconds(this.child.pid);
  }

  /** Stops the server (SIGTERM: it drains and exits); stopping again waits for the same exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}

export interface CpuSeconds {
  readonly main: number;
  readonly total: number;
}

/**
 * The CPU time a process has used so far, on its main thread and on all its threads, in seconds
 * (read from /proc, so Linux only; undefined elsewhere).
 */
export function cpuSeconds(pid: number): CpuSeconds | undefined {
  const ticksPerSecond = 100;
  const threadTicks = (path: string) => {
    // Fields after the command name (which is in parentheses): utime and stime are the 12th and 13th.
    const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  try {
    let total = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) total += threadTicks(`/proc/${pid}/task/${task}/stat`);
    return { main: threadTicks(`/proc/${pid}/task/${pid}/stat`) / ticksPerSecond, total: total / ticksPerSecond };
  } catch {
    return undefined;
  }
}

/** Prints to stderr the CPU per unit of work (a request, a transfer) between two readings of cpuSeconds(). */
export function reportCpu(before: CpuSeconds | undefined, after: CpuSeconds | undefined, units: number, what = 'server CPU per request'): void {
  if (before === undefined || after === undefined || units === 0) return;
  const perUnit = (seconds: number) => ((seconds * 1e6) / units).toPrecision(3);
  console.error(`${what}: main thread ${perUnit(after.main - before.main)} µs, all threads ${perUnit(after.total - before.total)} µs`);
}

/** The pth percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
