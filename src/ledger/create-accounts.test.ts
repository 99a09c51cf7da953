// Tests of account creation: one case per result code, precedence between rules, and what is stored.
import { describe, expect, it } from 'vitest';
import { AccountFlags } from './flags.js';
import { batchEventsMax, u128Max, u64Max } from './limits.js';
import { createAccountResults, type CreateAccountResult } from './result-codes.js';
import type { AccountInput } from './types.js';
import { account, closingDebit, createAccounts, createTransfers, creditsMustNotExceedDebits, debitsMustNotExceedCredits, hold, history, linked, voidHold } from './testing/builders.js';
import { Harness } from './testing/harness.js';

const existing = account(1n, { flags: history, userData128: 7n, userData64: 8n, userData32: 9, ledger: 1, code: 10 });

/** A harness that knows ledgers 1 and 2 and holds `existing`. */
function setUp(): Harness {
  const harness = new Harness({ ledgers: new Set([1, 2]) });
  harness.ok(createAccounts(existing, account(2n)));
  return harness;
}

const cases: readonly (readonly [string, readonly AccountInput[], readonly CreateAccountResult[]])[] = [
  ['a failed event fails its chain', [linked(account(10n)), account(0n)], ['linked_event_failed', 'id_must_not_be_zero']],
  ['a chain left open', [linked(account(10n))], ['linked_event_chain_open']],
  ['a negative id', [account(-1n)], ['id_out_of_range']],
  ['an id above 2^128−1', [account(u128Max + 1n)], ['id_out_of_range']],
  ['a negative ledger', [account(10n, { ledger: -1 })], ['ledger_out_of_range']],
  ['a fractional ledger', [account(10n, { ledger: 1.5 })], ['ledger_out_of_range']],
  ['a ledger above 2^32−1', [account(10n, { ledger: 2 ** 32 })], ['ledger_out_of_range']],
  ['a NaN ledger', [account(10n, { ledger: Number.NaN })], ['ledger_out_of_range']],
  ['a code above 2^16−1', [account(10n, { code: 65_536 })], ['code_out_of_range']],
  ['a negative code', [account(10n, { code: -1 })], ['code_out_of_range']],
  ['a fractional code', [account(10n, { code: 0.5 })], ['code_out_of_range']],
  ['flags above 2^16−1', [account(10n, { flags: 65_536 })], ['flags_out_of_range']],
  ['negative flags', [account(10n, { flags: -2 })], ['flags_out_of_range']],
  ['user_data_128 above 2^128−1', [account(10n, { userData128: u128Max + 1n })], ['user_data_out_of_range']],
  ['user_data_64 above 2^64−1', [account(10n, { userData64: u64Max + 1n })], ['user_data_out_of_range']],
  ['a negative user_data_64', [account(10n, { userData64: -1n })], ['user_data_out_of_range']],
  ['user_data_32 above 2^32−1', [account(10n, { userData32: 2 ** 32 })], ['user_data_out_of_range']],
  ['a fractional user_data_32', [account(10n, { userData32: 0.25 })], ['user_data_out_of_range']],
  ['reserved flag bit 4', [account(10n, { flags: 1 << 4 })], ['reserved_flag']],
  ['the closed flag, which only the ledger sets', [account(10n, { flags: AccountFlags.closed })], ['reserved_flag']],
  ['reserved flag bit 15', [account(10n, { flags: 1 << 15 })], ['reserved_flag']],
  ['id zero', [account(0n)], ['id_must_not_be_zero']],
  ['id 2^128−1', [account(u128Max)], ['id_must_not_be_int_max']],
  ['an existing id with other flags', [{ ...existing, flags: 0 }], ['exists_with_different_flags']],
  ['an existing id with other user_data_128', [{ ...existing, userData128: 0n }], ['exists_with_different_user_data_128']],
  ['an existing id with other user_data_64', [{ ...existing, userData64: 0n }], ['exists_with_different_user_data_64']],
  ['an existing id with other user_data_32', [{ ...existing, userData32: 0 }], ['exists_with_different_user_data_32']],
  ['an existing id with another ledger', [{ ...existing, ledger: 2 }], ['exists_with_different_ledger']],
  ['an existing id with another code', [{ ...existing, code: 11 }], ['exists_with_different_code']],
  ['an existing id with the same fields', [existing], ['exists']],
  ['both limit flags', [account(10n, { flags: debitsMustNotExceedCredits | creditsMustNotExceedDebits })], ['flags_are_mutually_exclusive']],
  ['ledger zero', [account(10n, { ledger: 0 })], ['ledger_must_not_be_zero']],
  ['a ledger that is not configured', [account(10n, { ledger: 3 })], ['ledger_not_found']],
  ['code zero', [account(10n, { code: 0 })], ['code_must_not_be_zero']],
  // Precedence: the first rule in result-codes.ts wins.
  ['an out-of-range id before everything else', [account(-1n, { ledger: -1, code: -1, flags: -2 })], ['id_out_of_range']],
  ['ledger range before code range', [account(10n, { ledger: -1, code: -1 })], ['ledger_out_of_range']],
  ['code range before flags range', [account(10n, { code: -1, flags: -2 })], ['code_out_of_range']],
  ['flags range before user data range', [account(10n, { flags: -2, userData32: -1 })], ['flags_out_of_range']],
  ['user data range before reserved flags', [account(10n, { flags: 1 << 4, userData128: -1n })], ['user_data_out_of_range']],
  ['reserved flags before id zero', [account(0n, { flags: 1 << 4 })], ['reserved_flag']],
  ['id zero before ledger zero', [account(0n, { ledger: 0, code: 0 })], ['id_must_not_be_zero']],
  ['a retry before its own mutually exclusive flags', [{ ...existing, flags: debitsMustNotExceedCredits | creditsMustNotExceedDebits }], ['exists_with_different_flags']],
  ['flags before user data on a retry', [{ ...existing, flags: 0, userData32: 0 }], ['exists_with_different_flags']],
  ['user data before ledger on a retry', [{ ...existing, userData64: 0n, ledger: 2 }], ['exists_with_different_user_data_64']],
  ['ledger before code on a retry', [{ ...existing, ledger: 0, code: 0 }], ['exists_with_different_ledger']],
  ['a retry of a known id whatever the configured ledgers', [{ ...existing, ledger: 3 }], ['exists_with_different_ledger']],
  ['mutually exclusive flags before ledger zero', [account(10n, { ledger: 0, flags: debitsMustNotExceedCredits | creditsMustNotExceedDebits })], ['flags_are_mutually_exclusive']],
  ['ledger zero before code zero', [account(10n, { ledger: 0, code: 0 })], ['ledger_must_not_be_zero']],
  ['an unknown ledger before code zero', [account(10n, { ledger: 3, code: 0 })], ['ledger_not_found']],
];

describe('create_accounts results', () => {
  it.each(cases)('%s', (_name, events, expected) => {
    setUp().rejects(createAccounts(...events), expected);
  });

  it('answers batch_too_long for every event of a batch of 8,191', () => {
    const events = Array.from({ length: batchEventsMax + 1 }, (_, index) => account(BigInt(index + 10)));
    setUp().rejects(createAccounts(...events), events.map(() => 'batch_too_long'));
  });

  it('accepts a batch of exactly 8,190', () => {
    const harness = setUp();
    const events = Array.from({ length: batchEventsMax }, (_, index) => account(BigInt(index + 10)));
    harness.ok(createAccounts(...events));
    expect(harness.engine.accounts.size).toBe(batchEventsMax + 2);
  });

  it('has a case for every result code', () => {
    const covered = new Set<string>([...cases.flatMap(([, , expected]) => expected), 'batch_too_long', 'ok']);
    expect(createAccountResults.filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe('create_accounts', () => {
  it('stores the account with zero balances and the event timestamp', () => {
    const harness = new Harness();
    const output = harness.ok(createAccounts(account(5n, { code: 3, userData32: 4 }), account(6n, { flags: history })), 1_000n);
    expect(output.plan.accountsCreated.map((created) => created.timestamp)).toEqual([1_000n, 1_001n]);
    expect(harness.account(5n)).toEqual({
      ...account(5n, { code: 3, userData32: 4 }),
      debitsPending: 0n,
      debitsPosted: 0n,
      creditsPending: 0n,
      creditsPosted: 0n,
      timestamp: 1_000n,
    });
    expect(harness.account(6n).flags).toBe(history);
  });

  it('sees an account created earlier in the same batch', () => {
    const harness = new Harness();
    harness.run(createAccounts(account(5n), account(5n), account(5n, { code: 2 })), ['ok', 'exists', 'exists_with_different_code']);
    expect(harness.engine.accounts.size).toBe(1);
  });

  it('accepts every ledger when none are configured', () => {
    new Harness().ok(createAccounts(account(5n, { ledger: 4_000_000_000 })));
  });

  it('accepts the largest ids, ledgers, codes and user data', () => {
    const largest = account(u128Max - 1n, { ledger: 2 ** 32 - 1, code: 65_535, userData128: u128Max, userData64: u64Max, userData32: 2 ** 32 - 1 });
    new Harness().ok(createAccounts(largest));
  });

  it('answers exists for a retry of an account that a closing hold closed', () => {
    const harness = new Harness();
    harness.ok(createAccounts(account(1n), account(2n)));
    harness.ok(createTransfers(hold(10n, 1n, 2n, 5n, 0, { flags: closingDebit })));
    expect(harness.account(1n).flags).toBe(AccountFlags.closed);
    harness.rejects(createAccounts(account(1n)), ['exists']);
    harness.rejects(createAccounts(account(1n, { flags: AccountFlags.closed })), ['reserved_flag']);
    harness.ok(createTransfers(voidHold(11n, 10n)));
    expect(harness.account(1n).flags).toBe(0);
  });
});
