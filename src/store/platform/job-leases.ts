// The jobs table behind the scheduler's JobLeases port: one row per job with its next due time
// and its lease, changed only by conditional writes so that one process at a time holds a lease;
// and the list of them, for operators.

import type { JobLeases } from '../../platform/jobs.js';
import type { PlatformDatabase } from './platform-database.js';
import type { JobTable } from './tables.js';

export class DatabaseJobLeases implements JobLeases {
  constructor(private readonly platform: PlatformDatabase) {}

  /** Every job the scheduler has run or made due, by name (for the operators' console). */
  async list(): Promise<JobTable[]> {
    return this.platform.db.selectFrom('jobs').selectAll().orderBy('name').execute();
  }

  async ensure(name: string, dueAt: number): Promise<void> {
    await this.platform.db.insertInto('jobs').values({ name, due_at: dueAt, lease_owner: null, lease_until: null, runs: 0, last_run_at: null, last_error: null }).onConflict((conflict) => conflict.column('name').doNothing()).execute();
  }

  async claim(name: string, owner: string, now: number, leaseUntil: number): Promise<boolean> {
    const claimed = await this.platform.db
      .updateTable('jobs')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('name', '=', name)
      .where('due_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1;
  }

  async finish(name: string, owner: string, nextDueAt: number, error: string | null, now: number): Promise<void> {
    await this.platform.db
      .updateTable('jobs')
      .set((eb) => ({ due_at: nextDueAt, lease_owner: null, lease_until: null, runs: eb('runs', '+', 1), last_run_at: now, last_error: error }))
      .where('name', '=', name)
      .where('lease_owner', '=', owner)
      .execute();
  }
}
