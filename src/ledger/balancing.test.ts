// Tests of balancing transfers: the amount is clamped to what balances the account, never more.
import { describe, expect, it } from 'vitest';
import { AccountFlags } from './flags.js';
import { amountMax } from './limits.js';
import { account, balancingCredit, balancingDebit, closingDebit, createTransfers, debitsMustNotExceedCredits, hold, pending, transfer, voidHold } from './testing/builders.js';
import { harnessWithAccounts, type Harness } from './testing/harness.js';

/** Account 1 has 100 posted credits and 30 posted debits; account 2 the mirror image. */
function setUp(): Harness {
  const harness = harnessWithAccounts(account(5n, { flags: debitsMustNotExceedCredits }));
  harness.ok(createTransfers(transfer(100n, 2n, 1n, 100n), transfer(101n, 1n, 2n, 30n)));
  return harness;
}

describe('balancing transfers', () => {
  it.each([
    ['balancing_debit with enough balance moves the amount asked', transfer(200n, 1n, 3n, 50n, { flags: balancingDebit }), 50n],
    ['balancing_debit moves at most credits − debits', transfer(200n, 1n, 3n, 500n, { flags: balancingDebit }), 70n],
    ['balancing_debit of 2^128−1 empties the account', transfer(200n, 1n, 3n, amountMax, { flags: balancingDebit }), 70n],
    ['balancing_credit moves at most debits − credits', transfer(200n, 3n, 2n, 500n, { flags: balancingCredit }), 70n],
    ['balancing_credit with enough balance moves the amount asked', transfer(200n, 3n, 2n, 9n, { flags: balancingCredit }), 9n],
    ['both flags move the smaller of the two', transfer(200n, 1n, 2n, 500n, { flags: balancingDebit | balancingCredit }), 70n],
    ['a balancing hold is clamped too', transfer(200n, 1n, 3n, 500n, { flags: balancingDebit | pending }), 70n],
  ])('%s', (_name, event, moved) => {
    const harness = setUp();
    harness.ok(createTransfers(event));
    expect(harness.engine.transfers.get(200n)?.amount).toBe(moved);
  });

  it('counts held debits as spent', () => {
    const harness = setUp();
    harness.ok(createTransfers(hold(200n, 1n, 3n, 60n), transfer(201n, 1n, 3n, 500n, { flags: balancingDebit })));
    expect(harness.engine.transfers.get(201n)?.amount).toBe(10n);
    expect(harness.balances(1n)).toEqual([60n, 40n, 0n, 100n]);
  });

  it('does not count held credits', () => {
    const harness = setUp();
    harness.ok(createTransfers(hold(200n, 3n, 1n, 60n), transfer(201n, 1n, 3n, 500n, { flags: balancingDebit })));
    expect(harness.engine.transfers.get(201n)?.amount).toBe(70n);
  });

  it('moves nothing, and still succeeds, when the account is already balanced', () => {
    const harness = setUp();
    harness.ok(createTransfers(transfer(200n, 1n, 3n, 70n), transfer(201n, 1n, 3n, 5n, { flags: balancingDebit }), transfer(202n, 3n, 1n, 5n, { flags: balancingCredit })));
    expect(harness.engine.transfers.get(201n)?.amount).toBe(0n);
    expect(harness.engine.transfers.get(202n)?.amount).toBe(0n);
    expect(harness.balances(1n)).toEqual([0n, 100n, 0n, 100n]);
  });

  it('stays within a debits_must_not_exceed_credits limit', () => {
    const harness = setUp();
    harness.ok(createTransfers(transfer(200n, 3n, 5n, 40n), transfer(201n, 5n, 3n, 100n, { flags: balancingDebit })));
    expect(harness.balances(5n)).toEqual([0n, 40n, 0n, 40n]);
    harness.rejects(createTransfers(transfer(202n, 5n, 3n, 1n)), ['exceeds_credits']);
  });

  it('answers exists to a retry that asks for at least what was moved', () => {
    const harness = setUp();
    const event = transfer(200n, 1n, 3n, 500n, { flags: balancingDebit });
    harness.ok(createTransfers(event));
    harness.rejects(createTransfers(event), ['exists']);
    harness.rejects(createTransfers({ ...event, amount: 70n }), ['exists']);
    harness.rejects(createTransfers({ ...event, amount: 69n }), ['exists_with_different_amount']);
  });

  it('closes an account at its balance with a balancing closing hold, and reopens it on void', () => {
    const harness = setUp();
    harness.ok(createTransfers(transfer(200n, 1n, 3n, amountMax, { flags: balancingDebit | closingDebit | pending })));
    expect(harness.balances(1n)).toEqual([70n, 30n, 0n, 100n]);
    expect(harness.account(1n).flags).toBe(AccountFlags.closed);
    harness.ok(createTransfers(voidHold(201n, 200n)));
    expect(harness.balances(1n)).toEqual([0n, 30n, 0n, 100n]);
    expect(harness.account(1n).flags).toBe(0);
  });
});
