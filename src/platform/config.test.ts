// Configuration from the environment: defaults, overrides, and a clear error for each bad value.

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to SQLite under ./data on port 8080 with default limits', () => {
    const config = loadConfig({});
    expect(config.store).toMatchObject({ kind: 'sqlite' });
    expect(config.store.kind === 'sqlite' && config.store.directory.endsWith('/data')).toBe(true);
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', walletLimits: { unverified: {}, verified: {} } });
  });

  it('reads PostgreSQL, the port, the public URL and KYC limits in CNY', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', PORT: '9000', ZHIFU_PUBLIC_URL: 'https://pay.example.com/', ZHIFU_UNVERIFIED_BALANCE_CAP: '5000.00', ZHIFU_VERIFIED_DAILY_OUTFLOW: '1.5' });
    expect(config.store).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(config).toMatchObject({ port: 9000, publicUrl: 'https://pay.example.com', walletLimits: { unverified: { balanceCap: 500_000n }, verified: { dailyOutflow: 150n } } });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', ZHIFU_PG_POOL_SIZE: '32' }).store).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db', poolSize: 32 });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a PostgreSQL URL/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ ZHIFU_SIGN_IN_PER_ADDRESS: '0' }, /ZHIFU_SIGN_IN_PER_ADDRESS must be/],
    [{ DATABASE_URL: 'postgres://u@h/db', ZHIFU_PG_POOL_SIZE: '0' }, /ZHIFU_PG_POOL_SIZE must be a whole number of at least 1/],
    [{ DATABASE_URL: 'postgres://u@h/db', ZHIFU_PG_POOL_SIZE: '101' }, /ZHIFU_PG_POOL_SIZE must be at most 100/],
    [{ ZHIFU_PUBLIC_URL: 'pay.example.com' }, /ZHIFU_PUBLIC_URL must be an http/],
    [{ ZHIFU_VERIFIED_BALANCE_CAP: '1.005' }, /amount_too_precise/],
    [{ ZHIFU_UNVERIFIED_DAILY_OUTFLOW: '0' }, /amount_zero/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
