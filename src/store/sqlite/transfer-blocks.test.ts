// Transfers stored in blocks: lookups and account listings across many blocks, and the migration
// that moves a store of the old layout (one row per transfer) into blocks.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accountInput, transferFlags, transferInput, u64Max, type AccountFilter } from '../../ledger/index.js';
import { ManualClock } from '../../platform/clock.js';
import { Ledger } from '../ledger.js';
import { migrations } from './schema.js';
import { openSqliteStore, sqliteFileName } from './sqlite-store.js';
import { transfersPerBlock } from './transfer-blocks.js';

const directories: string[] = [];

function makeDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'zhifu-blocks-'));
  directories.push(directory);
  return directory;
}

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function filter(accountId: bigint, fields: Partial<AccountFilter> = {}): AccountFilter {
  return { accountId, timestampMin: 0n, timestampMax: u64Max, limit: 1000, debits: true, credits: true, reversed: false, ...fields };
}

describe('SQLite transfer blocks', () => {
  it('finds and lists transfers across many blocks, in the owner and in a read-only handle', async () => {
    const directory = makeDirectory();
    const ledger = new Ledger(openSqliteStore({ directory }), new ManualClock());
    const big = (1n << 127n) + 3n;
    expect(await ledger.createAccounts([1n, 2n, 3n, big].map((id) => accountInput({ id, ledger: 156, code: 1 })))).toEqual(['ok', 'ok', 'ok', 'ok']);
    const count = transfersPerBlock * 3 + 5;
    const ids: bigint[] = [];
    // Two commits, each spanning several blocks; account 3 takes part in every third transfer.
    for (const half of [0, 1]) {
      const events = [];
      for (let index = half * count; index < (half + 1) * count; index++) {
        const id = index === 7 ? big - 1n : 1000n + BigInt(index);
        ids.push(id);
        const credit = index % 3 === 0 ? 3n : index % 3 === 1 ? 2n : big;
        events.push(transferInput({ id, debitAccountId: 1n, creditAccountId: credit, amount: BigInt(index + 1), ledger: 156, code: 1 }));
      }
      expect((await ledger.createTransfers(events)).every((result) => result === 'ok')).toBe(true);
    }
    const expectListings = async (store: Pick<Ledger, 'lookupTransfers' | 'getAccountTransfers'>): Promise<void> => {
      const found = await store.lookupTransfers(ids);
      expect(found.map((transfer) => transfer.id)).toEqual(ids);
      expect(found.map((transfer) => transfer.amount)).toEqual(ids.map((_, index) => BigInt(index + 1)));
      const ofThree = ids.filter((_, index) => index % 3 === 0);
      expect((await store.getAccountTransfers(filter(3n))).map((transfer) => transfer.id)).toEqual(ofThree);
      expect((await store.getAccountTransfers(filter(big, { reversed: true, limit: 5 }))).map((transfer) => transfer.id)).toEqual(
        ids.filter((_, index) => index % 3 === 2).reverse().slice(0, 5),
      );
      expect((await store.getAccountTransfers(filter(1n))).length).toBe(ids.length);
    };
    await expectListings(ledger);
    const reader = openSqliteStore({ directory, readOnly: true });
    await expectListings(new Ledger(reader, new ManualClock()));
    expect((await reader.audit()).failures).toEqual([]);
    await reader.close();
    // A retry of a stored transfer is found through the id index.
    expect(await ledger.createTransfers([transferInput({ id: big - 1n, debitAccountId: 1n, creditAccountId: 2n, amount: 8n, ledger: 156, code: 1 })])).toEqual(['exists']);
    await ledger.close();
  });

  it('indexes rising ids by runs and other ids one by one, and finds both, gaps and retries included', async () => {
    const directory = makeDirectory();
    const ledger = new Ledger(openSqliteStore({ directory }), new ManualClock());
    expect(await ledger.createAccounts([1n, 2n].map((id) => accountInput({ id, ledger: 156, code: 1 })))).toEqual(['ok', 'ok']);
    const pay = (id: bigint, amount = 5n) => transferInput({ id, debitAccountId: 1n, creditAccountId: 2n, amount, ledger: 156, code: 1 });
    // Forty rising ids with gaps (100, 102, …, 178): runs over two blocks.
    const rising = Array.from({ length: 40 }, (_, index) => 100n + 2n * BigInt(index));
    expect(await ledger.createTransfers(rising.map((id) => pay(id)))).toEqual(rising.map(() => 'ok'));
    // Then ids in the gaps and below the highest (one by one), around a new rising pair (a run).
    const later = [101n, 103n, 200n, 201n, 150n + 1n];
    expect(await ledger.createTransfers(later.map((id) => pay(id)))).toEqual(later.map(() => 'ok'));
    const check = new Database(join(directory, sqliteFileName), { readonly: true });
    expect(check.prepare(`SELECT count(*) AS runs FROM transfer_runs`).get()).toEqual({ runs: 3 });
    expect(check.prepare(`SELECT count(*) AS singles FROM transfer_ids`).get()).toEqual({ singles: 3 });
    check.close();

    const stored = [...rising, ...later];
    const missing = [99n, 105n, 179n, 199n, 202n, 1n << 100n];
    const expectFound = async (store: Pick<Ledger, 'lookupTransfers'>): Promise<void> => {
      expect((await store.lookupTransfers([...stored, ...missing])).map((transfer) => transfer.id)).toEqual(stored);
      for (const id of missing) expect(await store.lookupTransfers([id])).toEqual([]);
    };
    await expectFound(ledger);
    const reader = openSqliteStore({ directory, readOnly: true });
    await expectFound(new Ledger(reader, new ManualClock()));
    await reader.close();
    // Retries are found through either kind of entry; an id in a run's gap is new.
    expect(await ledger.createTransfers([pay(102n), pay(178n), pay(103n), pay(201n), pay(150n, 9n)])).toEqual(['exists', 'exists', 'exists', 'exists', 'exists_with_different_amount']);
    expect(await ledger.createTransfers([pay(105n)])).toEqual(['ok']);
    expect((await ledger.audit()).failures).toEqual([]);
    await ledger.close();
  });

  it('moves the transfers of a store of the old layout into blocks, chains and holds included', async () => {
    const directory = makeDirectory();
    const db = new Database(join(directory, sqliteFileName));
    db.exec(migrations[0]!.sql);
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    db.prepare(`INSERT INTO schema_migrations VALUES (1, 'ledger', '2025-01-01T00:00:00.000Z')`).run();
    // Account 1 pays account 2 forty times (amounts 1..40), then holds 5 with an id past 2^63 (stored as TEXT).
    const count = 40;
    const holdId = 1n << 100n;
    const paid = BigInt((count * (count + 1)) / 2);
    const insertAccount = db.prepare(`INSERT INTO accounts VALUES (?, 156, 1, 0, 0, 0, 0, ?, ?, ?, ?, ?, ?)`);
    insertAccount.run(1, 5, paid, 0, 0, 1, 1000 + count + 1);
    insertAccount.run(2, 0, 0, 5, paid, 2, 1000 + count + 1);
    const insertTransfer = db.prepare(`INSERT INTO transfers VALUES (?, ?, 1, 2, ?, 0, 0, -1, 0, ?, 156, 1, ?, ?, ?)`);
    for (let index = 1; index <= count + 1; index++) {
      const timestamp = 1000 + index;
      const previous = index === 1 ? 0 : timestamp - 1;
      const hold = index === count + 1;
      insertTransfer.run(timestamp, hold ? holdId.toString() : 100 + index, hold ? 5 : index, hold ? 3600 : 0, hold ? 2 : 0, previous, previous);
    }
    db.prepare(`INSERT INTO holds VALUES (?, 0, ?, 0)`).run(holdId.toString(), BigInt(1000 + count + 1) + 3600n * 1_000_000_000n);
    db.prepare(`UPDATE ledger_state SET last_timestamp = ?, max_transfer_id = ?`).run(1000 + count + 1, holdId.toString());
    db.close();

    const ledger = new Ledger(openSqliteStore({ directory }), new ManualClock(5000n));
    const [first, hold] = await ledger.lookupTransfers([101n, holdId]);
    expect(first).toMatchObject({ id: 101n, debitAccountId: 1n, creditAccountId: 2n, amount: 1n, userData64: u64Max, timestamp: 1001n });
    expect(hold).toMatchObject({ id: holdId, amount: 5n, flags: transferFlags('pending'), timeout: 3600 });
    expect((await ledger.lookupHolds([holdId])).get(holdId)?.status).toBe('pending');
    const listed = await ledger.getAccountTransfers(filter(2n, { reversed: true }));
    expect(listed.map((transfer) => transfer.id)).toEqual([holdId, ...Array.from({ length: count }, (_, index) => BigInt(100 + count - index))]);
    expect((await ledger.audit()).failures).toEqual([]);

    // New transfers chain onto the moved ones, and the hold can be posted.
    const post = transferInput({ id: holdId + 1n, pendingId: holdId, amount: 5n, flags: transferFlags('postPendingTransfer') });
    expect(await ledger.createTransfers([post, transferInput({ id: 101n, debitAccountId: 1n, creditAccountId: 2n, amount: 1n, userData64: u64Max, ledger: 156, code: 1 })])).toEqual(['ok', 'exists']);
    expect((await ledger.getAccountTransfers(filter(1n))).map((transfer) => transfer.id)).toEqual([...Array.from({ length: count }, (_, index) => BigInt(101 + index)), holdId, holdId + 1n]);
    const [payee] = await ledger.lookupAccounts([2n]);
    expect(payee).toMatchObject({ creditsPending: 0n, creditsPosted: paid + 5n });
    expect((await ledger.audit()).failures).toEqual([]);
    await ledger.close();

    const check = new Database(join(directory, sqliteFileName), { readonly: true });
    expect(check.prepare(`SELECT name FROM sqlite_master WHERE name = 'transfers'`).get()).toBeUndefined();
    expect(check.prepare(`SELECT max(version) AS version FROM schema_migrations`).get()).toEqual({ version: migrations[migrations.length - 1]!.version });
    check.close();
  });
});
