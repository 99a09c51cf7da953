// The durable job scheduler: named jobs that run every so often, in whichever server process
// claims them first. A job's next due time and its lease live in the database (JobLeases, a port
// the store implements), so jobs survive restarts, and a lease taken with a conditional write
// means no job runs twice at once, even across processes; a process that dies mid-run leaves a
// lease that runs out, and another process runs the job again. Jobs are sweeps over durable state
// (close what is overdue, send what is due), so running one again is harmless.

import type { Clock } from './clock.js';

export interface JobLeases {
  /** Makes sure the job exists, due at `dueAt` if it is new. */
  ensure(name: string, dueAt: number): Promise<void>;
  /** Takes the job's lease if it is due and nobody holds a live lease; true if this owner has it now. */
  claim(name: string, owner: string, now: number, leaseUntil: number): Promise<boolean>;
  /** Gives the lease back and sets the next due time. */
  finish(name: string, owner: string, nextDueAt: number, error: string | null, now: number): Promise<void>;
}

export interface Job {
  readonly name: string;
  readonly intervalMilliseconds: number;
  readonly run: () => Promise<unknown>;
}

/** How long a claimed job may run before another process may take it over. */
export const jobLeaseMilliseconds = 5 * 60 * 1000;

export class JobScheduler {
  private readonly jobs: Job[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly leases: JobLeases,
    private readonly clock: Clock,
    /** This process's name in leases (host and pid, say). */
    private readonly owner: string,
    private readonly onError: (job: string, error: unknown) => void,
  ) {}

  add(job: Job): void {
    this.jobs.push(job);
  }

  /** Checks for due jobs every `tickMilliseconds` until stopped. */
  async start(tickMilliseconds = 1_000): Promise<void> {
    const now = this.clock.now().getTime();
    for (const job of this.jobs) await this.leases.ensure(job.name, now);
    this.timer ??= setInterval(() => void this.tick(), tickMilliseconds);
    this.timer.unref();
  }

  /** Runs every job that is due and not running elsewhere, one after another. */
  tick(): Promise<void> {
    this.ticking ??= this.runDue().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /** Stops checking and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  private async runDue(): Promise<void> {
    for (const job of this.jobs) {
      // A failing lease store (a dropped connection, a busy database) is reported like a failing
      // job and the next job still runs: nothing escapes the timer as an unhandled rejection.
      try {
        await this.runIfDue(job);
      } catch (failure) {
        this.onError(job.name, failure);
      }
    }
  }

  private async runIfDue(job: Job): Promise<void> {
    const now = this.clock.now().getTime();
    if (!(await this.leases.claim(job.name, this.owner, now, now + jobLeaseMilliseconds))) return;
    let error: string | null = null;
    try {
      await job.run();
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      this.onError(job.name, failure);
    }
    const finished = this.clock.now().getTime();
    await this.leases.finish(job.name, this.owner, finished + job.intervalMilliseconds, error, finished);
  }
}
