// Tests of two-phase transfers: holds, full and partial posts, voids, expiry, and their result codes.
import { describe, expect, it } from 'vitest';
import { executeCommit } from './execute-commit.js';
import { amountMax, nanosecondsPerSecond } from './limits.js';
import { createTransferResults, type CreateTransferResult } from './result-codes.js';
import type { TransferInput } from './types.js';
import { closingDebit, createTransfers, hold, post, transfer, voidHold } from './testing/builders.js';
import { harnessWithAccounts, type Harness } from './testing/harness.js';

/** Holds 101 (open), 102 (expired), 103 (posted), 104 (voided) and plain transfer 105. */
function setUp(): Harness {
  const harness = harnessWithAccounts();
  harness.ok(createTransfers(hold(101n, 1n, 2n, 20n), hold(102n, 1n, 2n, 20n, 1), hold(103n, 2n, 3n, 30n), hold(104n, 2n, 3n, 30n), transfer(105n, 1n, 3n, 5n)));
  harness.ok(createTransfers(post(110n, 103n), voidHold(111n, 104n)));
  expect(harness.commit([], harness.after(2)).expired).toBe(1);
  return harness;
}

const cases: readonly (readonly [string, TransferInput, CreateTransferResult])[] = [
  ['a post of an unknown hold', post(300n, 999n), 'pending_transfer_not_found'],
  ['a void of an unknown hold', voidHold(300n, 999n), 'pending_transfer_not_found'],
  ['a post of a transfer that is not pending', post(300n, 105n), 'pending_transfer_not_pending'],
  ['a void of a post', voidHold(300n, 110n), 'pending_transfer_not_pending'],
  ['a post naming another debit account', post(300n, 101n, amountMax, { debitAccountId: 3n }), 'pending_transfer_has_different_debit_account_id'],
  ['a void naming another credit account', voidHold(300n, 101n, { creditAccountId: 1n }), 'pending_transfer_has_different_credit_account_id'],
  ['a post naming another ledger', post(300n, 101n, amountMax, { ledger: 2 }), 'pending_transfer_has_different_ledger'],
  ['a post naming another code', post(300n, 101n, amountMax, { code: 9 }), 'pending_transfer_has_different_code'],
  ['a post of more than the hold', post(300n, 101n, 21n), 'exceeds_pending_transfer_amount'],
  ['a void of more than the hold', voidHold(300n, 101n, { amount: 21n }), 'exceeds_pending_transfer_amount'],
  ['a void of less than the hold', voidHold(300n, 101n, { amount: 19n }), 'pending_transfer_has_different_amount'],
  ['a post of a posted hold', post(300n, 103n), 'pending_transfer_already_posted'],
  ['a void of a posted hold', voidHold(300n, 103n), 'pending_transfer_already_posted'],
  ['a post of a voided hold', post(300n, 104n, 1n), 'pending_transfer_already_voided'],
  ['a void of a voided hold', voidHold(300n, 104n), 'pending_transfer_already_voided'],
  ['a post of an expired hold', post(300n, 102n), 'pending_transfer_expired'],
  ['a void of an expired hold', voidHold(300n, 102n), 'pending_transfer_expired'],
  // Precedence: the first rule in result-codes.ts wins.
  ['an unknown hold before other accounts', post(300n, 999n, 5n, { debitAccountId: 3n }), 'pending_transfer_not_found'],
  ['another debit account before another credit account', post(300n, 101n, 5n, { debitAccountId: 3n, creditAccountId: 3n }), 'pending_transfer_has_different_debit_account_id'],
  ['another ledger before another code', post(300n, 101n, 5n, { ledger: 2, code: 9 }), 'pending_transfer_has_different_ledger'],
  ['another code before too much', post(300n, 101n, 21n, { code: 9 }), 'pending_transfer_has_different_code'],
  ['too much before already posted', post(300n, 103n, 31n), 'exceeds_pending_transfer_amount'],
  ['a wrong void amount before already voided', voidHold(300n, 104n, { amount: 1n }), 'pending_transfer_has_different_amount'],
  ['a wrong void amount before expired', voidHold(300n, 102n, { amount: 1n }), 'pending_transfer_has_different_amount'],
];

describe('post and void results', () => {
  it.each(cases)('%s', (_name, event, expected) => {
    setUp().rejects(createTransfers(event), [expected]);
  });

  it('has a case for every code from pending_transfer_not_found to pending_transfer_expired', () => {
    const first = createTransferResults.indexOf('pending_transfer_not_found');
    const last = createTransferResults.indexOf('pending_transfer_expired');
    const covered = new Set<string>(cases.map(([, , expected]) => expected));
    expect(createTransferResults.slice(first, last + 1).filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe('two-phase transfers', () => {
  it('holds the amount as pending on both accounts', () => {
    const harness = harnessWithAccounts();
    harness.ok(createTransfers(hold(200n, 1n, 2n, 50n, 10)), 7_000n);
    expect(harness.balances(1n)).toEqual([50n, 0n, 0n, 0n]);
    expect(harness.balances(2n)).toEqual([0n, 0n, 50n, 0n]);
    expect(harness.engine.holds.get(200n)).toEqual({ status: 'pending', expiresAt: 7_000n + 10n * nanosecondsPerSecond, resolvedAt: 0n });
  });

  it.each([
    ['2^128−1 (the whole hold)', amountMax, 50n],
    ['the exact amount', 50n, 50n],
    ['part of it', 20n, 20n],
  ])('posts %s and releases the rest', (_name, asked, moved) => {
    const harness = harnessWithAccounts();
    harness.ok(createTransfers(hold(200n, 1n, 2n, 50n, 0, { code: 8, userData64: 3n })));
    const output = harness.ok(createTransfers(post(201n, 200n, asked)), 9_000n);
    expect(harness.balances(1n)).toEqual([0n, moved, 0n, 0n]);
    expect(harness.balances(2n)).toEqual([0n, 0n, 0n, moved]);
    expect(output.plan.transfersCreated).toEqual([{ ...post(201n, 200n, moved), debitAccountId: 1n, creditAccountId: 2n, ledger: 1, code: 8, timestamp: 9_000n }]);
    expect(harness.engine.holds.get(200n)).toEqual({ status: 'posted', expiresAt: 0n, resolvedAt: 9_000n });
  });

  it.each([
    ['without an amount', 0n],
    ['naming the hold amount', 50n],
  ])('voids a hold %s', (_name, amount) => {
    const harness = harnessWithAccounts();
    harness.ok(createTransfers(hold(200n, 1n, 2n, 50n, 5)));
    harness.ok(createTransfers(voidHold(201n, 200n, { amount })), 9_000n);
    expect(harness.balances(1n)).toEqual([0n, 0n, 0n, 0n]);
    expect(harness.balances(2n)).toEqual([0n, 0n, 0n, 0n]);
    expect(harness.engine.transfers.get(201n)?.amount).toBe(50n);
    expect(harness.engine.holds.get(200n)?.status).toBe('voided');
    expect(harness.engine.holds.get(200n)?.resolvedAt).toBe(9_000n);
  });

  it('posts a hold created earlier in the same batch', () => {
    const harness = harnessWithAccounts();
    harness.ok(createTransfers(hold(200n, 1n, 2n, 50n), post(201n, 200n, 30n)));
    expect(harness.balances(1n)).toEqual([0n, 30n, 0n, 0n]);
  });

  it('resolves a hold at most once', () => {
    const harness = harnessWithAccounts();
    harness.ok(createTransfers(hold(200n, 1n, 2n, 50n)));
    harness.run(createTransfers(post(201n, 200n, 10n), post(202n, 200n, 10n), voidHold(203n, 200n)), ['ok', 'pending_transfer_already_posted', 'pending_transfer_already_posted']);
    harness.rejects(createTransfers(post(201n, 200n, 10n)), ['exists']);
    expect(harness.balances(1n)).toEqual([0n, 10n, 0n, 0n]);
  });

  it('answers exists to a full post retried with 2^128−1', () => {
    const harness = harnessWithAccounts();
    harness.ok(createTransfers(hold(200n, 1n, 2n, 50n), post(201n, 200n)));
    harness.rejects(createTransfers(post(201n, 200n)), ['exists']);
    harness.rejects(createTransfers(post(201n, 200n, 50n)), ['exists']);
  });

  it('voids a hold on an account that another hold has closed', () => {
    const harness = harnessWithAccounts();
    harness.ok(createTransfers(hold(200n, 1n, 2n, 50n), hold(201n, 1n, 3n, 5n, 0, { flags: closingDebit })));
    harness.ok(createTransfers(voidHold(202n, 200n)));
    expect(harness.balances(1n)).toEqual([5n, 0n, 0n, 0n]);
  });
});

describe('expiry', () => {
  function withHold(timeout: number): { harness: Harness; expiresAt: bigint } {
    const harness = harnessWithAccounts();
    const created = harness.ok(createTransfers(hold(200n, 1n, 2n, 50n, timeout), hold(201n, 2n, 3n, 7n, timeout - 1)));
    const expiresAt = created.plan.transfersCreated[0]!.timestamp + BigInt(timeout) * nanosecondsPerSecond;
    return { harness, expiresAt };
  }

  it('can post a hold until just before it expires, counting the timestamps expiries take first', () => {
    const { harness, expiresAt } = withHold(3);
    // Hold 201 expires first and takes expiresAt − 2, so the post runs at expiresAt − 1.
    const output = harness.ok(createTransfers(post(210n, 200n)), expiresAt - 2n);
    expect(output.expired).toBe(1);
    expect(harness.engine.transfers.get(210n)?.timestamp).toBe(expiresAt - 1n);
    expect(harness.balances(1n)).toEqual([0n, 50n, 0n, 0n]);
  });

  it('refuses a post whose own timestamp reaches the expiry because an expiry went first', () => {
    const { harness, expiresAt } = withHold(3);
    harness.run(createTransfers(post(210n, 200n)), ['pending_transfer_expired'], expiresAt - 1n);
    expect(harness.engine.holds.get(200n)?.status).toBe('pending');
    expect(harness.balances(1n)).toEqual([50n, 0n, 0n, 0n]);
  });

  it('expires due holds at the start of a commit, soonest first, each with its own timestamp', () => {
    const { harness, expiresAt } = withHold(3);
    const output = harness.commit([createTransfers(post(210n, 200n), transfer(211n, 1n, 2n, 1n))], expiresAt);
    expect(output.expired).toBe(2);
    expect(output.results).toEqual([['pending_transfer_expired', 'ok']]);
    expect(harness.engine.holds.get(201n)).toMatchObject({ status: 'expired', resolvedAt: expiresAt });
    expect(harness.engine.holds.get(200n)).toMatchObject({ status: 'expired', resolvedAt: expiresAt + 1n });
    expect(harness.engine.transfers.get(211n)?.timestamp).toBe(expiresAt + 3n);
    expect(harness.balances(1n)).toEqual([0n, 1n, 0n, 0n]);
    expect(harness.balances(2n)).toEqual([0n, 0n, 0n, 1n]);
  });

  it('refuses a post at or after the expiry even before the store expires the hold', () => {
    const { harness, expiresAt } = withHold(3);
    const output = executeCommit(harness.engine, { operations: [createTransfers(post(210n, 200n))], timestampFirst: expiresAt, dueHoldIds: [] });
    expect(output.results).toEqual([['pending_transfer_expired']]);
    expect(output.expired).toBe(0);
    expect(output.plan.pendingChanges.size).toBe(0);
    expect(output.plan.transfersCreated).toEqual([]);
    expect(output.plan.accountsUpdated).toEqual([]);
    expect(harness.engine.audit().ok).toBe(true);
  });

  it('skips listed holds that are unknown, resolved, not yet due or without timeout', () => {
    const harness = harnessWithAccounts();
    harness.ok(createTransfers(hold(200n, 1n, 2n, 50n, 100), hold(201n, 1n, 2n, 5n), hold(202n, 1n, 2n, 5n, 1), post(203n, 202n)));
    const at = harness.after(5);
    const output = executeCommit(harness.engine, { operations: [], timestampFirst: at, dueHoldIds: [999n, 200n, 201n, 202n, 202n] });
    expect(output.expired).toBe(0);
    expect(output.plan.pendingChanges.size).toBe(0);
    expect(output.plan.lastTimestamp).toBe(at - 1n);
    expect(output.plan.accountsUpdated).toEqual([]);
    expect(harness.engine.audit().ok).toBe(true);
  });
});
