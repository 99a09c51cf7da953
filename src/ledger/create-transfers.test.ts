// Tests of transfer validation: one case per request-shape result code, precedence, and plain transfers.
import { describe, expect, it } from 'vitest';
import { TransferFlags } from './flags.js';
import { amountMax, batchEventsMax, u128Max, u64Max } from './limits.js';
import { createTransferResults, type CreateTransferResult } from './result-codes.js';
import type { TransferInput } from './types.js';
import { account, balancingDebit, closingCredit, closingDebit, createAccounts, createTransfers, hold, linked, pending, post, transfer, voidHold } from './testing/builders.js';
import { harnessWithAccounts, type Harness } from './testing/harness.js';

const stored = transfer(100n, 1n, 2n, 10n, { userData128: 1n, userData64: 2n, userData32: 3, code: 5 });
const storedPost = post(102n, 101n, 7n, { userData32: 4 });
const storedVoid = voidHold(104n, 103n);

/** Accounts 1–3 on ledger 1 and 4 on ledger 2; transfer 100; hold 101 posted in part by 102; hold 103 voided by 104. */
function setUp(): Harness {
  const harness = harnessWithAccounts();
  harness.ok(createTransfers(stored, hold(101n, 1n, 2n, 20n), storedPost, hold(103n, 2n, 3n, 30n), storedVoid));
  return harness;
}

const post1 = (fields: Partial<TransferInput> = {}): TransferInput => post(300n, 101n, 5n, fields);

const cases: readonly (readonly [string, readonly TransferInput[], readonly CreateTransferResult[]])[] = [
  ['a failed event fails its chain', [linked(transfer(200n, 1n, 2n, 5n)), transfer(201n, 1n, 1n, 5n)], ['linked_event_failed', 'accounts_must_be_different']],
  ['a chain left open', [linked(transfer(200n, 1n, 2n, 5n))], ['linked_event_chain_open']],
  ['a negative id', [transfer(-1n, 1n, 2n, 5n)], ['id_out_of_range']],
  ['an id above 2^128−1', [transfer(u128Max + 1n, 1n, 2n, 5n)], ['id_out_of_range']],
  ['a negative debit account id', [transfer(200n, -1n, 2n, 5n)], ['debit_account_id_out_of_range']],
  ['a debit account id above 2^128−1', [transfer(200n, u128Max + 1n, 2n, 5n)], ['debit_account_id_out_of_range']],
  ['a negative credit account id', [transfer(200n, 1n, -2n, 5n)], ['credit_account_id_out_of_range']],
  ['a negative pending id', [post(200n, -101n)], ['pending_id_out_of_range']],
  ['an amount above 2^128−1', [transfer(200n, 1n, 2n, u128Max + 1n)], ['amount_out_of_range']],
  ['a negative amount', [transfer(200n, 1n, 2n, -5n)], ['amount_out_of_range']],
  ['a negative timeout', [hold(200n, 1n, 2n, 5n, -1)], ['timeout_out_of_range']],
  ['a fractional timeout', [hold(200n, 1n, 2n, 5n, 1.5)], ['timeout_out_of_range']],
  ['a timeout above 2^32−1', [hold(200n, 1n, 2n, 5n, 2 ** 32)], ['timeout_out_of_range']],
  ['a negative ledger', [transfer(200n, 1n, 2n, 5n, { ledger: -1 })], ['ledger_out_of_range']],
  ['a fractional ledger', [transfer(200n, 1n, 2n, 5n, { ledger: 0.5 })], ['ledger_out_of_range']],
  ['a code above 2^16−1', [transfer(200n, 1n, 2n, 5n, { code: 65_536 })], ['code_out_of_range']],
  ['a negative code', [transfer(200n, 1n, 2n, 5n, { code: -3 })], ['code_out_of_range']],
  ['a fractional code', [transfer(200n, 1n, 2n, 5n, { code: 2.5 })], ['code_out_of_range']],
  ['flags above 2^16−1', [transfer(200n, 1n, 2n, 5n, { flags: 65_536 })], ['flags_out_of_range']],
  ['negative flags', [transfer(200n, 1n, 2n, 5n, { flags: -2 })], ['flags_out_of_range']],
  ['user_data_128 above 2^128−1', [transfer(200n, 1n, 2n, 5n, { userData128: u128Max + 1n })], ['user_data_out_of_range']],
  ['user_data_64 above 2^64−1', [transfer(200n, 1n, 2n, 5n, { userData64: u64Max + 1n })], ['user_data_out_of_range']],
  ['a negative user_data_32', [transfer(200n, 1n, 2n, 5n, { userData32: -1 })], ['user_data_out_of_range']],
  ['reserved flag bit 8', [transfer(200n, 1n, 2n, 5n, { flags: 1 << 8 })], ['reserved_flag']],
  ['reserved flag bit 14', [transfer(200n, 1n, 2n, 5n, { flags: 1 << 14 })], ['reserved_flag']],
  ['id zero', [transfer(0n, 1n, 2n, 5n)], ['id_must_not_be_zero']],
  ['id 2^128−1', [transfer(u128Max, 1n, 2n, 5n)], ['id_must_not_be_int_max']],
  ['an existing id with other flags', [{ ...stored, flags: pending }], ['exists_with_different_flags']],
  ['an existing id with another pending id', [{ ...stored, pendingId: 101n }], ['exists_with_different_pending_id']],
  ['an existing id with another timeout', [{ ...stored, timeout: 1 }], ['exists_with_different_timeout']],
  ['an existing id with another debit account', [{ ...stored, debitAccountId: 3n }], ['exists_with_different_debit_account_id']],
  ['an existing id with another credit account', [{ ...stored, creditAccountId: 3n }], ['exists_with_different_credit_account_id']],
  ['an existing id with another amount', [{ ...stored, amount: 11n }], ['exists_with_different_amount']],
  ['an existing id with other user_data_128', [{ ...stored, userData128: 0n }], ['exists_with_different_user_data_128']],
  ['an existing id with other user_data_64', [{ ...stored, userData64: 0n }], ['exists_with_different_user_data_64']],
  ['an existing id with other user_data_32', [{ ...stored, userData32: 0 }], ['exists_with_different_user_data_32']],
  ['an existing id with another ledger', [{ ...stored, ledger: 2 }], ['exists_with_different_ledger']],
  ['an existing id with another code', [{ ...stored, code: 6 }], ['exists_with_different_code']],
  ['an existing id with the same fields', [stored], ['exists']],
  ['a retried plain transfer may not leave its debit account zero', [{ ...stored, debitAccountId: 0n }], ['exists_with_different_debit_account_id']],
  ['a retried post', [storedPost], ['exists']],
  ['a retried post naming the hold accounts, ledger and code', [{ ...storedPost, debitAccountId: 1n, creditAccountId: 2n, ledger: 1, code: 1 }], ['exists']],
  ['a retried post with another debit account', [{ ...storedPost, debitAccountId: 3n }], ['exists_with_different_debit_account_id']],
  ['a retried post with another credit account', [{ ...storedPost, creditAccountId: 3n }], ['exists_with_different_credit_account_id']],
  ['a retried post with another amount', [{ ...storedPost, amount: 8n }], ['exists_with_different_amount']],
  ['a retried post with another ledger', [{ ...storedPost, ledger: 2 }], ['exists_with_different_ledger']],
  ['a retried post with another code', [{ ...storedPost, code: 2 }], ['exists_with_different_code']],
  ['a retried post with other user data', [{ ...storedPost, userData32: 0 }], ['exists_with_different_user_data_32']],
  ['a retried void', [storedVoid], ['exists']],
  ['a retried void naming the amount', [{ ...storedVoid, amount: 30n }], ['exists']],
  ['a retried void with another amount', [{ ...storedVoid, amount: 29n }], ['exists_with_different_amount']],
  ['a retried void of another hold', [{ ...storedVoid, pendingId: 101n }], ['exists_with_different_pending_id']],
  ['post and void together', [post1({ flags: TransferFlags.voidPendingTransfer })], ['flags_are_mutually_exclusive']],
  ['post and pending', [post1({ flags: pending })], ['flags_are_mutually_exclusive']],
  ['void and balancing', [voidHold(300n, 101n, { flags: balancingDebit })], ['flags_are_mutually_exclusive']],
  ['post and closing', [post1({ flags: closingCredit })], ['flags_are_mutually_exclusive']],
  ['debit account zero', [transfer(200n, 0n, 2n, 5n)], ['debit_account_id_must_not_be_zero']],
  ['debit account 2^128−1', [transfer(200n, u128Max, 2n, 5n)], ['debit_account_id_must_not_be_int_max']],
  ['credit account zero', [transfer(200n, 1n, 0n, 5n)], ['credit_account_id_must_not_be_zero']],
  ['credit account 2^128−1', [transfer(200n, 1n, u128Max, 5n)], ['credit_account_id_must_not_be_int_max']],
  ['debit = credit', [transfer(200n, 1n, 1n, 5n)], ['accounts_must_be_different']],
  ['a pending id on a new transfer', [transfer(200n, 1n, 2n, 5n, { pendingId: 101n })], ['pending_id_must_be_zero']],
  ['a post without pending id', [post(200n, 0n)], ['pending_id_must_not_be_zero']],
  ['a post of pending id 2^128−1', [post(200n, u128Max)], ['pending_id_must_not_be_int_max']],
  ['a post of itself', [post(200n, 200n)], ['pending_id_must_be_different']],
  ['a timeout on a posted transfer', [transfer(200n, 1n, 2n, 5n, { timeout: 1 })], ['timeout_reserved_for_pending_transfer']],
  ['a timeout on a post', [post1({ timeout: 1 })], ['timeout_reserved_for_pending_transfer']],
  ['a closing transfer that is not pending', [transfer(200n, 1n, 2n, 5n, { flags: closingDebit })], ['closing_transfer_must_be_pending']],
  ['a zero amount', [transfer(200n, 1n, 2n, 0n)], ['amount_must_not_be_zero']],
  ['a zero pending amount', [hold(200n, 1n, 2n, 0n)], ['amount_must_not_be_zero']],
  ['a post of zero', [post(300n, 101n, 0n)], ['amount_must_not_be_zero']],
  ['ledger zero', [transfer(200n, 1n, 2n, 5n, { ledger: 0 })], ['ledger_must_not_be_zero']],
  ['code zero', [transfer(200n, 1n, 2n, 5n, { code: 0 })], ['code_must_not_be_zero']],
  ['an unknown debit account', [transfer(200n, 99n, 2n, 5n)], ['debit_account_not_found']],
  ['an unknown credit account', [transfer(200n, 1n, 99n, 5n)], ['credit_account_not_found']],
  ['accounts on two ledgers', [transfer(200n, 1n, 4n, 5n)], ['accounts_must_have_the_same_ledger']],
  ['a transfer on another ledger than its accounts', [transfer(200n, 1n, 2n, 5n, { ledger: 2 })], ['transfer_must_have_the_same_ledger_as_accounts']],
  // Precedence: the first rule in result-codes.ts wins.
  ['id range before everything', [transfer(-1n, -1n, -1n, -1n, { ledger: -1 })], ['id_out_of_range']],
  ['debit range before amount range', [transfer(200n, -1n, 2n, -1n)], ['debit_account_id_out_of_range']],
  ['amount range before timeout range', [hold(200n, 1n, 2n, -1n, -1)], ['amount_out_of_range']],
  ['timeout range before ledger range', [hold(200n, 1n, 2n, 5n, -1, { ledger: -1 })], ['timeout_out_of_range']],
  ['ranges before reserved flags', [transfer(200n, 1n, 2n, 5n, { flags: 1 << 8, userData32: -1 })], ['user_data_out_of_range']],
  ['reserved flags before id zero', [transfer(0n, 1n, 2n, 5n, { flags: 1 << 8 })], ['reserved_flag']],
  ['a retry before its own mistakes', [{ ...stored, flags: closingDebit, amount: 0n }], ['exists_with_different_flags']],
  ['amount before user data on a retry', [{ ...stored, amount: 1n, userData128: 9n }], ['exists_with_different_amount']],
  ['mutually exclusive flags before pending id zero', [post(200n, 0n, 5n, { flags: TransferFlags.voidPendingTransfer })], ['flags_are_mutually_exclusive']],
  ['debit zero before debit = credit', [transfer(200n, 0n, 0n, 5n)], ['debit_account_id_must_not_be_zero']],
  ['debit = credit before pending id', [transfer(200n, 1n, 1n, 0n, { pendingId: 3n })], ['accounts_must_be_different']],
  ['pending id before timeout', [transfer(200n, 1n, 2n, 5n, { pendingId: 3n, timeout: 1 })], ['pending_id_must_be_zero']],
  ['timeout before closing', [transfer(200n, 1n, 2n, 5n, { timeout: 1, flags: closingCredit })], ['timeout_reserved_for_pending_transfer']],
  ['closing before zero amount', [transfer(200n, 1n, 2n, 0n, { flags: closingCredit })], ['closing_transfer_must_be_pending']],
  ['zero amount before ledger zero', [transfer(200n, 1n, 2n, 0n, { ledger: 0, code: 0 })], ['amount_must_not_be_zero']],
  ['code zero before unknown accounts', [transfer(200n, 98n, 99n, 5n, { code: 0 })], ['code_must_not_be_zero']],
  ['unknown debit before unknown credit', [transfer(200n, 98n, 99n, 5n)], ['debit_account_not_found']],
  ['the accounts ledgers before the transfer ledger', [transfer(200n, 1n, 4n, 5n, { ledger: 3 })], ['accounts_must_have_the_same_ledger']],
  ['a post self-reference before its timeout', [post(200n, 200n, 5n, { timeout: 1 })], ['pending_id_must_be_different']],
  ['a post zero amount before an unknown hold', [post(200n, 999n, 0n)], ['amount_must_not_be_zero']],
];

describe('create_transfers results', () => {
  it.each(cases)('%s', (_name, events, expected) => {
    setUp().rejects(createTransfers(...events), expected);
  });

  it('answers batch_too_long for every event of a batch of 8,191', () => {
    const events = Array.from({ length: batchEventsMax + 1 }, (_, index) => transfer(BigInt(index + 1_000), 1n, 2n, 1n));
    setUp().rejects(createTransfers(...events), events.map(() => 'batch_too_long'));
  });

  it('has a case for every code up to transfer_must_have_the_same_ledger_as_accounts', () => {
    const last = createTransferResults.indexOf('transfer_must_have_the_same_ledger_as_accounts');
    const covered = new Set<string>([...cases.flatMap(([, , expected]) => expected), 'batch_too_long']);
    expect(createTransferResults.slice(1, last + 1).filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe('create_transfers', () => {
  it('moves posted balances and stores the transfer with its timestamp', () => {
    const harness = harnessWithAccounts();
    const event = transfer(200n, 1n, 2n, 25n, { userData128: 5n, code: 7 });
    const output = harness.ok(createTransfers(event), 5_000n);
    expect(harness.balances(1n)).toEqual([0n, 25n, 0n, 0n]);
    expect(harness.balances(2n)).toEqual([0n, 0n, 0n, 25n]);
    expect(harness.engine.transfers.get(200n)).toEqual({ ...event, timestamp: 5_000n });
    expect(output.plan.accountsUpdated.map((updated) => updated.id).sort()).toEqual([1n, 2n]);
  });

  it('sees accounts created by an earlier operation of the same commit', () => {
    const harness = harnessWithAccounts();
    const output = harness.commit([createAccounts(account(9n)), createTransfers(transfer(200n, 9n, 1n, 3n))]);
    expect(output.results).toEqual([['ok'], ['ok']]);
    expect(output.plan.accountsCreated).toEqual([expect.objectContaining({ id: 9n, debitsPosted: 3n })]);
  });

  it('answers exists to a duplicate later in the same batch, and moves the money once', () => {
    const harness = harnessWithAccounts();
    harness.run(createTransfers(transfer(200n, 1n, 2n, 4n), transfer(200n, 1n, 2n, 4n), transfer(200n, 1n, 2n, 5n)), ['ok', 'exists', 'exists_with_different_amount']);
    expect(harness.balances(1n)).toEqual([0n, 4n, 0n, 0n]);
  });

  it('moves the largest amount once and refuses any more', () => {
    const harness = harnessWithAccounts();
    harness.ok(createTransfers(transfer(200n, 1n, 2n, amountMax)));
    harness.rejects(createTransfers(transfer(201n, 3n, 2n, 1n)), ['overflows_credits_posted']);
    harness.ok(createTransfers(transfer(202n, 2n, 1n, amountMax)));
    expect(harness.balances(1n)).toEqual([0n, amountMax, 0n, amountMax]);
  });

  it('lets failed and good events of one batch stand on their own', () => {
    const harness = harnessWithAccounts();
    harness.run(createTransfers(transfer(200n, 1n, 2n, 4n), transfer(201n, 1n, 1n, 4n), transfer(202n, 2n, 3n, 1n)), ['ok', 'accounts_must_be_different', 'ok']);
    expect(harness.engine.transfers.has(201n)).toBe(false);
    expect(harness.balances(2n)).toEqual([0n, 1n, 0n, 4n]);
  });
});
