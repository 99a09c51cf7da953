// The operators' view of the whole ledger: per account code, how many accounts and what they hold
// together (one aggregate query of the store), and the invariant check that `zhifu ledger check`
// runs (Ledger.audit). The check reads every account and transfer, so it runs apart from the
// thread that serves requests (on SQLite, a thread of its own), at most once per
// `ledgerCheckMaxAgeMilliseconds` in a process, one at a time, and says when it ran.

import type { AuditReport } from '../ledger/index.js';
import type { Clock } from '../platform/clock.js';
import type { AccountTotals, Ledger } from '../store/index.js';
import { accountCodeNames } from './chart.js';

/** A check younger than this is answered again rather than run again. */
export const ledgerCheckMaxAgeMilliseconds = 60_000;

export interface AccountCodeTotals extends AccountTotals {
  /** What the code's accounts hold, in words; null for a code the chart does not name (made with the CLI). */
  readonly name: string | null;
}

export interface LedgerCheck {
  readonly report: AuditReport;
  /** When the check started: it read the ledger as it was then. */
  readonly checkedAt: Date;
}

export class LedgerOverview {
  private latest: LedgerCheck | undefined;
  private running: Promise<LedgerCheck> | undefined;

  constructor(
    private readonly ledger: Ledger,
    private readonly clock: Clock,
  ) {}

  async totals(): Promise<AccountCodeTotals[]> {
    return (await this.ledger.accountTotals()).map((totals) => ({ ...totals, name: accountCodeNames[totals.code] ?? null }));
  }

  /** The latest invariant check, run now if there is none younger than the limit (callers meanwhile share the run). */
  check(): Promise<LedgerCheck> {
    const now = this.clock.now();
    if (this.latest !== undefined && now.getTime() - this.latest.checkedAt.getTime() < ledgerCheckMaxAgeMilliseconds) return Promise.resolve(this.latest);
    this.running ??= this.ledger
      // Apart from the thread that serves requests: the check reads every account and transfer.
      .audit({ apart: true })
      .then((report) => (this.latest = { report, checkedAt: now }))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
