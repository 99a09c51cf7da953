// Tests of the rules on balances: closed accounts, overflows, the timeout overflow and the limit flags.
import { describe, expect, it } from 'vitest';
import { AccountFlags } from './flags.js';
import { amountMax, nanosecondsPerSecond, u64Max } from './limits.js';
import { createTransferResults, type CreateTransferResult } from './result-codes.js';
import type { TransferInput } from './types.js';
import { account, closingCredit, closingDebit, createTransfers, creditsMustNotExceedDebits, debitsMustNotExceedCredits, hold, transfer, voidHold } from './testing/builders.js';
import { harnessWithAccounts, type Harness } from './testing/harness.js';

/** Accounts 1–3 (ledger 1), 4 (ledger 2), 5 (debits ≤ credits) and 6 (credits ≤ debits). */
function setUp(): Harness {
  return harnessWithAccounts(account(5n, { flags: debitsMustNotExceedCredits }), account(6n, { flags: creditsMustNotExceedDebits }));
}

const closes1 = hold(100n, 1n, 2n, 5n, 0, { flags: closingDebit });

const cases: readonly (readonly [string, readonly TransferInput[], TransferInput, CreateTransferResult])[] = [
  ['a debit from a closed account', [closes1], transfer(200n, 1n, 3n, 1n), 'debit_account_already_closed'],
  ['a hold on a closed account', [closes1], hold(200n, 1n, 3n, 1n), 'debit_account_already_closed'],
  ['closing a closed account again', [closes1], hold(200n, 1n, 3n, 1n, 0, { flags: closingDebit }), 'debit_account_already_closed'],
  ['a credit to a closed account', [closes1], transfer(200n, 3n, 1n, 1n), 'credit_account_already_closed'],
  ['a credit to an account closed as credit account', [hold(100n, 1n, 2n, 5n, 0, { flags: closingCredit })], transfer(200n, 3n, 2n, 1n), 'credit_account_already_closed'],
  ['a hold past 2^128−1 pending debits', [hold(100n, 1n, 2n, amountMax)], hold(200n, 1n, 3n, 1n), 'overflows_debits_pending'],
  ['a hold past 2^128−1 pending credits', [hold(100n, 1n, 2n, amountMax)], hold(200n, 3n, 2n, 1n), 'overflows_credits_pending'],
  ['a transfer past 2^128−1 posted debits', [transfer(100n, 1n, 2n, amountMax)], transfer(200n, 1n, 3n, 1n), 'overflows_debits_posted'],
  ['a transfer past 2^128−1 posted credits', [transfer(100n, 1n, 2n, amountMax)], transfer(200n, 3n, 2n, 1n), 'overflows_credits_posted'],
  ['a transfer past 2^128−1 debits in all', [hold(100n, 1n, 2n, 10n), transfer(101n, 1n, 3n, amountMax - 10n)], transfer(200n, 1n, 3n, 5n), 'overflows_debits'],
  ['a transfer past 2^128−1 credits in all', [hold(100n, 2n, 1n, 10n), transfer(101n, 3n, 1n, amountMax - 10n)], transfer(200n, 2n, 1n, 5n), 'overflows_credits'],
  ['a debit beyond the credits', [], transfer(200n, 5n, 1n, 1n), 'exceeds_credits'],
  ['a debit beyond the credits less held debits', [transfer(100n, 1n, 5n, 10n), hold(101n, 5n, 2n, 8n)], transfer(200n, 5n, 2n, 3n), 'exceeds_credits'],
  ['a hold beyond the credits', [transfer(100n, 1n, 5n, 10n)], hold(200n, 5n, 2n, 11n), 'exceeds_credits'],
  ['a debit against pending credits only', [hold(100n, 1n, 5n, 10n)], transfer(200n, 5n, 2n, 1n), 'exceeds_credits'],
  ['a credit beyond the debits', [], transfer(200n, 1n, 6n, 1n), 'exceeds_debits'],
  ['a credit beyond the debits less held credits', [transfer(100n, 6n, 1n, 10n), hold(101n, 2n, 6n, 8n)], hold(200n, 2n, 6n, 3n), 'exceeds_debits'],
  // Precedence: the first rule in result-codes.ts wins.
  ['a closed debit account before its limit', [transfer(100n, 1n, 5n, 10n), hold(101n, 5n, 2n, 1n, 0, { flags: closingDebit })], transfer(200n, 5n, 2n, 100n), 'debit_account_already_closed'],
  ['a closed debit account before a closed credit account', [closes1, hold(101n, 3n, 2n, 5n, 0, { flags: closingCredit })], transfer(200n, 1n, 2n, 1n), 'debit_account_already_closed'],
  ['pending debits before pending credits', [hold(100n, 1n, 2n, amountMax)], hold(200n, 1n, 2n, 1n), 'overflows_debits_pending'],
  ['posted debits before posted credits', [transfer(100n, 1n, 2n, amountMax)], transfer(200n, 1n, 2n, 1n), 'overflows_debits_posted'],
  ['an overflow before a limit', [transfer(100n, 6n, 1n, amountMax), transfer(101n, 2n, 6n, amountMax)], transfer(200n, 3n, 6n, 1n), 'overflows_credits_posted'],
  ['the debit limit before the credit limit', [], transfer(200n, 5n, 6n, 1n), 'exceeds_credits'],
];

describe('balance results', () => {
  it.each(cases)('%s', (_name, given, event, expected) => {
    const harness = setUp();
    if (given.length > 0) harness.ok(createTransfers(...given));
    harness.rejects(createTransfers(event), [expected]);
  });

  it('refuses a hold that would expire after 2^64−1', () => {
    const harness = setUp();
    harness.ok(createTransfers(hold(200n, 1n, 2n, 1n, 1)), u64Max - nanosecondsPerSecond);
    expect(harness.engine.holds.get(200n)?.expiresAt).toBe(u64Max);
    harness.rejects(createTransfers(hold(201n, 1n, 2n, 1n, 1)), ['overflows_timeout']);
  });

  it('has a case for every code from debit_account_already_closed to exceeds_debits', () => {
    const first = createTransferResults.indexOf('debit_account_already_closed');
    const covered = new Set<string>([...cases.map(([, , , expected]) => expected), 'overflows_timeout']);
    expect(createTransferResults.slice(first).filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe('closing transfers', () => {
  it('closes the debit account of a closing_debit hold, and a void reopens it', () => {
    const harness = setUp();
    const closing = harness.ok(createTransfers(closes1));
    expect(harness.account(1n).flags).toBe(AccountFlags.closed);
    expect(harness.account(2n).flags).toBe(0);
    expect(closing.plan.accountsUpdated.find((updated) => updated.id === 1n)?.flags).toBe(AccountFlags.closed);
    harness.ok(createTransfers(voidHold(101n, 100n)));
    expect(harness.account(1n).flags).toBe(0);
    harness.ok(createTransfers(transfer(102n, 1n, 3n, 1n), transfer(103n, 3n, 1n, 1n)));
  });

  it('closes both accounts with both flags, and expiry reopens them', () => {
    const harness = setUp();
    harness.ok(createTransfers(hold(100n, 1n, 2n, 5n, 1, { flags: closingDebit | closingCredit })));
    expect([harness.account(1n).flags, harness.account(2n).flags]).toEqual([AccountFlags.closed, AccountFlags.closed]);
    harness.rejects(createTransfers(transfer(101n, 2n, 3n, 1n)), ['debit_account_already_closed']);
    const expiry = harness.commit([createTransfers(transfer(101n, 2n, 3n, 1n))], harness.after(1));
    expect(expiry.expired).toBe(1);
    expect(expiry.results).toEqual([['ok']]);
    expect([harness.account(1n).flags, harness.account(2n).flags]).toEqual([0, 0]);
  });

  it('keeps the other flags of a closed account', () => {
    const harness = setUp();
    harness.ok(createTransfers(transfer(100n, 1n, 5n, 10n), hold(101n, 5n, 2n, 4n, 0, { flags: closingDebit })));
    expect(harness.account(5n).flags).toBe(debitsMustNotExceedCredits | AccountFlags.closed);
    harness.ok(createTransfers(voidHold(102n, 101n)));
    expect(harness.account(5n).flags).toBe(debitsMustNotExceedCredits);
  });
});

describe('limit flags', () => {
  it('lets debits reach the posted credits exactly', () => {
    const harness = setUp();
    harness.ok(createTransfers(transfer(100n, 1n, 5n, 10n), hold(101n, 5n, 2n, 4n), transfer(102n, 5n, 2n, 6n)));
    harness.rejects(createTransfers(transfer(103n, 5n, 2n, 1n)), ['exceeds_credits']);
    harness.ok(createTransfers(voidHold(104n, 101n), transfer(105n, 5n, 2n, 4n)));
    expect(harness.balances(5n)).toEqual([0n, 10n, 0n, 10n]);
  });

  it('lets credits reach the posted debits exactly', () => {
    const harness = setUp();
    harness.ok(createTransfers(transfer(100n, 6n, 1n, 10n), hold(101n, 2n, 6n, 10n)));
    harness.rejects(createTransfers(transfer(102n, 2n, 6n, 1n)), ['exceeds_debits']);
    harness.ok(createTransfers(voidHold(103n, 101n), transfer(104n, 2n, 6n, 10n)));
    expect(harness.balances(6n)).toEqual([0n, 10n, 0n, 10n]);
  });
});
