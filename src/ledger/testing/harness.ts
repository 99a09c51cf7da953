// Runs the engine (via MemoryLedger) and the reference model side by side; every commit must agree and audit clean.

import { expect } from 'vitest';
import type { CreateAccountResult, CreateTransferResult } from '../result-codes.js';
import type { CommitOutput, LedgerOperation } from '../execute-commit.js';
import { nanosecondsPerSecond } from '../limits.js';
import type { Account, AccountInput } from '../types.js';
import { account, createAccounts } from './builders.js';
import { tigerBeetleRules } from './reference-rules.js';
import { MemoryLedger } from './memory-ledger.js';
import { ReferenceModel } from './reference-model.js';

export type AnyResult = CreateAccountResult | CreateTransferResult;

export class Harness {
  readonly engine: MemoryLedger;
  readonly model: ReferenceModel;

  constructor(options: { readonly ledgers?: ReadonlySet<number> } = {}) {
    this.engine = new MemoryLedger(options);
    this.model = new ReferenceModel(tigerBeetleRules, options.ledgers);
  }

  /** A timestamp `seconds` after the last one used. */
  after(seconds: number): bigint {
    return this.engine.lastTimestamp + 1n + BigInt(seconds) * nanosecondsPerSecond;
  }

  /** Commits in both; checks they agree and that the engine's state passes the audit. */
  commit(operations: readonly LedgerOperation[], timestamp?: bigint): CommitOutput {
    const at = timestamp ?? this.engine.lastTimestamp + 1n;
    const output = this.engine.commit(operations, at);
    const modelled = this.model.commit(operations, at);
    expect(output.results).toEqual(modelled.results);
    expect(output.expired).toBe(modelled.expired);
    expect(output.plan.balances).toEqual(modelled.balances);
    expect(output.plan.lastTimestamp).toBe(modelled.lastTimestamp);
    expect(this.engine.accounts).toEqual(this.model.accounts);
    expect(this.engine.transfers).toEqual(this.model.transfers);
    expect(this.engine.holds).toEqual(this.model.holds);
    const audit = this.engine.audit();
    expect(audit.failures).toEqual([]);
    expect(audit.ok).toBe(true);
    return output;
  }

  /** Commits one operation and expects these results. */
  run(operation: LedgerOperation, expected: readonly AnyResult[], timestamp?: bigint): CommitOutput {
    const output = this.commit([operation], timestamp);
    expect(output.results[0]).toEqual(expected);
    return output;
  }

  /** Commits one operation whose events must all succeed. */
  ok(operation: LedgerOperation, timestamp?: bigint): CommitOutput {
    return this.run(operation, operation.events.map(() => 'ok'), timestamp);
  }

  /** Commits one operation whose events must all fail, and checks that nothing changed. */
  rejects(operation: LedgerOperation, expected: readonly AnyResult[], timestamp?: bigint): CommitOutput {
    expect(expected.includes('ok')).toBe(false);
    const before = this.engine.state();
    const output = this.run(operation, expected, timestamp);
    expect(this.engine.state()).toEqual(before);
    expect(output.plan.accountsCreated).toEqual([]);
    // The plan may list accounts a failed chain changed and changed back, but only as they were.
    for (const updated of output.plan.accountsUpdated) expect(updated).toEqual(before.accounts.get(updated.id));
    expect(output.plan.transfersCreated).toEqual([]);
    expect(output.plan.pendingChanges.size).toBe(0);
    return output;
  }

  /** The stored account, which must exist. */
  account(id: bigint): Account {
    const stored = this.engine.accounts.get(id);
    if (stored === undefined) throw new Error(`no account ${id}`);
    return stored;
  }

  /** Balances of an account as [debitsPending, debitsPosted, creditsPending, creditsPosted]. */
  balances(id: bigint): [bigint, bigint, bigint, bigint] {
    const { debitsPending, debitsPosted, creditsPending, creditsPosted } = this.account(id);
    return [debitsPending, debitsPosted, creditsPending, creditsPosted];
  }
}

/**
 * A harness with accounts 1, 2 and 3 on ledger 1, account 4 on ledger 2, and any extra accounts,
 * all created in one commit.
 */
export function harnessWithAccounts(...extra: AccountInput[]): Harness {
  const harness = new Harness();
  harness.ok(createAccounts(account(1n), account(2n), account(3n), account(4n, { ledger: 2 }), ...extra));
  return harness;
}
