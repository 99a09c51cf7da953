// npm run bench:trades -- [--store sqlite|postgres] [--buyers N] [--seconds N] [--concurrency N]
// Starts a server on a fresh store in a process of its own, makes a merchant with an API key and
// N buyers with balances, then for the given time runs escrow trades end to end over real HTTP on
// loopback, each as a buyer and the merchant would: create (merchant), pay with the PIN (buyer),
// ship (merchant), confirm receipt with the PIN (buyer). Each client has a connection of its own
// (a lean HTTP/1.1 client, http-connection.ts, so that the load generator takes little of the
// machine it shares with the server). It prints one JSON line; then checks that the merchant
// received exactly what the finished trades paid less their fees, that buyers and merchant
// together hold what was topped up, and that the ledger's invariants hold.

import { parseArgs } from 'node:util';
import { parseAmount } from '../src/money/index.js';
import { systemClock } from '../src/platform/clock.js';
import { Ledger, openStore } from '../src/store/index.js';
import { feeOf } from '../src/trades/index.js';
import { HttpConnection } from './http-connection.js';
import { BenchServer, benchStore, cpuSeconds, percentile, reportCpu } from './support.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    buyers: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '128' },
  },
});
const buyerCount = Number(values.buyers);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const tradeAmount = 1_00n; // 1.00 CNY
const feeRateBasisPoints = 60;

const store = await benchStore(values.store!, 'trades');
const server = await BenchServer.start(store.env, buyerCount * 2 + 10);
const url = new URL(server.base);

/** One JSON request on the client's connection; answers the status and the parsed body. */
async function call(connection: HttpConnection, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = body === undefined ? { authorization: `Bearer ${token}` } : { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const answer = await connection.request(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
  return { status: answer.status, body: answer.text === '' ? {} : (JSON.parse(answer.text) as Record<string, unknown>) };
}

async function balanceOf(token: string, path: string): Promise<bigint> {
  const answer = await server.get(path, token);
  const text = (answer.balance as { available: string }).available;
  const parsed = parseAmount(text, 'CNY', { allowNegative: true });
  if (!parsed.ok) throw new Error(`balance "${text}" is not an amount`);
  return parsed.amount;
}

const latencies: number[] = [];
let finished = 0;
let errors = 0;
let firstError = '';
const buyers: string[] = [];
let merchantKey = '';
let ownerToken = '';
const topUp = 1_000_00n;
try {
  // The merchant, owned by a user of its own.
  await server.post('/v1/users', { email: 'owner@bench.example', password: 'bench password' });
  ownerToken = (await server.post('/v1/sessions', { identifier: 'owner@bench.example', password: 'bench password' })).token as string;
  const merchant = (await server.post('/v1/merchants', { name: 'Bench Shop' }, ownerToken)).id as string;
  merchantKey = (await server.post(`/v1/merchants/${merchant}/api_keys`, {}, ownerToken)).secret as string;
  for (let first = 0; first < buyerCount; first += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, buyerCount - first) }, async (_, offset) => {
        const email = `buyer${first + offset}@bench.example`;
        await server.post('/v1/users', { email, password: 'bench password' });
        const token = (await server.post('/v1/sessions', { identifier: email, password: 'bench password' })).token as string;
        await server.post('/v1/me/pin', { pin: '123456', password: 'bench password' }, token);
        const card = (await server.post('/v1/cards', { number: '4242424242424242' }, token)).id as string;
        await server.post('/v1/topups', { card, amount: '1000.00', currency: 'CNY' }, token);
        return token;
      }),
    );
    buyers.push(...batch);
  }

  let sequence = 0;
  const deadline = performance.now() + seconds * 1000;
  const connections = await Promise.all(Array.from({ length: concurrency }, () => HttpConnection.open(url)));
  const worker = async (connection: HttpConnection) => {
    while (performance.now() < deadline) {
      const buyer = buyers[sequence % buyers.length]!;
      const orderNumber = `bench-${sequence++}`;
      const started = performance.now();
      const steps: [string, string, string, unknown][] = [];
      const created = await call(connection, 'POST', '/v1/trades', merchantKey, { kind: 'escrow', out_trade_no: orderNumber, subject: 'Bench tea', amount: '1.00', currency: 'CNY' });
      const id = created.body.id as string;
      steps.push(['POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' }], ['POST', `/v1/trades/${id}/ship`, merchantKey, { carrier: 'SF', tracking_number: orderNumber }], ['POST', `/v1/orders/${id}/confirm`, buyer, { pin: '123456' }]);
      let ok = created.status === 201;
      for (const [method, path, token, body] of steps) {
        if (!ok) break;
        const answer = await call(connection, method, path, token, body);
        if (answer.status !== 200) {
          ok = false;
          firstError ||= `${path}: ${answer.status} ${JSON.stringify(answer.body)}`;
        }
      }
      if (!ok) {
        errors++;
        firstError ||= `create: ${created.status} ${JSON.stringify(created.body)}`;
        continue;
      }
      finished++;
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  const cpuBefore = server.cpuSeconds();
  const clientBefore = cpuSeconds(process.pid);
  await Promise.all(connections.map(worker));
  const elapsed = (performance.now() - started) / 1000;
  reportCpu(clientBefore, cpuSeconds(process.pid), finished * 4, 'client CPU per request');
  for (const connection of connections) connection.close();
  await server.waitUntilQuiet();
  // Four requests a trade.
  reportCpu(cpuBefore, server.cpuSeconds(), finished * 4);

  // The merchant holds what the finished trades paid, less their fees; nobody gained or lost a fen.
  const merchantHolds = await balanceOf(merchantKey, '/v1/merchant');
  const expected = BigInt(finished) * (tradeAmount - feeOf(tradeAmount, feeRateBasisPoints));
  if (merchantHolds !== expected) throw new Error(`the merchant holds ${merchantHolds} fen, expected ${expected}`);
  let buyersHold = 0n;
  for (const buyer of buyers) buyersHold += await balanceOf(buyer, '/v1/me');
  const fees = BigInt(finished) * feeOf(tradeAmount, feeRateBasisPoints);
  if (buyersHold + merchantHolds + fees !== BigInt(buyerCount) * topUp) throw new Error(`money does not reconcile: buyers ${buyersHold}, merchant ${merchantHolds}, fees ${fees}`);
  console.error(`reconciled: ${finished} trades; the merchant holds ${merchantHolds} fen, fees ${fees}, buyers ${buyersHold}`);
  if (firstError !== '') console.error(`first error: ${firstError}`);
  latencies.sort((a, b) => a - b);
  const result = { store: values.store, trades: finished, seconds: Math.round(elapsed * 10) / 10, trades_per_s: Math.round(finished / elapsed), p50_ms: Math.round(percentile(latencies, 50)), p99_ms: Math.round(percentile(latencies, 99)), errors };
  await server.stop();
  const ledger = new Ledger(await openStore(store.config, { readOnly: true }), systemClock);
  const report = await ledger.audit();
  await ledger.close();
  if (!report.ok) throw new Error(`ledger check failed: ${JSON.stringify(report.failures.slice(0, 5))}`);
  console.error(`ledger check: ok (${report.accounts} accounts, ${report.transfers} transfers)`);
  console.log(JSON.stringify(result));
} finally {
  await server.stop().catch(() => undefined);
  await store.cleanup();
}
