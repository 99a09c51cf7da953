// npm run bench:api -- [--store sqlite|postgres] [--users N] [--seconds N] [--connections N]
// Starts a server on a fresh store in a process of its own, signs up N users through the API,
// verifies and tops them up, then drives payments (POST /v1/transfers with PIN and Idempotency-Key)
// over real HTTP on loopback, and prints one JSON line; then checks that every balance reconciles
// and that the ledger's invariants hold.

import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseAmount } from '../src/money/index.js';
import { systemClock } from '../src/platform/clock.js';
import { createTemporaryDatabase } from '../src/store/postgres/temporary-database.js';
import { Ledger, openStore } from '../src/store/index.js';
import type { StoreConfig } from '../src/platform/config.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    users: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '256' },
  },
});
const users = Number(values.users);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const port = 18_000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;

async function storeConfig(): Promise<{ config: StoreConfig; env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (values.store === 'postgres') {
    const database = await createTemporaryDatabase('zhifu_bench_api');
    return { config: { kind: 'postgres', url: database.url }, env: { DATABASE_URL: database.url }, cleanup: database.drop };
  }
  const directory = mkdtempSync(join(tmpdir(), 'zhifu-bench-api-'));
  return { config: { kind: 'sqlite', directory }, env: { ZHIFU_DATA_DIR: directory, DATABASE_URL: '' }, cleanup: async () => rmSync(directory, { recursive: true, force: true }) };
}

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const entry = fileURLToPath(new URL('./server-entry.ts', import.meta.url));
  const profile = process.env.ZHIFU_BENCH_PROFILE === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env.ZHIFU_BENCH_PROFILE}`];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', entry, 'start', '--no-demo'], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ZHIFU_SIGN_IN_PER_ADDRESS: String(users * 2), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let attempt = 0; attempt < 100; attempt++) {
    await new Promise((next) => setTimeout(next, 100));
    if (await fetch(`${base}/healthz`).then((response) => response.ok, () => false)) return child;
  }
  throw new Error('the server did not start');
}

async function post(path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

interface BenchUser {
  readonly id: string;
  readonly token: string;
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

const { config, env, cleanup } = await storeConfig();
const server = await startServer(env);
let result: autocannon.Result;
const benchUsers: BenchUser[] = [];
try {
  for (let first = 0; first < users; first += 50) {
    benchUsers.push(...(await Promise.all(Array.from({ length: Math.min(50, users - first) }, (_, offset) => setUpUser(first + offset)))));
  }
  let sequence = 0;
  result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/transfers',
        setupRequest: (request) => {
          const from = benchUsers[Math.floor(Math.random() * benchUsers.length)]!;
          let to = benchUsers[Math.floor(Math.random() * benchUsers.length)]!;
          if (to === from) to = benchUsers[(benchUsers.indexOf(from) + 1) % benchUsers.length]!;
          sequence += 1;
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${from.token}`, 'idempotency-key': `bench-${sequence}` },
            body: JSON.stringify({ to: to.id, amount: '0.01', currency: 'CNY', pin: '123456' }),
          };
        },
      },
    ],
  });
  // Requests autocannon gave up on at the end may still be running: wait until the ledger is quiet.
  let committed = '';
  for (;;) {
    await new Promise((next) => setTimeout(next, 500));
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const now = /^zhifu_ledger_transfers_committed_total (\S+)$/m.exec(metrics)?.[1] ?? '';
    if (now === committed) break;
    committed = now;
  }
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
  server.kill('SIGTERM');
  await new Promise((done) => server.once('exit', done));
}

// The ledger's invariants hold on what the server left on disk.
const ledger = new Ledger(await openStore(config, { readOnly: true }), systemClock);
const report = await ledger.audit();
await ledger.close();
await cleanup();
const errors = result.errors + result.non2xx;
if (!report.ok) throw new Error(`ledger check failed: ${JSON.stringify(report.failures.slice(0, 5))}`);
console.error(`ledger check: ok (${report.accounts} accounts, ${report.transfers} transfers)`);
console.log(
  JSON.stringify({
    store: values.store,
    seconds,
    requests: result.requests.total,
    requests_per_s: Math.round(result.requests.total / seconds),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors,
  }),
);
