// npm run bench:ledger -- --store sqlite|postgres [--accounts N] [--transfers N] [--batch N] [--clients N]
// Loads random transfers between N accounts through the product's own engine, group commit and
// store code, on a fresh store, and prints one JSON line; then runs the invariant check. Several
// clients (default 4) each keep one batch in flight, as concurrent callers of a server would.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { accountInput, type TransferInput } from '../src/ledger/index.js';
import { systemClock } from '../src/platform/clock.js';
import { Ledger } from '../src/store/ledger.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { createTemporaryDatabase } from '../src/store/postgres/temporary-database.js';
import type { LedgerStore } from '../src/store/store.js';
import { cpuSeconds, reportCpu } from './support.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    accounts: { type: 'string', default: '10000' },
    transfers: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '8190' },
    clients: { type: 'string', default: '4' },
  },
});
const accounts = Number(values.accounts);
const transfers = Number(values.transfers);
const batch = Number(values.batch);
const clients = Number(values.clients);
if (!(accounts >= 2) || !(transfers >= 1) || !(batch >= 1 && batch <= 8190) || !(clients >= 1 && clients <= 64)) {
  throw new Error('--accounts must be ≥ 2, --transfers ≥ 1, --batch 1..8190, --clients 1..64');
}

const ledgerNumber = 156;
const cleanups: (() => Promise<void>)[] = [];

async function openStore(): Promise<LedgerStore> {
  if (values.store === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'zhifu-bench-'));
    cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
    return openSqliteStore({ directory });
  }
  if (values.store === 'postgres') {
    let url = process.env.DATABASE_URL;
    if (url === undefined) {
      const temporary = await createTemporaryDatabase('zhifu_bench');
      url = temporary.url;
      cleanups.push(temporary.drop);
    }
    return openPostgresStore({ url });
  }
  throw new Error(`--store must be sqlite or postgres, not ${values.store}`);
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

const store = await openStore();
const ledger = new Ledger(store, systemClock);
// Ids that count up, as TigerBeetle recommends, so inserts append to the id index.
const idBase = BigInt(Date.now()) << 64n;
// The accounts' ids, made once, as a client holds the ids of the accounts it moves money between.
const accountIds = Array.from({ length: accounts }, (_, index) => idBase + BigInt(index + 1));
for (let first = 0; first < accounts; first += 8190) {
  const events = [];
  for (let index = first; index < Math.min(accounts, first + 8190); index++) {
    events.push(accountInput({ id: accountIds[index]!, ledger: ledgerNumber, code: 1 }));
  }
  const results = await ledger.createAccounts(events);
  if (results.some((result) => result !== 'ok')) throw new Error('account creation failed');
}

let nextId = idBase + BigInt(accounts) + 1n;
let remaining = transfers;
const latencies: number[] = [];
let errors = 0;

function nextBatch(): TransferInput[] {
  const size = Math.min(batch, remaining);
  remaining -= size;
  const events: TransferInput[] = new Array(size);
  for (let index = 0; index < size; index++) {
    const debit = Math.floor(Math.random() * accounts);
    let credit = Math.floor(Math.random() * (accounts - 1));
    if (credit >= debit) credit += 1;
    // Every field written out, as a client builds its events (transferInput() would copy them once more).
    events[index] = {
      id: nextId++,
      debitAccountId: accountIds[debit]!,
      creditAccountId: accountIds[credit]!,
      amount: BigInt(1 + Math.floor(Math.random() * 100_000)),
      pendingId: 0n,
      userData128: 0n,
      userData64: 0n,
      userData32: 0,
      timeout: 0,
      ledger: ledgerNumber,
      code: 1,
      flags: 0,
    };
  }
  return events;
}

async function client(): Promise<void> {
  while (remaining > 0) {
    const batchStarted = performance.now();
    // The batch is not kept while it commits, as a server forgets a request's body once parsed.
    const results = await ledger.createTransfers(nextBatch());
    latencies.push(performance.now() - batchStarted);
    errors += results.filter((result) => result !== 'ok').length;
  }
}

const started = performance.now();
const cpuBefore = cpuSeconds(process.pid);
await Promise.all(Array.from({ length: clients }, client));
const seconds = (performance.now() - started) / 1000;
// CPU per transfer is steadier than transfers per second on a machine that other work shares. The
// main thread runs the clients and the engine; the writer thread and the collector's run beside it.
reportCpu(cpuBefore, cpuSeconds(process.pid), transfers, 'CPU per transfer');
latencies.sort((a, b) => a - b);

const report = await ledger.audit();
await ledger.close();
for (const cleanup of cleanups) await cleanup();
if (!report.ok) {
  console.error(JSON.stringify(report.failures, null, 2));
  throw new Error('ledger check failed after the benchmark');
}
if (errors > 0) throw new Error(`${errors} transfers failed`);
console.error(`ledger check: ok (${report.accounts} accounts, ${report.transfers} transfers)`);
console.log(
  JSON.stringify({
    store: values.store,
    accounts,
    transfers,
    batch,
    clients,
    seconds: Number(seconds.toFixed(3)),
    transfers_per_s: Math.round(transfers / seconds),
    p50_ms: Number(percentile(latencies, 0.5).toFixed(2)),
    p99_ms: Number(percentile(latencies, 0.99).toFixed(2)),
  }),
);
