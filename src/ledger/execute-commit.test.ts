// Tests of one commit as a whole: timestamps, the plan it returns, batch limits, history and purity.
import { describe, expect, it } from 'vitest';
import { executeCommit } from './execute-commit.js';
import { batchEventsMax, nanosecondsPerSecond } from './limits.js';
import { account, createAccounts, createTransfers, history, hold, post, transfer, voidHold } from './testing/builders.js';
import { Harness, harnessWithAccounts } from './testing/harness.js';

describe('timestamps', () => {
  it('gives every event the next timestamp, across operations, whether it succeeds or not', () => {
    const harness = harnessWithAccounts();
    const output = harness.commit([createAccounts(account(10n), account(0n), account(11n)), createTransfers(transfer(100n, 1n, 1n, 5n), transfer(101n, 10n, 11n, 5n))], 1_000n);
    expect(output.results).toEqual([['ok', 'id_must_not_be_zero', 'ok'], ['accounts_must_be_different', 'ok']]);
    expect(output.plan.accountsCreated.map((created) => [created.id, created.timestamp])).toEqual([
      [10n, 1_000n],
      [11n, 1_002n],
    ]);
    expect(output.plan.transfersCreated.map((created) => created.timestamp)).toEqual([1_004n]);
    expect(output.plan.lastTimestamp).toBe(1_004n);
  });

  it('uses no timestamp for an empty commit', () => {
    const harness = harnessWithAccounts();
    const output = harness.commit([createTransfers()], 5_000n);
    expect(output.results).toEqual([[]]);
    expect(output.plan.lastTimestamp).toBe(4_999n);
  });

  it('counts expiries among the timestamps a commit uses', () => {
    const harness = harnessWithAccounts();
    harness.ok(createTransfers(hold(100n, 1n, 2n, 5n, 1), hold(101n, 1n, 2n, 5n, 1)));
    const at = harness.after(1);
    const output = harness.commit([], at);
    expect(output.expired).toBe(2);
    expect(output.plan.lastTimestamp).toBe(at + 1n);
  });
});

describe('the plan', () => {
  it('lists created accounts with their final balances, transfers in order and hold changes', () => {
    const harness = harnessWithAccounts();
    const output = harness.commit(
      [createAccounts(account(9n), account(8n)), createTransfers(transfer(100n, 9n, 8n, 5n), hold(101n, 8n, 1n, 3n), post(102n, 101n, 2n))],
      2_000n,
    );
    expect(output.plan.accountsCreated.map(({ id, debitsPosted, creditsPosted }) => [id, debitsPosted, creditsPosted])).toEqual([
      [9n, 5n, 0n],
      [8n, 2n, 5n],
    ]);
    expect(output.plan.accountsUpdated.map(({ id, creditsPending, creditsPosted }) => [id, creditsPending, creditsPosted])).toEqual([[1n, 0n, 2n]]);
    expect(output.plan.transfersCreated.map((created) => created.id)).toEqual([100n, 101n, 102n]);
    expect([...output.plan.pendingChanges]).toEqual([[101n, { status: 'posted', expiresAt: 0n, resolvedAt: 2_004n }]]);
  });

  it('lists no account that failed events only looked at', () => {
    const harness = harnessWithAccounts();
    const output = harness.rejects(createTransfers(transfer(100n, 1n, 2n, 0n), post(101n, 999n), transfer(102n, 1n, 4n, 5n)), [
      'amount_must_not_be_zero',
      'pending_transfer_not_found',
      'accounts_must_have_the_same_ledger',
    ]);
    expect(output.plan.accountsUpdated).toEqual([]);
  });
});

describe('batch limits', () => {
  it('refuses a transfer batch of 8,191 events and still runs the other operations', () => {
    const harness = harnessWithAccounts();
    const events = Array.from({ length: batchEventsMax + 1 }, (_, index) => transfer(BigInt(index + 1_000), 1n, 2n, 1n));
    const output = harness.commit([createTransfers(...events), createTransfers(transfer(100n, 1n, 2n, 7n))]);
    expect(output.results[0]).toEqual(events.map(() => 'batch_too_long'));
    expect(output.results[1]).toEqual(['ok']);
    expect(harness.balances(1n)).toEqual([0n, 7n, 0n, 0n]);
  });

  it('accepts a transfer batch of exactly 8,190 events', () => {
    const harness = harnessWithAccounts();
    const events = Array.from({ length: batchEventsMax }, (_, index) => transfer(BigInt(index + 1_000), 1n, 2n, 1n));
    harness.ok(createTransfers(...events));
    expect(harness.balances(2n)).toEqual([0n, 0n, 0n, BigInt(batchEventsMax)]);
  });
});

describe('history', () => {
  it('snapshots the balances of history accounts after each change, debit account first', () => {
    const harness = new Harness();
    harness.ok(createAccounts(account(1n, { flags: history }), account(2n, { flags: history }), account(3n)));
    const posted = harness.ok(createTransfers(transfer(100n, 1n, 2n, 5n)), 1_000n);
    expect(posted.plan.balances).toEqual([
      { accountId: 1n, timestamp: 1_000n, debitsPending: 0n, debitsPosted: 5n, creditsPending: 0n, creditsPosted: 0n },
      { accountId: 2n, timestamp: 1_000n, debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 5n },
    ]);
    const held = harness.ok(createTransfers(hold(101n, 3n, 1n, 4n), hold(102n, 3n, 1n, 6n, 1)), 2_000n);
    expect(held.plan.balances.map(({ accountId, timestamp, creditsPending }) => [accountId, timestamp, creditsPending])).toEqual([
      [1n, 2_000n, 4n],
      [1n, 2_001n, 10n],
    ]);
    // Hold 102 expires as the next commit starts, then 3 of hold 101 is posted.
    const resolved = harness.ok(createTransfers(post(103n, 101n, 3n)), 2_001n + nanosecondsPerSecond);
    expect(resolved.plan.balances.map(({ timestamp, creditsPending, creditsPosted }) => [timestamp, creditsPending, creditsPosted])).toEqual([
      [2_001n + nanosecondsPerSecond, 4n, 0n],
      [2_002n + nanosecondsPerSecond, 0n, 3n],
    ]);
    expect(harness.engine.history).toHaveLength(6);
  });

  it('snapshots a void, but nothing for failed events or accounts without history', () => {
    const harness = new Harness();
    harness.ok(createAccounts(account(1n, { flags: history }), account(2n), account(3n)));
    harness.ok(createTransfers(hold(100n, 2n, 1n, 4n)));
    expect(harness.ok(createTransfers(voidHold(101n, 100n))).plan.balances).toHaveLength(1);
    expect(harness.rejects(createTransfers(transfer(102n, 1n, 2n, 0n)), ['amount_must_not_be_zero']).plan.balances).toEqual([]);
    expect(harness.ok(createTransfers(transfer(103n, 2n, 3n, 1n))).plan.balances).toEqual([]);
  });
});

describe('purity', () => {
  it('reads committed state without changing it, and gives the same output for the same input', () => {
    const harness = harnessWithAccounts();
    harness.ok(createTransfers(hold(100n, 1n, 2n, 5n, 1)));
    const before = harness.engine.state();
    const input = { operations: [createTransfers(post(101n, 100n, 2n), transfer(102n, 2n, 3n, 4n))], timestampFirst: harness.after(0), dueHoldIds: [] };
    const first = executeCommit(harness.engine, input);
    const second = executeCommit(harness.engine, input);
    expect(first.results).toEqual([['ok', 'ok']]);
    expect(second).toEqual(first);
    expect(harness.engine.state()).toEqual(before);
    expect(harness.engine.audit().ok).toBe(true);
  });
});
