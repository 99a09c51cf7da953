// The store contract: one suite of behaviour every LedgerStore must show, run over SQLite and
// PostgreSQL alike (sqlite.test.ts, postgres.test.ts).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  accountFlags,
  accountInput,
  transferFlags,
  transferInput,
  u128Max,
  u64Max,
  type AccountFilter,
} from '../../ledger/index.js';
import { ManualClock } from '../../platform/clock.js';
import { Ledger } from '../ledger.js';
import type { LedgerStore } from '../store.js';

export interface StoreFixture {
  /** Opens the store under test (again, after a close, on the same data). */
  open(): Promise<LedgerStore>;
  /** Removes the data. */
  destroy(): Promise<void>;
}

const ledgerNumber = 156;

function filter(accountId: bigint, fields: Partial<AccountFilter> = {}): AccountFilter {
  return { accountId, timestampMin: 0n, timestampMax: u64Max, limit: 100, debits: true, credits: true, reversed: false, ...fields };
}

export function describeLedgerStoreContract(name: string, makeFixture: () => Promise<StoreFixture>): void {
  describe(`LedgerStore contract: ${name}`, () => {
    let fixture: StoreFixture;
    let clock: ManualClock;
    let ledger: Ledger;

    const reopen = async (): Promise<void> => {
      await ledger.close();
      ledger = new Ledger(await fixture.open(), clock);
    };

    beforeEach(async () => {
      fixture = await makeFixture();
      clock = new ManualClock();
      ledger = new Ledger(await fixture.open(), clock);
      const results = await ledger.createAccounts([
        accountInput({ id: 1n, ledger: ledgerNumber, code: 10 }),
        accountInput({ id: 2n, ledger: ledgerNumber, code: 20, flags: accountFlags('debitsMustNotExceedCredits', 'history') }),
        accountInput({ id: 3n, ledger: ledgerNumber, code: 20, flags: accountFlags('history') }),
      ]);
      expect(results).toEqual(['ok', 'ok', 'ok']);
    });

    afterEach(async () => {
      const report = await ledger.audit();
      expect(report.failures).toEqual([]);
      expect(report.ok).toBe(true);
      await ledger.close();
      await fixture.destroy();
    });

    it('stores accounts and transfers exactly, including u128 extremes', async () => {
      const big = u128Max - 1n;
      expect(await ledger.createAccounts([accountInput({ id: big, ledger: ledgerNumber, code: 1, userData128: big, userData64: u64Max, userData32: 0xffff_ffff })])).toEqual(['ok']);
      const transfer = transferInput({ id: big, debitAccountId: big, creditAccountId: 1n, amount: (1n << 127n) + 5n, userData128: big, userData64: u64Max, userData32: 7, ledger: ledgerNumber, code: 9 });
      expect(await ledger.createTransfers([transfer])).toEqual(['ok']);
      await reopen();
      const [account] = await ledger.lookupAccounts([big]);
      expect(account).toMatchObject({ id: big, userData128: big, userData64: u64Max, userData32: 0xffff_ffff, debitsPosted: (1n << 127n) + 5n });
      const [stored] = await ledger.lookupTransfers([big]);
      expect(stored).toMatchObject({ ...transfer });
      expect(stored!.timestamp).toBeGreaterThan(0n);
      expect(await ledger.lookupTransfers([12345n])).toEqual([]);
    });

    it('returns exists for a retried transfer and moves money once, across a reopen', async () => {
      const funding = transferInput({ id: 10n, debitAccountId: 1n, creditAccountId: 2n, amount: 500n, ledger: ledgerNumber, code: 1 });
      expect(await ledger.createTransfers([funding])).toEqual(['ok']);
      await reopen();
      expect(await ledger.createTransfers([funding])).toEqual(['exists']);
      expect(await ledger.createTransfers([{ ...funding, amount: 501n }])).toEqual(['exists_with_different_amount']);
      const [account] = await ledger.lookupAccounts([2n]);
      expect(account!.creditsPosted).toBe(500n);
    });

    it('refuses an overdraft and keeps a linked chain all-or-nothing', async () => {
      await ledger.createTransfers([transferInput({ id: 10n, debitAccountId: 1n, creditAccountId: 2n, amount: 100n, ledger: ledgerNumber, code: 1 })]);
      const results = await ledger.createTransfers([
        transferInput({ id: 11n, debitAccountId: 2n, creditAccountId: 3n, amount: 60n, ledger: ledgerNumber, code: 1, flags: transferFlags('linked') }),
        transferInput({ id: 12n, debitAccountId: 2n, creditAccountId: 3n, amount: 60n, ledger: ledgerNumber, code: 1 }),
      ]);
      expect(results).toEqual(['linked_event_failed', 'exceeds_credits']);
      expect(await ledger.lookupTransfers([11n, 12n])).toEqual([]);
      const [account] = await ledger.lookupAccounts([2n]);
      expect(account).toMatchObject({ debitsPosted: 0n, creditsPosted: 100n });
    });

    it('holds, posts part, voids and expires pending transfers', async () => {
      await ledger.createTransfers([transferInput({ id: 10n, debitAccountId: 1n, creditAccountId: 2n, amount: 1000n, ledger: ledgerNumber, code: 1 })]);
      const hold = (id: bigint, amount: bigint, timeout = 0) =>
        transferInput({ id, debitAccountId: 2n, creditAccountId: 3n, amount, ledger: ledgerNumber, code: 2, flags: transferFlags('pending'), timeout });
      expect(await ledger.createTransfers([hold(20n, 300n), hold(21n, 200n), hold(22n, 100n, 60)])).toEqual(['ok', 'ok', 'ok']);
      expect(await ledger.createTransfers([hold(23n, 401n)])).toEqual(['exceeds_credits']);
      expect(
        await ledger.createTransfers([
          transferInput({ id: 30n, pendingId: 20n, amount: 250n, flags: transferFlags('postPendingTransfer') }),
          transferInput({ id: 31n, pendingId: 21n, flags: transferFlags('voidPendingTransfer') }),
        ]),
      ).toEqual(['ok', 'ok']);
      expect(await ledger.createTransfers([transferInput({ id: 32n, pendingId: 20n, amount: 1n, flags: transferFlags('postPendingTransfer') })])).toEqual([
        'pending_transfer_already_posted',
      ]);
      await reopen();
      clock.advanceSeconds(61);
      await ledger.expirePendingTransfers();
      const holds = await ledger.lookupHolds([20n, 21n, 22n]);
      expect([...holds.values()].map((state) => state.status)).toEqual(['posted', 'voided', 'expired']);
      expect(await ledger.createTransfers([transferInput({ id: 33n, pendingId: 22n, amount: u128Max, flags: transferFlags('postPendingTransfer') })])).toEqual([
        'pending_transfer_expired',
      ]);
      const [payer] = await ledger.lookupAccounts([2n]);
      expect(payer).toMatchObject({ debitsPending: 0n, debitsPosted: 250n, creditsPosted: 1000n });
    });

    it('lists an account transfers by time, both ways, with filters and pages', async () => {
      const ids: bigint[] = [];
      for (let index = 0; index < 12; index++) {
        const id = 100n + BigInt(index);
        ids.push(id);
        const [debit, credit] = index % 3 === 0 ? [3n, 1n] : [1n, 3n];
        clock.advanceSeconds(1);
        expect(await ledger.createTransfers([transferInput({ id, debitAccountId: debit, creditAccountId: credit, amount: 1n, ledger: ledgerNumber, code: 1 })])).toEqual(['ok']);
      }
      const all = await ledger.getAccountTransfers(filter(3n));
      expect(all.map((transfer) => transfer.id)).toEqual(ids);
      const newest = await ledger.getAccountTransfers(filter(3n, { reversed: true, limit: 5 }));
      expect(newest.map((transfer) => transfer.id)).toEqual(ids.slice(-5).reverse());
      const nextPage = await ledger.getAccountTransfers(filter(3n, { reversed: true, limit: 5, timestampMax: newest[4]!.timestamp - 1n }));
      expect(nextPage.map((transfer) => transfer.id)).toEqual(ids.slice(-10, -5).reverse());
      const oldest = await ledger.getAccountTransfers(filter(3n, { limit: 4, timestampMin: all[2]!.timestamp }));
      expect(oldest.map((transfer) => transfer.id)).toEqual(ids.slice(2, 6));
      const debits = await ledger.getAccountTransfers(filter(3n, { credits: false }));
      expect(debits.map((transfer) => transfer.id)).toEqual(ids.filter((_, index) => index % 3 === 0));
      expect(await ledger.getAccountTransfers(filter(2n))).toEqual([]);
      await reopen();
      expect((await ledger.getAccountTransfers(filter(1n))).length).toBe(12);
    });

    it('keeps balance history for history accounts', async () => {
      await ledger.createTransfers([
        transferInput({ id: 10n, debitAccountId: 1n, creditAccountId: 2n, amount: 70n, ledger: ledgerNumber, code: 1 }),
        transferInput({ id: 11n, debitAccountId: 2n, creditAccountId: 3n, amount: 30n, ledger: ledgerNumber, code: 1, flags: transferFlags('pending') }),
      ]);
      const balances = await ledger.getAccountBalances(filter(2n));
      expect(balances.map((balance) => [balance.creditsPosted, balance.debitsPending])).toEqual([
        [70n, 0n],
        [70n, 30n],
      ]);
      expect(await ledger.getAccountBalances(filter(1n))).toEqual([]);
      expect((await ledger.getAccountBalances(filter(2n, { reversed: true, limit: 1 })))[0]!.debitsPending).toBe(30n);
    });

    it('lists balance history by time, both ways, with bounds and limits, across commits, an expiry and a reopen', async () => {
      const paid: bigint[] = [];
      for (let index = 1; index <= 6; index++) {
        clock.advanceSeconds(1);
        expect(await ledger.createTransfers([transferInput({ id: 200n + BigInt(index), debitAccountId: 1n, creditAccountId: 2n, amount: BigInt(index), ledger: ledgerNumber, code: 1 })])).toEqual(['ok']);
        paid.push((paid.at(-1) ?? 0n) + BigInt(index));
      }
      // Account 3 takes part in some of them only: its history is its own.
      expect(await ledger.createTransfers([transferInput({ id: 300n, debitAccountId: 2n, creditAccountId: 3n, amount: 4n, ledger: ledgerNumber, code: 2, flags: transferFlags('pending'), timeout: 1 })])).toEqual(['ok']);
      clock.advanceSeconds(2);
      await ledger.expirePendingTransfers();
      const all = await ledger.getAccountBalances(filter(2n));
      expect(all.map((balance) => [balance.creditsPosted, balance.debitsPending])).toEqual([...paid.map((sum) => [sum, 0n]), [21n, 4n], [21n, 0n]]);
      expect(all.every((balance) => balance.accountId === 2n)).toBe(true);
      expect(all.map((balance) => balance.timestamp)).toEqual([...all.map((balance) => balance.timestamp)].sort((a, b) => (a < b ? -1 : 1)));
      expect((await ledger.getAccountBalances(filter(3n))).map((balance) => balance.creditsPending)).toEqual([4n, 0n]);

      const newest = await ledger.getAccountBalances(filter(2n, { reversed: true, limit: 3 }));
      expect(newest).toEqual(all.slice(-3).reverse());
      expect(await ledger.getAccountBalances(filter(2n, { reversed: true, limit: 2, timestampMax: all[3]!.timestamp }))).toEqual([all[3], all[2]]);
      expect(await ledger.getAccountBalances(filter(2n, { limit: 2, timestampMin: all[1]!.timestamp }))).toEqual([all[1], all[2]]);
      expect(await ledger.getAccountBalances(filter(2n, { timestampMin: all[2]!.timestamp, timestampMax: all[4]!.timestamp - 1n }))).toEqual([all[2], all[3]]);
      expect(await ledger.getAccountBalances(filter(2n, { timestampMax: all[0]!.timestamp - 1n }))).toEqual([]);
      expect(await ledger.getAccountBalances(filter(2n, { limit: 0 }))).toEqual([]);
      expect(await ledger.getAccountBalances(filter(4n))).toEqual([]);

      await reopen();
      expect(await ledger.getAccountBalances(filter(2n))).toEqual(all);
      clock.advanceSeconds(1);
      expect(await ledger.createTransfers([transferInput({ id: 400n, debitAccountId: 2n, creditAccountId: 1n, amount: 1n, ledger: ledgerNumber, code: 1 })])).toEqual(['ok']);
      const after = await ledger.getAccountBalances(filter(2n));
      expect(after.slice(0, -1)).toEqual(all);
      expect(after.at(-1)).toMatchObject({ debitsPosted: 1n, creditsPosted: 21n });
    });

    it('commits concurrent callers together and answers each with its own results', async () => {
      await ledger.createTransfers([transferInput({ id: 10n, debitAccountId: 1n, creditAccountId: 2n, amount: 50n, ledger: ledgerNumber, code: 1 })]);
      const commitsBefore = ledger.statistics.commits;
      const calls = Array.from({ length: 80 }, (_, index) =>
        ledger.createTransfers([transferInput({ id: 1000n + BigInt(index), debitAccountId: 2n, creditAccountId: 3n, amount: 1n, ledger: ledgerNumber, code: 1 })]),
      );
      const results = (await Promise.all(calls)).map(([result]) => result);
      expect(results.filter((result) => result === 'ok')).toHaveLength(50);
      expect(results.filter((result) => result === 'exceeds_credits')).toHaveLength(30);
      expect(ledger.statistics.commits - commitsBefore).toBeLessThan(10);
    });

    it('counts accounts and sums their balances per ledger and code exactly, past 2^63 too, before and after a reopen', async () => {
      await ledger.createAccounts([4n, 5n, 6n, 7n, 8n, 9n].map((id) => accountInput({ id, ledger: id === 4n ? 840 : ledgerNumber, code: id === 4n ? 10 : id < 7n ? 30 : 40 })));
      const huge = (1n << 64n) + 5n;
      const large = (1n << 62n) + (1n << 61n);
      const move = (id: bigint, debitAccountId: bigint, creditAccountId: bigint, amount: bigint, flags = 0) => transferInput({ id, debitAccountId, creditAccountId, amount, ledger: ledgerNumber, code: 1, flags });
      expect(await ledger.createTransfers([move(10n, 1n, 2n, 500n), move(11n, 2n, 3n, 30n, transferFlags('pending'))])).toEqual(['ok', 'ok']);
      expect(await ledger.createTransfers([move(12n, 5n, 6n, huge), move(13n, 5n, 6n, 7n), move(14n, 7n, 9n, large), move(15n, 8n, 9n, large)])).toEqual(['ok', 'ok', 'ok', 'ok']);
      const none = { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };
      const expected = [
        { ledger: ledgerNumber, code: 10, accounts: 1, ...none, debitsPosted: 500n },
        { ledger: ledgerNumber, code: 20, accounts: 2, debitsPending: 30n, debitsPosted: 0n, creditsPending: 30n, creditsPosted: 500n },
        { ledger: ledgerNumber, code: 30, accounts: 2, ...none, debitsPosted: huge + 7n, creditsPosted: huge + 7n },
        // Two balances below 2^63 whose sum is above it.
        { ledger: ledgerNumber, code: 40, accounts: 3, ...none, debitsPosted: 2n * large, creditsPosted: 2n * large },
        { ledger: 840, code: 10, accounts: 1, ...none },
      ];
      expect(await ledger.accountTotals()).toEqual(expected);
      await reopen();
      expect(await ledger.accountTotals()).toEqual(expected);
    });

    it('gives every event a unique, rising timestamp, also after a reopen with the clock behind', async () => {
      await ledger.createTransfers([transferInput({ id: 10n, debitAccountId: 1n, creditAccountId: 3n, amount: 1n, ledger: ledgerNumber, code: 1 })]);
      await reopen();
      clock = new ManualClock(new Date('2020-01-01T00:00:00Z'));
      await reopen();
      await ledger.createTransfers([transferInput({ id: 11n, debitAccountId: 1n, creditAccountId: 3n, amount: 1n, ledger: ledgerNumber, code: 1 })]);
      const [first, second] = await ledger.lookupTransfers([10n, 11n]);
      expect(second!.timestamp).toBeGreaterThan(first!.timestamp);
    });
  });
}
