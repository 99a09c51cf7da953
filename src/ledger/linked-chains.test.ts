// Tests of linked chains: all events of a chain succeed together, or none of them leaves a trace.
import { describe, expect, it } from 'vitest';
import { AccountFlags } from './flags.js';
import { account, closingDebit, createAccounts, createTransfers, history, hold, linked, post, transfer, voidHold } from './testing/builders.js';
import { Harness, harnessWithAccounts } from './testing/harness.js';

describe('linked transfer chains', () => {
  it('applies a whole chain that succeeds', () => {
    const harness = harnessWithAccounts();
    harness.ok(createTransfers(linked(transfer(100n, 1n, 2n, 5n)), linked(hold(101n, 2n, 3n, 4n)), post(102n, 101n)));
    expect(harness.balances(2n)).toEqual([0n, 4n, 0n, 5n]);
    expect(harness.balances(3n)).toEqual([0n, 0n, 0n, 4n]);
  });

  it('rolls back a chain that fails in the middle; events after the chain still run', () => {
    const harness = harnessWithAccounts();
    const output = harness.run(
      createTransfers(linked(transfer(100n, 1n, 2n, 5n)), linked(transfer(101n, 1n, 99n, 5n)), transfer(102n, 2n, 3n, 5n), transfer(103n, 2n, 3n, 7n)),
      ['linked_event_failed', 'credit_account_not_found', 'linked_event_failed', 'ok'],
    );
    expect([...harness.engine.transfers.keys()]).toEqual([103n]);
    expect(harness.balances(1n)).toEqual([0n, 0n, 0n, 0n]);
    expect(harness.balances(2n)).toEqual([0n, 7n, 0n, 0n]);
    // Failed events keep their timestamps: the ok event is the fourth of the batch.
    expect(output.plan.transfersCreated[0]?.timestamp).toBe(output.plan.lastTimestamp);
  });

  it('rolls back a chain that fails at its last event', () => {
    harnessWithAccounts().rejects(createTransfers(linked(transfer(100n, 1n, 2n, 5n)), linked(transfer(101n, 2n, 3n, 5n)), transfer(102n, 3n, 3n, 5n)), [
      'linked_event_failed',
      'linked_event_failed',
      'accounts_must_be_different',
    ]);
  });

  it('rolls back a chain that fails at its first event without running the rest', () => {
    harnessWithAccounts().rejects(createTransfers(linked(transfer(100n, 1n, 1n, 5n)), transfer(101n, 2n, 3n, 5n)), ['accounts_must_be_different', 'linked_event_failed']);
  });

  it('fails a chain left open at the end of the batch, keeping the chains before it', () => {
    const harness = harnessWithAccounts();
    harness.run(createTransfers(linked(transfer(100n, 1n, 2n, 5n)), transfer(101n, 1n, 2n, 5n), linked(transfer(102n, 1n, 2n, 5n)), linked(transfer(103n, 1n, 2n, 5n))), [
      'ok',
      'ok',
      'linked_event_failed',
      'linked_event_chain_open',
    ]);
    expect(harness.balances(1n)).toEqual([0n, 10n, 0n, 0n]);
  });

  it('undoes holds, posts, voids and closed flags made inside a failed chain', () => {
    const harness = harnessWithAccounts(account(5n, { flags: history }));
    harness.ok(createTransfers(hold(100n, 1n, 2n, 50n), hold(101n, 3n, 5n, 40n, 0, { flags: closingDebit })));
    harness.rejects(
      createTransfers(
        linked(post(102n, 100n, 20n)),
        linked(voidHold(103n, 101n)),
        linked(hold(104n, 2n, 5n, 9n, 0, { flags: closingDebit })),
        linked(transfer(105n, 5n, 1n, 3n)),
        transfer(106n, 1n, 2n, 0n),
      ),
      ['linked_event_failed', 'linked_event_failed', 'linked_event_failed', 'linked_event_failed', 'amount_must_not_be_zero'],
    );
    expect(harness.engine.holds.get(100n)?.status).toBe('pending');
    expect(harness.account(3n).flags).toBe(AccountFlags.closed);
    expect(harness.account(2n).flags).toBe(0);
    expect(harness.engine.history.filter((balance) => balance.accountId === 5n)).toHaveLength(1);
  });

  it('frees the ids of a failed chain for later events', () => {
    const harness = harnessWithAccounts();
    harness.run(createTransfers(linked(transfer(100n, 1n, 2n, 5n)), transfer(101n, 1n, 1n, 5n), transfer(100n, 2n, 3n, 6n)), [
      'linked_event_failed',
      'accounts_must_be_different',
      'ok',
    ]);
    expect(harness.engine.transfers.get(100n)?.amount).toBe(6n);
  });

  it('fails a chain whose later event retries an earlier one of the same chain', () => {
    const repeated = linked(transfer(100n, 1n, 2n, 5n));
    harnessWithAccounts().rejects(createTransfers(repeated, repeated, transfer(101n, 1n, 2n, 5n)), ['linked_event_failed', 'exists', 'linked_event_failed']);
    // Without the linked flag the retry differs from the stored event in its flags.
    harnessWithAccounts().rejects(createTransfers(repeated, transfer(100n, 1n, 2n, 5n)), ['linked_event_failed', 'exists_with_different_flags']);
  });

  it('answers a replayed chain with exists on its first event and linked_event_failed on the rest', () => {
    const harness = harnessWithAccounts();
    const chain = createTransfers(linked(transfer(100n, 1n, 2n, 5n)), linked(hold(101n, 2n, 3n, 4n)), post(102n, 101n));
    harness.ok(chain);
    harness.rejects(chain, ['exists', 'linked_event_failed', 'linked_event_failed']);
  });

  it('runs a second chain after a first one failed', () => {
    const harness = harnessWithAccounts();
    harness.run(
      createTransfers(linked(transfer(100n, 1n, 2n, 5n)), transfer(101n, 1n, 2n, 0n), linked(transfer(102n, 1n, 2n, 5n)), transfer(103n, 1n, 2n, 6n)),
      ['linked_event_failed', 'amount_must_not_be_zero', 'ok', 'ok'],
    );
    expect(harness.balances(1n)).toEqual([0n, 11n, 0n, 0n]);
  });

  it('keeps chains within one operation', () => {
    const harness = harnessWithAccounts();
    const output = harness.commit([createTransfers(transfer(100n, 1n, 2n, 5n), linked(transfer(101n, 1n, 2n, 5n))), createTransfers(transfer(102n, 1n, 2n, 5n))]);
    expect(output.results).toEqual([['ok', 'linked_event_chain_open'], ['ok']]);
  });
});

describe('linked account chains', () => {
  it('creates a chain of accounts together', () => {
    const harness = new Harness();
    harness.ok(createAccounts(linked(account(1n)), linked(account(2n)), account(3n)));
    expect(harness.engine.accounts.size).toBe(3);
  });

  it('creates none of a chain with a bad account, and later events may reuse the ids', () => {
    const harness = new Harness();
    harness.run(createAccounts(linked(account(1n)), linked(account(2n)), account(3n, { code: 0 }), account(1n, { code: 2 })), [
      'linked_event_failed',
      'linked_event_failed',
      'code_must_not_be_zero',
      'ok',
    ]);
    expect([...harness.engine.accounts.keys()]).toEqual([1n]);
    expect(harness.account(1n).code).toBe(2);
  });

  it('fails an account chain left open', () => {
    new Harness().rejects(createAccounts(linked(account(1n)), linked(account(2n))), ['linked_event_failed', 'linked_event_chain_open']);
  });

  it('drops accounts created by a failed chain even when transfers use them in the same commit', () => {
    const harness = harnessWithAccounts();
    const output = harness.commit([createAccounts(linked(account(9n)), account(9n)), createTransfers(transfer(100n, 9n, 1n, 5n))]);
    expect(output.results).toEqual([['linked_event_failed', 'exists_with_different_flags'], ['debit_account_not_found']]);
    expect(harness.engine.accounts.has(9n)).toBe(false);
  });
});
