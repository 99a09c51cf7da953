// npm run bench:api -- [--store sqlite|postgres] [--users N] [--seconds N] [--connections N] [--generator wrk|autocannon]
// Starts a server on a fresh store in a process of its own, signs up N users through the API,
// verifies and tops them up, then drives payments (POST /v1/transfers with PIN and Idempotency-Key)
// over real HTTP on loopback, and prints one JSON line; then checks that every balance reconciles
// and that the ledger's invariants hold. The load comes from wrk where it is installed (Debian's
// package "wrk": written in C, it takes about half the CPU per request that autocannon takes, and
// the server shares the machine's cores with it), else from autocannon.

import autocannon from 'autocannon';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, parseArgs } from 'node:util';
import { parseAmount } from '../src/money/index.js';
import { systemClock } from '../src/platform/clock.js';
import { Ledger, openStore } from '../src/store/index.js';
import { BenchServer, benchStore, reportCpu } from './support.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    users: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '256' },
    generator: { type: 'string' },
  },
});
const users = Number(values.users);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const generator = values.generator ?? (spawnSync('wrk', ['--version']).error === undefined ? 'wrk' : 'autocannon');
if (generator !== 'wrk' && generator !== 'autocannon') throw new Error(`--generator is wrk or autocannon, not ${generator}`);

interface BenchUser {
  readonly id: string;
  readonly token: string;
}

/** What a load generator measured. */
interface Load {
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Failed connections and requests, and answers that are not 2xx. */
  readonly errors: number;
}

/** Payments between random users with autocannon, in this process. */
async function autocannonLoad(benchUsers: readonly BenchUser[]): Promise<Load> {
  let sequence = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/transfers',
        setupRequest: (request) => {
          const fromIndex = Math.floor(Math.random() * benchUsers.length);
          // Another user: an offset of 1 to length - 1 from the payer.
          const to = benchUsers[(fromIndex + 1 + Math.floor(Math.random() * (benchUsers.length - 1))) % benchUsers.length]!;
          sequence += 1;
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${benchUsers[fromIndex]!.token}`, 'idempotency-key': `bench-${sequence}` },
            body: JSON.stringify({ to: to.id, amount: '0.01', currency: 'CNY', pin: '123456' }),
          };
        },
      },
    ],
  });
  return { requests: result.requests.total, p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors + result.non2xx };
}

/** Payments between random users with wrk, in a process of its own (bench/wrk-transfers.lua). */
async function wrkLoad(benchUsers: readonly BenchUser[]): Promise<Load> {
  const directory = mkdtempSync(join(tmpdir(), 'zhifu-bench-wrk-'));
  try {
    const usersFile = join(directory, 'users.txt');
    writeFileSync(usersFile, benchUsers.map((user) => `${user.id} ${user.token}\n`).join(''));
    const script = fileURLToPath(new URL('./wrk-transfers.lua', import.meta.url));
    const { stdout } = await promisify(execFile)('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, base, '--', usersFile]);
    const line = /^WRK (.*)$/m.exec(stdout)?.[1];
    if (line === undefined) throw new Error(`wrk printed no summary:\n${stdout}`);
    const summary = JSON.parse(line) as { requests: number; p50_us: number; p99_us: number; socket_errors: number; status_errors: number };
    return { requests: summary.requests, p50Ms: summary.p50_us / 1000, p99Ms: summary.p99_us / 1000, errors: summary.socket_errors + summary.status_errors };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function setUpUser(index: number): Promise<BenchUser> {
  const email = `bench${index}@example.com`;
  const password = 'bench password';
  const user = await post('/v1/users', { email, password });
  const session = await post('/v1/sessions', { identifier: email, password });
  const token = session.token as string;
  await post('/v1/me/pin', { pin: '123456', password }, token);
  await post('/v1/me/verification', { name: `Bench ${index}`, id_number: '11010519491231002X' }, token);
  const card = await post('/v1/cards', { number: '4242424242424242' }, token);
  await post('/v1/topups', { card: card.id, amount: '10000.00', currency: 'CNY' }, token);
  return { id: user.id as string, token };
}

const { config, env, cleanup } = await benchStore(values.store!, 'api');
const server = await BenchServer.start(env, users * 2);
const base = server.base;
const post = (path: string, body: unknown, token?: string) => server.post(path, body, token);
let load: Load;
const benchUsers: BenchUser[] = [];
try {
  for (let first = 0; first < users; first += 50) {
    benchUsers.push(...(await Promise.all(Array.from({ length: Math.min(50, users - first) }, (_, offset) => setUpUser(first + offset)))));
  }
  const cpuBefore = server.cpuSeconds();
  load = generator === 'wrk' ? await wrkLoad(benchUsers) : await autocannonLoad(benchUsers);
  await server.waitUntilQuiet();
  reportCpu(cpuBefore, server.cpuSeconds(), load.requests);
  // Every balance reconciles: payments only move money between users, so together they still hold
  // exactly what they topped up.
  let held = 0n;
  for (const user of benchUsers) {
    const me = (await (await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${user.token}` } })).json()) as { balance: { available: string } };
    const available = parseAmount(me.balance.available, 'CNY', { allowNegative: true });
    if (!available.ok) throw new Error(`balance "${me.balance.available}" is not an amount (${available.code})`);
    held += available.amount;
  }
  if (held !== BigInt(users) * 1_000_000n) throw new Error(`balances do not reconcile: users hold ${held} fen, topped up ${BigInt(users) * 1_000_000n}`);
  console.error(`balances reconcile: ${users} users hold ${held} fen in all, as topped up`);
} finally {
  await server.stop();
}

// The ledger's invariants hold on what the server left on disk.
const ledger = new Ledger(await openStore(config, { readOnly: true }), systemClock);
const report = await ledger.audit();
await ledger.close();
await cleanup();
if (!report.ok) throw new Error(`ledger check failed: ${JSON.stringify(report.failures.slice(0, 5))}`);
console.error(`ledger check: ok (${report.accounts} accounts, ${report.transfers} transfers)`);
console.log(
  JSON.stringify({
    store: values.store,
    generator,
    seconds,
    requests: load.requests,
    requests_per_s: Math.round(load.requests / seconds),
    p50_ms: Math.round(load.p50Ms * 10) / 10,
    p99_ms: Math.round(load.p99Ms * 10) / 10,
    errors: load.errors,
  }),
);
