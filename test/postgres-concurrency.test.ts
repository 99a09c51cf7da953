// PostgreSQL concurrency: 4 processes each push 2,000 transfers against the same few accounts that
// may not be overdrawn. Afterwards no account is below zero, every acknowledged transfer is stored
// exactly once, and `zhifu ledger check` passes.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFlags, accountInput, transferInput } from '../src/ledger/index.js';
import { ManualClock } from '../src/platform/clock.js';
import { Ledger } from '../src/store/ledger.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { createTemporaryDatabase, type TemporaryDatabase } from '../src/store/postgres/temporary-database.js';
import { payerAccounts } from './fixtures/concurrent-payer.js';
import { runZhifu } from './support/run-zhifu.js';

const payer = fileURLToPath(new URL('./fixtures/concurrent-payer.ts', import.meta.url));
const processes = 4;
const transfersPerProcess = 2000;
const run = promisify(execFile);

describe('PostgreSQL with several writing processes', () => {
  let database: TemporaryDatabase;
  beforeAll(async () => {
    database = await createTemporaryDatabase('zhifu_concurrency');
  });
  afterAll(async () => database.drop());

  it('never overdraws, never loses or doubles a transfer', async () => {
    const ledger = new Ledger(await openPostgresStore({ url: database.url }), new ManualClock());
    const limited = accountFlags('debitsMustNotExceedCredits');
    expect(await ledger.createAccounts([accountInput({ id: 1n, ledger: 156, code: 1 }), ...payerAccounts.map((id) => accountInput({ id, ledger: 156, code: 2, flags: limited }))])).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    const funding = payerAccounts.map((id, index) => transferInput({ id: 900n + BigInt(index), debitAccountId: 1n, creditAccountId: id, amount: 3_000n, ledger: 156, code: 1 }));
    expect(await ledger.createTransfers(funding)).toEqual(funding.map(() => 'ok'));
    await ledger.close();

    const outputs = await Promise.all(
      Array.from({ length: processes }, (_, worker) =>
        run(process.execPath, ['--import', 'tsx', payer, database.url, String(worker + 1), String(transfersPerProcess)], { maxBuffer: 64 * 1024 * 1024 }),
      ),
    );
    const reports = outputs.map(({ stdout }) => JSON.parse(stdout) as { accepted: string[]; rejected: Record<string, number> });
    const accepted = reports.flatMap((report) => report.accepted);
    const rejectedCodes = new Set(reports.flatMap((report) => Object.keys(report.rejected)));
    expect([...rejectedCodes].filter((code) => code !== 'exceeds_credits')).toEqual([]);
    expect(accepted.length).toBeGreaterThan(processes * 100);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const stored = await client.query<{ count: string; distinct_ids: string }>(
        'SELECT count(*) AS count, count(DISTINCT id) AS distinct_ids FROM transfers WHERE id = ANY($1::numeric[])',
        [accepted],
      );
      expect(Number(stored.rows[0]!.count)).toBe(accepted.length);
      expect(Number(stored.rows[0]!.distinct_ids)).toBe(accepted.length);
      const total = await client.query<{ count: string }>('SELECT count(*) AS count FROM transfers');
      expect(Number(total.rows[0]!.count)).toBe(accepted.length + funding.length);
      const overdrawn = await client.query('SELECT id FROM accounts WHERE code = 2 AND debits_posted + debits_pending > credits_posted');
      expect(overdrawn.rows).toEqual([]);
    } finally {
      await client.end();
    }

    const check = runZhifu(['ledger', 'check', '--json'], { DATABASE_URL: database.url });
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, transfers: accepted.length + funding.length });
  }, 240_000);
});
