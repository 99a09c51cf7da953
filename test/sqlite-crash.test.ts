// Crash: a child committing batches to SQLite is killed with SIGKILL at a random moment, 20 times.
// After each kill every acknowledged batch is present, no batch is half visible, and the invariant
// check (the CLI's `zhifu ledger check`) passes.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { batchId, crashBatchSize } from './fixtures/crash-writer.js';
import { runZhifu } from './support/run-zhifu.js';

const writer = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const crashes = 20;

interface RunOutcome {
  readonly acknowledged: number[];
}

/** Starts a writer, lets it commit for a random while, then kills it with SIGKILL. */
function runAndKill(directory: string, run: number): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, directory, String(run)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: number[] = [];
    let buffered = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready' && killTimer === undefined) {
          killTimer = setTimeout(() => child.kill('SIGKILL'), 50 + Math.floor(Math.random() * 400));
        }
        const match = /^ack (\d+) (\d+)$/.exec(line);
        if (match) acknowledged.push(Number(match[2]));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited with ${code}: ${stderr}`));
      else resolve({ acknowledged });
    });
  });
}

describe('SQLite crash safety', () => {
  const directory = mkdtempSync(join(tmpdir(), 'zhifu-crash-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it(`keeps every acknowledged batch and no half batch across ${crashes} SIGKILLs`, async () => {
    let acknowledgedTotal = 0;
    for (let run = 1; run <= crashes; run++) {
      const { acknowledged } = await runAndKill(directory, run);
      acknowledgedTotal += acknowledged.length;
      const store = openSqliteStore({ directory });
      try {
        const lastAcknowledged = acknowledged.length === 0 ? -1 : Math.max(...acknowledged);
        // Every acknowledged batch is whole; the batch after the last acknowledged one is whole or absent.
        for (let batch = 0; batch <= lastAcknowledged + 1; batch++) {
          const ids = Array.from({ length: crashBatchSize }, (_, index) => batchId(run, batch, index));
          const found = (await store.lookupTransfers(ids)).length;
          if (batch <= lastAcknowledged) expect(found, `run ${run} batch ${batch}`).toBe(crashBatchSize);
          else expect([0, crashBatchSize], `run ${run} batch ${batch}`).toContain(found);
        }
        const beyond = Array.from({ length: crashBatchSize }, (_, index) => batchId(run, lastAcknowledged + 2, index));
        expect(await store.lookupTransfers(beyond)).toEqual([]);
        const report = await store.audit();
        expect(report.failures).toEqual([]);
      } finally {
        await store.close();
      }
    }
    expect(acknowledgedTotal).toBeGreaterThan(0);
    const check = runZhifu(['ledger', 'check'], { ZHIFU_DATA_DIR: directory, DATABASE_URL: '' });
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/ledger check of .*: ok/);
    expect(check.status).toBe(0);
  }, 240_000);
});
