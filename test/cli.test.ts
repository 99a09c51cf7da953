// The operator commands of the CLI, run as an operator would (a child process), on both stores:
// create a user, deposit to their wallet, show it, make a merchant, its gateway app and an
// operator, find the deposit, the app's disabling and the operator in the operators' action log,
// and check the ledger.

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPlatformDatabase } from '../src/store/index.js';
import { createTemporaryDatabase } from '../src/store/postgres/temporary-database.js';
import { storeKinds } from './support/http-fixture.js';
import { runZhifu } from './support/run-zhifu.js';

describe.each(storeKinds)('zhifu user and wallet commands on %s', (kind) => {
  it('creates a user, deposits, shows the wallet, and the ledger checks out', async () => {
    let env: Record<string, string>;
    let cleanup: () => Promise<void>;
    if (kind === 'sqlite') {
      const directory = mkdtempSync(join(tmpdir(), 'zhifu-cli-'));
      env = { ZHIFU_DATA_DIR: directory, DATABASE_URL: '' };
      cleanup = async () => rmSync(directory, { recursive: true, force: true });
    } else {
      const database = await createTemporaryDatabase('zhifu_cli');
      env = { DATABASE_URL: database.url };
      cleanup = () => database.drop();
    }
    try {
      const created = runZhifu(['user', 'create', '--email', 'ops@example.com', '--password', 'long enough', '--json'], env);
      expect(created.stderr).toBe('');
      const user = JSON.parse(created.stdout) as { id: string };
      expect(user.id).toMatch(/^usr_/);
      const again = runZhifu(['user', 'create', '--email', 'OPS@example.com', '--password', 'long enough'], env);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('(email_taken)');
      const deposit = JSON.parse(runZhifu(['wallet', 'topup', '--user', 'ops@example.com', '--amount', '100.00', '--json'], env).stdout);
      expect(deposit).toMatchObject({ id: expect.stringMatching(/^tu_/), user: user.id, amount: '100.00', status: 'succeeded' });
      // With a reference a deposit is made once: the same command again answers the same deposit.
      const slip = ['wallet', 'topup', '--user', user.id, '--amount', '50.00', '--reference', 'slip-7', '--json'];
      const referenced = JSON.parse(runZhifu(slip, env).stdout);
      expect(referenced).toMatchObject({ id: expect.stringMatching(/^tu_/), amount: '50.00', status: 'succeeded' });
      expect(JSON.parse(runZhifu(slip, env).stdout)).toEqual(referenced);
      expect(runZhifu(['wallet', 'topup', '--user', user.id, '--amount', '51.00', '--reference', 'slip-7'], env).stderr).toContain('(idempotency_key_reused)');
      expect(runZhifu(['wallet', 'topup', '--user', user.id, '--amount', '1.001'], env).stderr).toContain('(amount_too_precise)');
      expect(runZhifu(['wallet', 'topup', '--user', 'nobody@example.com', '--amount', '1.00'], env).stderr).toContain('(user_not_found)');
      const shown = JSON.parse(runZhifu(['wallet', 'show', '--user', user.id, '--json'], env).stdout);
      expect(shown).toMatchObject({ user: user.id, available: '150.00', transactions: [{ type: 'top_up' }, { type: 'top_up' }] });
      const merchant = JSON.parse(runZhifu(['merchant', 'create', '--owner', user.id, '--name', 'Noodle Bar', '--json'], env).stdout);
      expect(merchant).toMatchObject({ name: 'Noodle Bar' });
      expect(merchant.id).toMatch(/^mch_/);
      const keyFile = join(mkdtempSync(join(tmpdir(), 'zhifu-cli-key-')), 'app-public.pem');
      writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }));
      const app = JSON.parse(runZhifu(['app', 'create', '--merchant', merchant.id, '--public-key-file', keyFile, '--json'], env).stdout);
      expect(app).toMatchObject({ app_id: expect.stringMatching(/^\d{16}$/), merchant: merchant.id, platform_public_key: expect.stringContaining('BEGIN PUBLIC KEY') });
      expect(runZhifu(['app', 'create', '--merchant', merchant.id, '--public-key-file', '/nonexistent.pem'], env).stderr).toContain('(file_unreadable)');
      writeFileSync(keyFile, 'not a key');
      expect(runZhifu(['app', 'create', '--merchant', merchant.id, '--public-key-file', keyFile], env).stderr).toContain('(public_key_invalid)');
      expect(runZhifu(['app', 'update', '--app', app.app_id, '--public-key-file', keyFile], env).stderr).toContain('(public_key_invalid)');
      expect(runZhifu(['app', 'update', '--app', app.app_id], env).stderr).toContain('(argument_missing)');
      expect(runZhifu(['app', 'update', '--app', '2026000000000000', '--name', 'x'], env).stderr).toContain('(app_not_found)');
      const newKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      writeFileSync(keyFile, newKey);
      expect(JSON.parse(runZhifu(['app', 'update', '--app', app.app_id, '--public-key-file', keyFile, '--name', 'Till 2', '--json'], env).stdout)).toMatchObject({ app_id: app.app_id, name: 'Till 2', status: 'active' });
      expect(JSON.parse(runZhifu(['app', 'disable', '--app', app.app_id, '--json'], env).stdout)).toMatchObject({ app_id: app.app_id, status: 'disabled' });
      expect(runZhifu(['app', 'update', '--app', app.app_id, '--name', 'Till 3'], env).stderr).toContain('(app_disabled)');
      expect(runZhifu(['app', 'disable', '--app', '2026000000000000'], env).stderr).toContain('(app_not_found)');
      const clock = JSON.parse(runZhifu(['clock', 'create', '--name', 'cli clock', '--merchant', merchant.id, '--frozen-time', '2030-01-01T00:00:00Z', '--json'], env).stdout);
      expect(clock.id).toMatch(/^clock_/);
      expect(runZhifu(['clock', 'create', '--name', 'x', '--merchant', 'mch_nobody'], env).stderr).toContain('(merchant_not_found)');
      expect(JSON.parse(runZhifu(['clock', 'advance', '--clock', clock.id, '--days', '10', '--json'], env).stdout)).toMatchObject({ id: clock.id, frozen_time: '2030-01-11T00:00:00.000Z', trades_moved: 0 });
      expect(runZhifu(['clock', 'advance', '--clock', 'clock_nothing', '--days', '1'], env).stderr).toContain('(test_clock_not_found)');
      const operator = JSON.parse(runZhifu(['operator', 'create', '--email', 'admin@zhifu.example', '--password', 'a long operator password', '--role', 'admin', '--json'], env).stdout);
      expect(operator).toMatchObject({ email: 'admin@zhifu.example', role: 'admin' });
      expect(runZhifu(['operator', 'create', '--email', 'b@zhifu.example', '--password', 'a long operator password', '--role', 'boss'], env).stderr).toContain('(role_invalid)');
      // Accounts and transfers made by hand: the line of each attempt is written before it is
      // tried, so one the ledger refuses (an account that does not exist) is named too.
      expect(JSON.parse(runZhifu(['ledger', 'create-account', '--id', '9001', '--ledger', '156', '--code', '9', '--json'], env).stdout)).toEqual({ id: '9001', result: 'ok' });
      expect(JSON.parse(runZhifu(['ledger', 'create-transfer', '--id', '9002', '--debit', '1', '--credit', '9001', '--amount', '5.00', '--currency', 'CNY', '--ledger', '156', '--code', '1', '--json'], env).stdout)).toEqual({ id: '9002', result: 'ok' });
      const refused = runZhifu(['ledger', 'create-transfer', '--id', '9003', '--debit', '424242', '--credit', '9001', '--amount', '1', '--ledger', '156', '--code', '1', '--json'], env);
      expect(JSON.parse(refused.stdout)).toEqual({ id: '9003', result: 'debit_account_not_found' });
      expect(runZhifu(['ledger', 'create-transfer', '--id', '9004', '--debit', '1', '--credit', '9001', '--amount', '1.001', '--currency', 'CNY', '--ledger', '156', '--code', '1'], env).stderr).toContain('(amount_too_precise)');
      // The deposits, the merchant, its app made, changed and disabled, the operator made and the
      // ledger's accounts and transfers are in the operators' action log, by the system user on this
      // host; commands refused before they reached the platform or the ledger wrote nothing.
      const platform = await openPlatformDatabase(kind === 'sqlite' ? { kind, directory: env.ZHIFU_DATA_DIR! } : { kind, url: env.DATABASE_URL! });
      try {
        const lines = await platform.db.selectFrom('operator_actions').selectAll().orderBy('id').execute();
        const cli = `cli:${userInfo().username}@${hostname()}`;
        expect(lines.map((line) => [line.operator_id, line.action, line.target_type, line.target_id])).toEqual([
          [cli, 'user.create', 'user', user.id],
          [cli, 'wallet.deposit', 'user', user.id],
          [cli, 'wallet.deposit', 'user', user.id],
          [cli, 'merchant.create', 'merchant', merchant.id],
          [cli, 'app.create', 'app', app.app_id],
          [cli, 'app.update', 'app', app.app_id],
          [cli, 'app.disable', 'app', app.app_id],
          [cli, 'operator.create', 'operator', operator.id],
          [cli, 'ledger.create_account', 'ledger_account', '9001'],
          [cli, 'ledger.create_transfer', 'ledger_transfer', '9002'],
          [cli, 'ledger.create_transfer', 'ledger_transfer', '9003'],
        ]);
        expect(JSON.parse(lines[2]!.details)).toMatchObject({ top_up: referenced.id, amount: '50.00' });
        expect(JSON.parse(lines[3]!.details)).toEqual({ name: 'Noodle Bar', owner: user.id });
        expect(lines.slice(4, 7).map((line) => line.account_id)).toEqual([merchant.id, merchant.id, merchant.id]);
        expect(JSON.parse(lines[5]!.details)).toEqual({ merchant: merchant.id, public_key_given: true, name: 'Till 2' });
        expect(JSON.parse(lines[8]!.details)).toEqual({ ledger: 156, code: 9, flags: '' });
        expect(JSON.parse(lines[9]!.details)).toEqual({ debit: '1', credit: '9001', amount: '500', ledger: 156, code: 1, flags: '', pending_id: '0' });
        expect(JSON.parse(lines[1]!.details)).toEqual({ top_up: deposit.id, amount: '100.00', currency: 'CNY', note: 'operator deposit' });
        expect(JSON.parse(lines[7]!.details)).toEqual({ email: 'admin@zhifu.example', role: 'admin' });
      } finally {
        await platform.close();
      }
      const check = runZhifu(['ledger', 'check', '--json'], env);
      expect(check.status).toBe(0);
      expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, transfers: 3, accounts: 5 });
    } finally {
      await cleanup();
    }
  }, 180_000);
});
