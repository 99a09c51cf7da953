// Tests of the auditor: a clean ledger passes, and each kind of corruption is found and reported.
import { describe, expect, it } from 'vitest';
import { auditFailuresListedMax, LedgerAuditor, type AuditFailure } from './auditor.js';
import { AccountFlags } from './flags.js';
import type { Transfer } from './types.js';
import { account, createAccounts, createTransfers, hold, post, transfer } from './testing/builders.js';
import { MemoryLedger } from './testing/memory-ledger.js';

/** Accounts 1–3 on ledger 1 and 4–5 on ledger 2, with posted transfers, a posted hold and an open hold. */
function ledger(): MemoryLedger {
  const memory = new MemoryLedger();
  const accounts = memory.commit([createAccounts(account(1n), account(2n), account(3n), account(4n, { ledger: 2 }), account(5n, { ledger: 2 }))]);
  const transfers = memory.commit([
    createTransfers(transfer(100n, 1n, 2n, 10n), hold(101n, 2n, 3n, 4n), post(102n, 101n, 3n), hold(103n, 3n, 1n, 6n), transfer(104n, 4n, 5n, 9n, { ledger: 2 })),
  ]);
  expect([...accounts.results.flat(), ...transfers.results.flat()].every((result) => result === 'ok')).toBe(true);
  return memory;
}

const rules = (failures: readonly AuditFailure[]): string[] => [...new Set(failures.map((failure) => failure.rule))].sort();

describe('LedgerAuditor', () => {
  it('passes a ledger built by the engine and sums each ledger', () => {
    const report = ledger().audit();
    expect(report).toMatchObject({ ok: true, accounts: 5, transfers: 5, failureCount: 0, failures: [] });
    expect(report.ledgers).toEqual([
      { ledger: 1, accounts: 3, debitsPending: 6n, debitsPosted: 13n, creditsPending: 6n, creditsPosted: 13n },
      { ledger: 2, accounts: 2, debitsPending: 0n, debitsPosted: 9n, creditsPending: 0n, creditsPosted: 9n },
    ]);
  });

  it.each([
    [
      'a balance that its transfers do not explain',
      (memory: MemoryLedger) => memory.accounts.set(1n, { ...memory.accounts.get(1n)!, debitsPosted: 11n }),
      ['balance_mismatch', 'ledger_unbalanced'],
    ],
    ['a transfer that was lost', (memory: MemoryLedger) => memory.transfers.delete(100n), ['balance_mismatch']],
    ['a hold counted as resolved while pending', (memory: MemoryLedger) => memory.holds.set(103n, { status: 'voided', expiresAt: 0n, resolvedAt: 1n }), ['balance_mismatch']],
    ['a hold without state', (memory: MemoryLedger) => memory.holds.delete(103n), ['balance_mismatch', 'hold_without_state']],
    [
      'a transfer on an unknown account',
      (memory: MemoryLedger) => memory.transfers.set(105n, { ...memory.transfers.get(100n)!, id: 105n, debitAccountId: 99n }),
      ['unknown_account'],
    ],
    [
      'a transfer between ledgers',
      (memory: MemoryLedger) => memory.transfers.set(105n, { ...memory.transfers.get(100n)!, id: 105n, amount: 0n, creditAccountId: 4n }),
      ['ledger_mismatch'],
    ],
    [
      'an account over its debit limit',
      (memory: MemoryLedger) => memory.accounts.set(1n, { ...memory.accounts.get(1n)!, flags: AccountFlags.debitsMustNotExceedCredits }),
      ['limit_broken'],
    ],
    [
      'an account over its credit limit',
      (memory: MemoryLedger) => memory.accounts.set(2n, { ...memory.accounts.get(2n)!, flags: AccountFlags.creditsMustNotExceedDebits }),
      ['limit_broken'],
    ],
  ])('finds %s', (_name, corrupt, expected) => {
    const memory = ledger();
    corrupt(memory);
    const report = memory.audit();
    expect(report.ok).toBe(false);
    expect(rules(report.failures)).toEqual(expected);
    expect(report.failureCount).toBe(report.failures.length);
  });

  it('lists at most 100 failures but counts them all', () => {
    const auditor = new LedgerAuditor();
    const memory = ledger();
    for (const stored of memory.accounts.values()) auditor.addAccount(stored);
    const template: Transfer = memory.transfers.get(100n)!;
    for (let index = 0; index < 150; index++) auditor.addTransfer({ ...template, id: BigInt(1_000 + index), debitAccountId: 99n }, undefined);
    const report = auditor.report();
    expect(report.failures).toHaveLength(auditFailuresListedMax);
    expect(report.failureCount).toBeGreaterThanOrEqual(150);
    expect(report.transfers).toBe(150);
  });
});
