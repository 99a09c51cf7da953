// The store contract on SQLite, and what only the embedded store does: the single-writer lock and
// read-only access beside the owner.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { accountInput, transferFlags, transferInput } from '../../ledger/index.js';
import { ManualClock } from '../../platform/clock.js';
import { Ledger } from '../ledger.js';
import { openSqliteStore, sqliteFileName } from '../sqlite/sqlite-store.js';
import { transferIdKey } from '../sqlite/transfer-blocks.js';
import { CommitFailedError, DependentCommitError, StoreLockedError, StoreReadOnlyError } from '../store.js';
import { describeLedgerStoreContract } from './ledger-store-contract.js';

describeLedgerStoreContract('sqlite', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'zhifu-contract-'));
  return {
    open: async () => openSqliteStore({ directory }),
    destroy: async () => rmSync(directory, { recursive: true, force: true }),
  };
});

// The same contract with room for only two accounts in memory, so that accounts are dropped and
// read again all the time, from the account log before it is folded and from their rows after.
describeLedgerStoreContract('sqlite, two accounts in memory', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'zhifu-contract-'));
  return {
    open: async () => openSqliteStore({ directory, accountsInMemoryMax: 2 }),
    destroy: async () => rmSync(directory, { recursive: true, force: true }),
  };
});

describe('SQLite store ownership', () => {
  it('refuses a second writer with a clear message, and lets readers in', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'zhifu-lock-'));
    const owner = openSqliteStore({ directory });
    const accounts = [accountInput({ id: 1n, ledger: 156, code: 1 }), accountInput({ id: 2n, ledger: 156, code: 1 })];
    await owner.commit([{ kind: 'create_accounts', events: accounts }], 1n);
    // A later change lives in the account log until the owner folds it: readers must see it too.
    const pay = transferInput({ id: 9n, debitAccountId: 1n, creditAccountId: 2n, amount: 7n, ledger: 156, code: 1 });
    await owner.commit([{ kind: 'create_transfers', events: [pay] }], 2n);
    expect(() => openSqliteStore({ directory })).toThrow(StoreLockedError);
    expect(() => openSqliteStore({ directory })).toThrow(/in use by another Zhifu process \(pid \d+/);
    const reader = openSqliteStore({ directory, readOnly: true });
    expect((await reader.lookupAccounts([1n, 2n])).map((account) => account.creditsPosted)).toEqual([0n, 7n]);
    expect((await reader.getAccountTransfers({ accountId: 2n, timestampMin: 0n, timestampMax: 1n << 62n, limit: 10, debits: true, credits: true, reversed: true })).map((t) => t.id)).toEqual([9n]);
    expect((await reader.audit()).ok).toBe(true);
    await expect(reader.commit([], 2n)).rejects.toThrow(StoreReadOnlyError);
    await reader.close();
    await owner.close();
    const next = openSqliteStore({ directory });
    expect(await next.lookupAccounts([1n])).toHaveLength(1);
    await next.close();
    rmSync(directory, { recursive: true, force: true });
  });
});

describe('SQLite accounts in memory', () => {
  it('reads accounts it dropped from memory from the account log until it is folded, then from their rows', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'zhifu-dropped-'));
    const ledger = new Ledger(openSqliteStore({ directory, accountsInMemoryMax: 2 }), new ManualClock());
    const ids = [1n, 2n, 3n, 4n, 5n, 6n];
    expect(await ledger.createAccounts(ids.map((id) => accountInput({ id, ledger: 156, code: 1 })))).toEqual(ids.map(() => 'ok'));
    const debits = new Map(ids.map((id) => [id, 0n]));
    const credits = new Map(ids.map((id) => [id, 0n]));
    // One commit per transfer, around the six accounts: each commit drops others from memory, and
    // the log is folded every 16 commits, so reads come from the log and from rows in turn.
    for (let round = 0; round < 40; round++) {
      const debit = ids[round % 6]!;
      const credit = ids[(round + 1) % 6]!;
      const amount = BigInt(round + 1);
      expect(await ledger.createTransfers([transferInput({ id: 100n + BigInt(round), debitAccountId: debit, creditAccountId: credit, amount, ledger: 156, code: 1 })])).toEqual(['ok']);
      debits.set(debit, debits.get(debit)! + amount);
      credits.set(credit, credits.get(credit)! + amount);
      const accounts = await ledger.lookupAccounts(ids);
      expect(accounts.map((account) => [account.debitsPosted, account.creditsPosted])).toEqual(ids.map((id) => [debits.get(id), credits.get(id)]));
    }
    const history = await ledger.getAccountTransfers({ accountId: 1n, timestampMin: 0n, timestampMax: 1n << 62n, limit: 100, debits: true, credits: true, reversed: false });
    expect(history.map((transfer) => transfer.id)).toEqual(Array.from({ length: 40 }, (_, round) => 100n + BigInt(round)).filter((_, round) => round % 6 === 0 || (round + 1) % 6 === 0));
    expect((await ledger.audit()).failures).toEqual([]);
    await ledger.close();
    const reopened = openSqliteStore({ directory });
    expect((await reopened.lookupAccounts(ids)).map((account) => account.debitsPosted)).toEqual(ids.map((id) => debits.get(id)));
    await reopened.close();
    rmSync(directory, { recursive: true, force: true });
  });
});

describe('SQLite ledger check apart', () => {
  it('reports on a thread of its own what the check on the store\'s connection reports, broken ledger included', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'zhifu-audit-apart-'));
    const open = () => new Ledger(openSqliteStore({ directory }), new ManualClock());
    let ledger = open();
    expect(await ledger.createAccounts([accountInput({ id: 1n, ledger: 156, code: 1 }), accountInput({ id: 2n, ledger: 156, code: 1 })])).toEqual(['ok', 'ok']);
    const transfers = [
      transferInput({ id: 10n, debitAccountId: 1n, creditAccountId: 2n, amount: 25n, ledger: 156, code: 1 }),
      transferInput({ id: 11n, debitAccountId: 1n, creditAccountId: 2n, amount: 40n, ledger: 156, code: 1, flags: transferFlags('pending') }),
    ];
    expect(await ledger.createTransfers(transfers)).toEqual(['ok', 'ok']);
    const apart = await ledger.audit({ apart: true });
    expect(apart).toEqual(await ledger.audit());
    expect(apart).toMatchObject({ ok: true, accounts: 2, transfers: 2 });
    await ledger.close();

    // Behind the store's back, account 2 claims more than its transfers brought it.
    const intruder = new Database(join(directory, sqliteFileName));
    intruder.prepare('UPDATE accounts SET credits_posted = debits_pending WHERE id = (SELECT id FROM accounts ORDER BY timestamp DESC LIMIT 1)').run();
    intruder.close();
    ledger = open();
    const broken = await ledger.audit({ apart: true });
    expect(broken.ok).toBe(false);
    expect(broken.failures.length).toBeGreaterThan(0);
    expect(broken).toEqual(await ledger.audit());
    await ledger.close();
    rmSync(directory, { recursive: true, force: true });
  });
});

describe('SQLite commit pipeline', () => {
  it('refuses to write on top of a ledger another writer changed behind its back', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'zhifu-diverged-'));
    const ledger = new Ledger(openSqliteStore({ directory }), new ManualClock());
    expect(await ledger.createAccounts([accountInput({ id: 1n, ledger: 156, code: 1 }), accountInput({ id: 2n, ledger: 156, code: 1 })])).toEqual(['ok', 'ok']);
    const pay = (id: bigint) => transferInput({ id, debitAccountId: 1n, creditAccountId: 2n, amount: 10n, ledger: 156, code: 1 });
    expect(await ledger.createTransfers([pay(10n), pay(11n)])).toEqual(['ok', 'ok']);
    // Ids above the highest stored are indexed by runs, which only the highest id keeps apart:
    // a commit computed on another highest id than the store's would index ids wrongly.
    const intruder = new Database(join(directory, sqliteFileName));
    intruder.prepare(`UPDATE ledger_state SET max_transfer_id = 500`).run();
    await expect(ledger.createTransfers([pay(20n), pay(21n)])).rejects.toThrow(/highest transfer id is 500, not 11 .*another writer changed the ledger/);
    expect(await ledger.lookupTransfers([20n, 21n])).toEqual([]);
    intruder.close();
    await ledger.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('rolls back a commit the writer cannot write, drops those computed on it, and goes on', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'zhifu-pipeline-'));
    const store = openSqliteStore({ directory });
    const ledger = new Ledger(store, new ManualClock());
    expect(await ledger.createAccounts([accountInput({ id: 1n, ledger: 156, code: 1 }), accountInput({ id: 2n, ledger: 156, code: 1 })])).toEqual(['ok', 'ok']);
    const pay = (id: bigint) => transferInput({ id, debitAccountId: 1n, creditAccountId: 2n, amount: 10n, ledger: 156, code: 1 });
    expect(await ledger.createTransfers([pay(10n)])).toEqual(['ok']);

    // Another connection slips an index entry for id 20 in behind the owner's back, so the writer's
    // insert of transfer 20 breaks the unique id: the engine could not know, the database refuses.
    const intruder = new Database(join(directory, sqliteFileName));
    intruder.prepare(`INSERT INTO transfer_ids (id, block, slot) VALUES (?, 1, 0)`).run(transferIdKey(20n));

    const failing = ledger.createTransfers([pay(20n)]);
    await new Promise((next) => setImmediate(next));
    const dependent = ledger.createTransfers([pay(21n)]);
    await expect(failing).rejects.toThrow(/UNIQUE constraint failed/);
    await expect(failing).rejects.toBeInstanceOf(CommitFailedError);
    const second = await dependent.then(
      (results) => ({ results }),
      (error: unknown) => ({ error }),
    );
    // Whether the second commit was computed on top of the failed one depends on timing: either it
    // was dropped with a clear error, or it ran after the reset and succeeded.
    if ('error' in second) expect(second.error).toBeInstanceOf(DependentCommitError);
    else expect(second.results).toEqual(['ok']);

    intruder.prepare(`DELETE FROM transfer_ids WHERE block = 1`).run();
    intruder.close();
    expect(await ledger.createTransfers([pay(22n)])).toEqual(['ok']);
    const moved = 'error' in second ? 20n : 30n;
    const [payee] = await ledger.lookupAccounts([2n]);
    expect(payee!.creditsPosted).toBe(moved);
    expect(await ledger.lookupTransfers([20n])).toEqual([]);
    const report = await ledger.audit();
    expect(report.failures).toEqual([]);
    await ledger.close();
    const reopened = openSqliteStore({ directory });
    const [again] = await reopened.lookupAccounts([2n]);
    expect(again!.creditsPosted).toBe(moved);
    await reopened.close();
    rmSync(directory, { recursive: true, force: true });
  });
});
