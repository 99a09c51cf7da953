// The server as an operator runs it: `zhifu start` in a process of its own makes the demo world and
// says how to sign in; SIGTERM lets the requests in flight finish, then the process exits cleanly
// and the ledger checks out.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runZhifu } from './support/run-zhifu.js';

const entry = fileURLToPath(new URL('./support/zhifu-entry.ts', import.meta.url));

describe('zhifu start', () => {
  it('serves the demo world and drains in-flight payments on SIGTERM', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'zhifu-server-'));
    const port = 19_000 + Math.floor(Math.random() * 1000);
    const env = { ...process.env, ZHIFU_DATA_DIR: directory, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    const server = spawn(process.execPath, ['--import', 'tsx', entry, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    server.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));
    try {
      for (let attempt = 0; attempt < 100 && !stdout.includes('Demo world ready'); attempt++) await new Promise((next) => setTimeout(next, 100));
      expect(stdout).toContain('+8613800000001 / password zhifu-demo / PIN 123456');
      const base = `http://127.0.0.1:${port}`;
      // The demo merchant's key and the demo operator work.
      const secretKey = /secret API key (sk_\S+)/.exec(stdout)?.[1];
      expect((await (await fetch(`${base}/v1/merchant`, { headers: { authorization: `Bearer ${secretKey}` } })).json()) as { name: string }).toMatchObject({ name: 'Demo Tea House' });
      expect((await fetch(`${base}/v1/operator/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@zhifu.example', password: 'zhifu-demo-operator' }) })).status).toBe(201);
      const session = (await (await fetch(`${base}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: '+8613800000001', password: 'zhifu-demo' }) })).json()) as { token: string };
      const payments = Array.from({ length: 20 }, (_, index) =>
        fetch(`${base}/v1/transfers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}`, 'idempotency-key': `drain-${index}` },
          body: JSON.stringify({ to: 'wang.fang@example.com', amount: '1.00', currency: 'CNY', pin: '123456' }),
        }).then((response) => response.status),
      );
      await new Promise((next) => setTimeout(next, 20));
      server.kill('SIGTERM');
      const statuses = await Promise.allSettled(payments);
      expect(await exited).toBe(0);
      // Requests accepted before the signal were answered; the ledger holds exactly those that succeeded.
      const paid = statuses.filter((status) => status.status === 'fulfilled' && status.value === 201).length;
      const check = runZhifu(['ledger', 'check', '--json'], { ZHIFU_DATA_DIR: directory, DATABASE_URL: '' });
      expect(check.status).toBe(0);
      const show = JSON.parse(runZhifu(['wallet', 'show', '--user', 'wang.fang@example.com', '--json'], { ZHIFU_DATA_DIR: directory, DATABASE_URL: '' }).stdout) as { available: string };
      expect(show.available).toBe(`${500 + paid}.00`);
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
      rmSync(directory, { recursive: true, force: true });
    }
  }, 60_000);
});
