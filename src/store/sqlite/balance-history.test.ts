// Balance history kept in time order (balance-history.ts): the migration from the layout keyed by
// account, a failed commit that must leave each account's history linked as it was, and links
// made when the heads the writer keeps in memory overflow.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accountFlags, accountInput, transferInput, u64Max, type AccountFilter } from '../../ledger/index.js';
import { ManualClock } from '../../platform/clock.js';
import { Ledger } from '../ledger.js';
import { BalanceHeads, readBalanceHistory } from './balance-history.js';
import { migrations } from './schema.js';
import { openSqliteStore, sqliteFileName } from './sqlite-store.js';
import { prepareStatements } from './statements.js';
import { transferIdKey } from './transfer-blocks.js';

const directories: string[] = [];

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function filter(accountId: bigint, fields: Partial<AccountFilter> = {}): AccountFilter {
  return { accountId, timestampMin: 0n, timestampMax: u64Max, limit: 1000, debits: true, credits: true, reversed: false, ...fields };
}

describe('SQLite balance history', () => {
  it('moves the history of a store keyed by account into time order, and new snapshots link onto it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'zhifu-balances-'));
    directories.push(directory);
    const db = new Database(join(directory, sqliteFileName));
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    for (const migration of migrations.filter((each) => each.version <= 3)) {
      db.exec(migration.sql);
      migration.after?.(db);
      db.prepare(`INSERT INTO schema_migrations VALUES (?, ?, '2025-01-01T00:00:00.000Z')`).run(migration.version, migration.name);
    }
    // Accounts 1 (no history) and 2 and 3 (history, 3 with an id past 2^63, stored as TEXT); account
    // 2 received 1, 2 and 3 at timestamps 11, 12 and 13, then paid 5 to account 3 at 14.
    const big = (1n << 100n).toString();
    const history = accountFlags('history');
    const insertAccount = db.prepare(`INSERT INTO accounts VALUES (?, 156, 1, ?, 0, 0, 0, 0, ?, 0, ?, ?, 0)`);
    insertAccount.run(1, 0, 6, 0, 1);
    insertAccount.run(2, history, 5, 6, 2);
    insertAccount.run(big, history, 0, 5, 3);
    const insertBalance = db.prepare(`INSERT INTO account_balances VALUES (?, ?, 0, ?, 0, ?)`);
    for (const [account, timestamp, debits, credits] of [[2, 11, 0, 1], [2, 12, 0, 3], [big, 14, 0, 5], [2, 13, 0, 6], [2, 14, 5, 6]] as const) {
      insertBalance.run(account, timestamp, debits, credits);
    }
    db.prepare(`UPDATE ledger_state SET last_timestamp = 14`).run();
    db.close();

    const ledger = new Ledger(openSqliteStore({ directory }), new ManualClock(100n));
    const moved = await ledger.getAccountBalances(filter(2n));
    expect(moved.map((balance) => [balance.timestamp, balance.debitsPosted, balance.creditsPosted])).toEqual([[11n, 0n, 1n], [12n, 0n, 3n], [13n, 0n, 6n], [14n, 5n, 6n]]);
    expect(await ledger.getAccountBalances(filter(2n, { reversed: true, limit: 2, timestampMax: 13n }))).toEqual([moved[2], moved[1]]);
    expect(await ledger.getAccountBalances(filter(1n << 100n))).toEqual([{ accountId: 1n << 100n, timestamp: 14n, debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 5n }]);

    expect(await ledger.createTransfers([transferInput({ id: 50n, debitAccountId: 1n << 100n, creditAccountId: 2n, amount: 2n, ledger: 156, code: 1 })])).toEqual(['ok']);
    const after = await ledger.getAccountBalances(filter(2n));
    expect(after.slice(0, 4)).toEqual(moved);
    expect(after[4]).toMatchObject({ debitsPosted: 5n, creditsPosted: 8n });
    expect((await ledger.getAccountBalances(filter(1n << 100n))).map((balance) => balance.debitsPosted)).toEqual([0n, 2n]);
    await ledger.close();

    const check = new Database(join(directory, sqliteFileName), { readonly: true });
    expect(check.prepare(`SELECT name FROM sqlite_master WHERE name = 'account_balances'`).get()).toBeUndefined();
    expect(check.prepare(`SELECT max(version) AS version FROM schema_migrations`).get()).toEqual({ version: migrations[migrations.length - 1]!.version });
    check.close();
  });

  it('links new snapshots to the last durable ones after a commit the writer could not write', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'zhifu-balances-'));
    directories.push(directory);
    const ledger = new Ledger(openSqliteStore({ directory }), new ManualClock());
    const flags = accountFlags('history');
    expect(await ledger.createAccounts([accountInput({ id: 1n, ledger: 156, code: 1, flags }), accountInput({ id: 2n, ledger: 156, code: 1, flags })])).toEqual(['ok', 'ok']);
    const pay = (id: bigint) => transferInput({ id, debitAccountId: 1n, creditAccountId: 2n, amount: id, ledger: 156, code: 1 });
    expect(await ledger.createTransfers([pay(10n)])).toEqual(['ok']);
    // Another connection takes transfer 20's id, so that its commit fails after its snapshots were written.
    const intruder = new Database(join(directory, sqliteFileName));
    intruder.prepare(`INSERT INTO transfer_ids (id, block, slot) VALUES (?, 1, 0)`).run(transferIdKey(20n));
    intruder.close();
    await expect(ledger.createTransfers([pay(20n)])).rejects.toThrow(/UNIQUE constraint failed/);
    expect(await ledger.createTransfers([pay(30n)])).toEqual(['ok']);
    for (const account of [1n, 2n]) {
      const balances = await ledger.getAccountBalances(filter(account));
      expect(balances.map((balance) => balance.debitsPosted + balance.creditsPosted)).toEqual([10n, 40n]);
    }
    await ledger.close();
  });

  it('links snapshots through the table when the heads kept in memory are full', () => {
    const db = new Database(':memory:');
    for (const migration of migrations) {
      db.exec(migration.sql);
      migration.after?.(db);
    }
    const statements = prepareStatements(db);
    // Room for one account: every commit below that names another forgets what was kept.
    const heads = new BalanceHeads(statements, 1);
    const snapshot = (accountId: bigint, timestamp: bigint) => ({ accountId, timestamp, balances: [0n, 0n, 0n, timestamp] });
    heads.append([snapshot(1n, 10n)]);
    heads.append([snapshot(2n, 11n), snapshot(1n, 12n)]);
    heads.append([snapshot(2n, 13n)]);
    heads.append([snapshot(1n, 14n)]);
    expect(readBalanceHistory(statements, filter(1n)).map((balance) => balance.timestamp)).toEqual([10n, 12n, 14n]);
    expect(readBalanceHistory(statements, filter(2n)).map((balance) => balance.timestamp)).toEqual([11n, 13n]);
    db.close();
  });
});
