// The invariant check, fed by a stream of accounts and transfers: double entry holds per ledger,
// every balance equals the sum of its transfers, and no account breaks its flags.

import { AccountFlags, TransferFlags } from './flags.js';
import type { Account, PendingStatus, Transfer } from './types.js';

/** Failures listed in a report at most; the count says how many there were in all. */
export const auditFailuresListedMax = 100;

export interface AuditFailure {
  readonly rule: 'ledger_unbalanced' | 'balance_mismatch' | 'limit_broken' | 'unknown_account' | 'ledger_mismatch' | 'hold_without_state';
  readonly message: string;
}

export interface LedgerTotals {
  readonly ledger: number;
  readonly accounts: number;
  readonly debitsPending: bigint;
  readonly debitsPosted: bigint;
  readonly creditsPending: bigint;
  readonly creditsPosted: bigint;
}

export interface AuditReport {
  readonly ok: boolean;
  readonly accounts: number;
  readonly transfers: number;
  readonly ledgers: readonly LedgerTotals[];
  readonly failureCount: number;
  readonly failures: readonly AuditFailure[];
}

interface Sums {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
}

export class LedgerAuditor {
  private readonly accounts = new Map<bigint, Account>();
  private readonly sums = new Map<bigint, Sums>();
  private readonly failures: AuditFailure[] = [];
  private failureCount = 0;
  private transferCount = 0;

  /** Accounts must all be added before the transfers. */
  addAccount(account: Account): void {
    this.accounts.set(account.id, account);
    this.sums.set(account.id, { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n });
  }

  /** Adds a transfer; `holdStatus` is the state of a pending transfer (undefined for others). */
  addTransfer(transfer: Transfer, holdStatus: PendingStatus | undefined): void {
    this.transferCount += 1;
    const debit = this.sums.get(transfer.debitAccountId);
    const credit = this.sums.get(transfer.creditAccountId);
    if (debit === undefined || credit === undefined) {
      this.fail('unknown_account', `transfer ${transfer.id} names an account that does not exist`);
      return;
    }
    const debitLedger = this.accounts.get(transfer.debitAccountId)!.ledger;
    const creditLedger = this.accounts.get(transfer.creditAccountId)!.ledger;
    if (transfer.ledger !== debitLedger || transfer.ledger !== creditLedger) {
      this.fail('ledger_mismatch', `transfer ${transfer.id} on ledger ${transfer.ledger} joins ledgers ${debitLedger} and ${creditLedger}`);
    }
    const flags = transfer.flags;
    if ((flags & TransferFlags.pending) !== 0) {
      if (holdStatus === undefined) this.fail('hold_without_state', `pending transfer ${transfer.id} has no hold state`);
      if (holdStatus === 'pending') {
        debit.debitsPending += transfer.amount;
        credit.creditsPending += transfer.amount;
      }
      return;
    }
    if ((flags & TransferFlags.voidPendingTransfer) !== 0) return;
    debit.debitsPosted += transfer.amount;
    credit.creditsPosted += transfer.amount;
  }

  report(): AuditReport {
    const totals = new Map<number, { accounts: number } & Sums>();
    for (const account of this.accounts.values()) {
      const expected = this.sums.get(account.id)!;
      this.checkAccount(account, expected);
      const ledger = totals.get(account.ledger) ?? { accounts: 0, debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };
      ledger.accounts += 1;
      ledger.debitsPending += account.debitsPending;
      ledger.debitsPosted += account.debitsPosted;
      ledger.creditsPending += account.creditsPending;
      ledger.creditsPosted += account.creditsPosted;
      totals.set(account.ledger, ledger);
    }
    const ledgers = [...totals.entries()].sort(([a], [b]) => a - b).map(([ledger, sums]) => ({ ledger, ...sums }));
    for (const ledger of ledgers) {
      if (ledger.debitsPosted !== ledger.creditsPosted || ledger.debitsPending !== ledger.creditsPending) {
        this.fail(
          'ledger_unbalanced',
          `ledger ${ledger.ledger}: posted debits ${ledger.debitsPosted} vs credits ${ledger.creditsPosted}, pending debits ${ledger.debitsPending} vs credits ${ledger.creditsPending}`,
        );
      }
    }
    return {
      ok: this.failureCount === 0,
      accounts: this.accounts.size,
      transfers: this.transferCount,
      ledgers,
      failureCount: this.failureCount,
      failures: this.failures,
    };
  }

  private checkAccount(account: Account, expected: Sums): void {
    const fields = ['debitsPending', 'debitsPosted', 'creditsPending', 'creditsPosted'] as const;
    for (const field of fields) {
      if (account[field] !== expected[field]) {
        this.fail('balance_mismatch', `account ${account.id}: ${field} is ${account[field]} but its transfers sum to ${expected[field]}`);
      }
    }
    const debits = account.debitsPending + account.debitsPosted;
    const credits = account.creditsPending + account.creditsPosted;
    if ((account.flags & AccountFlags.debitsMustNotExceedCredits) !== 0 && debits > account.creditsPosted) {
      this.fail('limit_broken', `account ${account.id}: debits ${debits} exceed posted credits ${account.creditsPosted}`);
    }
    if ((account.flags & AccountFlags.creditsMustNotExceedDebits) !== 0 && credits > account.debitsPosted) {
      this.fail('limit_broken', `account ${account.id}: credits ${credits} exceed posted debits ${account.debitsPosted}`);
    }
  }

  private fail(rule: AuditFailure['rule'], message: string): void {
    this.failureCount += 1;
    if (this.failures.length < auditFailuresListedMax) this.failures.push({ rule, message });
  }
}
