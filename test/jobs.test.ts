// The durable job scheduler on both stores: jobs run when due and again after their interval;
// two schedulers (as two server processes) never run one job at once; a process that died holding
// a lease is taken over once the lease runs out; a failing job is recorded and tried again.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { jobLeaseMilliseconds, JobScheduler } from '../src/platform/jobs.js';
import { DatabaseJobLeases, openPlatformDatabase, type PlatformDatabase } from '../src/store/index.js';
import { createTemporaryDatabase } from '../src/store/postgres/temporary-database.js';
import { storeKinds } from './support/http-fixture.js';

describe.each(storeKinds)('jobs on %s', (kind) => {
  let platform: PlatformDatabase;
  let cleanup: () => Promise<void>;
  const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
  const errors: string[] = [];

  beforeEach(async () => {
    if (kind === 'sqlite') {
      const directory = mkdtempSync(join(tmpdir(), 'zhifu-jobs-'));
      platform = await openPlatformDatabase({ kind: 'sqlite', directory });
      cleanup = async () => rmSync(directory, { recursive: true, force: true });
    } else {
      const database = await createTemporaryDatabase('zhifu_jobs');
      platform = await openPlatformDatabase({ kind: 'postgres', url: database.url });
      cleanup = () => database.drop();
    }
  });
  afterEach(async () => {
    await platform.close();
    await cleanup();
  });

  const scheduler = (owner: string) => new JobScheduler(new DatabaseJobLeases(platform), clock, owner, (job, error) => errors.push(`${job}: ${String(error)}`));

  it('runs a job when due and again after its interval, and never twice at once across processes', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const job = {
      name: 'sweep',
      intervalMilliseconds: 60_000,
      run: async () => {
        running++;
        if (running > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 30));
        running--;
        runs++;
      },
    };
    const first = scheduler('process-1');
    const second = scheduler('process-2');
    first.add(job);
    second.add(job);
    await first.start(60_000);
    await second.start(60_000);
    await Promise.all([first.tick(), second.tick(), first.tick(), second.tick()]);
    expect(runs).toBe(1);
    expect(overlapped).toBe(false);
    clock.advanceSeconds(59);
    await Promise.all([first.tick(), second.tick()]);
    expect(runs).toBe(1);
    clock.advanceSeconds(2);
    await Promise.all([first.tick(), second.tick()]);
    expect(runs).toBe(2);
    const row = await platform.db.selectFrom('jobs').selectAll().where('name', '=', 'sweep').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ lease_owner: null, last_error: null });
    expect(Number(row.runs)).toBe(2);
    await first.stop();
    await second.stop();
  });

  it('takes over a job whose process died holding its lease, once the lease has run out', async () => {
    const leases = new DatabaseJobLeases(platform);
    await leases.ensure('payouts', clock.now().getTime());
    // A process claimed it and died.
    expect(await leases.claim('payouts', 'dead-process', clock.now().getTime(), clock.now().getTime() + jobLeaseMilliseconds)).toBe(true);
    let runs = 0;
    const survivor = scheduler('survivor');
    survivor.add({ name: 'payouts', intervalMilliseconds: 1_000, run: async () => void runs++ });
    await survivor.start(60_000);
    await survivor.tick();
    expect(runs).toBe(0);
    clock.advanceSeconds(jobLeaseMilliseconds / 1000 + 1);
    await survivor.tick();
    expect(runs).toBe(1);
    await survivor.stop();
  });

  it('records a failing job and tries it again after its interval', async () => {
    let attempts = 0;
    const failing = scheduler('process-1');
    failing.add({
      name: 'flaky',
      intervalMilliseconds: 1_000,
      run: async () => {
        attempts++;
        if (attempts === 1) throw new Error('the bank is down');
      },
    });
    await failing.start(60_000);
    await failing.tick();
    expect((await platform.db.selectFrom('jobs').select('last_error').where('name', '=', 'flaky').executeTakeFirstOrThrow()).last_error).toBe('the bank is down');
    expect(errors.some((error) => error.startsWith('flaky: Error: the bank is down'))).toBe(true);
    clock.advanceSeconds(2);
    await failing.tick();
    expect(attempts).toBe(2);
    expect((await platform.db.selectFrom('jobs').select('last_error').where('name', '=', 'flaky').executeTakeFirstOrThrow()).last_error).toBeNull();
    await failing.stop();
  });

  it('reports a lease store that fails (a dropped connection) and still runs the other jobs', async () => {
    const leases = new DatabaseJobLeases(platform);
    const broken = { ensure: leases.ensure.bind(leases), finish: leases.finish.bind(leases), claim: (name: string, owner: string, now: number, until: number) => (name === 'unlucky' ? Promise.reject(new Error('connection terminated')) : leases.claim(name, owner, now, until)) };
    const seen: string[] = [];
    const runs: string[] = [];
    const jobs = new JobScheduler(broken, clock, 'process-1', (job, error) => seen.push(`${job}: ${String(error)}`));
    jobs.add({ name: 'unlucky', intervalMilliseconds: 1_000, run: async () => void runs.push('unlucky') });
    jobs.add({ name: 'lucky', intervalMilliseconds: 1_000, run: async () => void runs.push('lucky') });
    await jobs.start(60_000);
    await expect(jobs.tick()).resolves.toBeUndefined();
    expect(seen).toEqual(['unlucky: Error: connection terminated']);
    expect(runs).toEqual(['lucky']);
    await jobs.stop();
  });
});
