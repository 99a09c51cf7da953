// npm run bench:api -- [--store sqlite|postgres] [--users N] [--seconds N] [--connections N]
// Starts a server on a fresh store in a process of its own, signs up N users through the API,
// verifies and tops them up, then drives payments (POST /v1/transfers with PIN and Idempotency-Key)
// over real HTTP on loopback, and prints one JSON line; then checks that every balance reconciles
// and that the ledger's invariants hold.

import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
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
  },
});
const users = Number(values.users);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
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

const { config, env, cleanup } = await benchStore(values.store!, 'api');
const server = await BenchServer.start(env, users * 2);
const base = server.base;
const post = (path: string, body: unknown, token?: string) => server.post(path, body, token);
let result: autocannon.Result;
const benchUsers: BenchUser[] = [];
try {
  for (let first = 0; first < users; first += 50) {
    benchUsers.push(...(await Promise.all(Array.from({ length: Math.min(50, users - first) }, (_, offset) => setUpUser(first + offset)))));
  }
  let sequence = 0;
  const cpuBefore = server.cpuSeconds();
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
  await server.waitUntilQuiet();
  reportCpu(cpuBefore, server.cpuSeconds(), result.requests.total);
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
