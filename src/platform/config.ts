// Configuration from the environment, read in one place. Store selection: SQLite under ./data
// (ZHIFU_DATA_DIR) unless DATABASE_URL names a PostgreSQL database.

import { resolve } from 'node:path';
import { parseAmount } from '../money/index.js';

export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly directory: string }
  /** `poolSize`: connections in each of the process's two pools (ledger and platform), from ZHIFU_PG_POOL_SIZE; 8 when unset. */
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number };

/** Connections per PostgreSQL pool unless ZHIFU_PG_POOL_SIZE says otherwise. */
export const postgresPoolSizeDefault = 8;
/** Connections per PostgreSQL pool at most: PostgreSQL's own default limit is 100 connections for all processes. */
export const postgresPoolSizeMax = 100;

export interface Config {
  readonly store: StoreConfig;
  /** Where the HTTP server listens. */
  readonly port: number;
  readonly host: string;
  /** The key of payment PIN hashes (ZHIFU_PIN_KEY); made and kept in the platform database when unset. */
  readonly pinKey: string | undefined;
  /** Sign-in attempts allowed per client address per 15 minutes (ZHIFU_SIGN_IN_PER_ADDRESS, default 100). */
  readonly signInAttemptsPerAddress: number | undefined;
  /** The public origin of the server, for links such as receive codes (ZHIFU_PUBLIC_URL); the request's own when unset. */
  readonly publicUrl: string | undefined;
  /** 'sandbox' (the default: sandbox bank, test clocks) or 'production' (test clocks refused), from ZHIFU_MODE. */
  readonly mode: 'sandbox' | 'production';
  /** KYC tier limits in fen, from ZHIFU_{UNVERIFIED,VERIFIED}_{BALANCE_CAP,DAILY_OUTFLOW} (CNY decimals); defaults when unset. */
  readonly walletLimits: { readonly unverified: TierLimitOverrides; readonly verified: TierLimitOverrides };
}

export interface TierLimitOverrides {
  readonly balanceCap?: bigint;
  readonly dailyOutflow?: bigint;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const url = env.DATABASE_URL?.trim();
  const port = loadPort(env.PORT);
  const host = env.HOST?.trim() || '0.0.0.0';
  const pinKey = env.ZHIFU_PIN_KEY?.trim() || undefined;
  const signInAttemptsPerAddress = loadCount(env.ZHIFU_SIGN_IN_PER_ADDRESS, 'ZHIFU_SIGN_IN_PER_ADDRESS');
  const publicUrl = loadUrl(env.ZHIFU_PUBLIC_URL, 'ZHIFU_PUBLIC_URL');
  const tier = (prefix: string): TierLimitOverrides => {
    const balanceCap = loadCny(env[`${prefix}_BALANCE_CAP`], `${prefix}_BALANCE_CAP`);
    const dailyOutflow = loadCny(env[`${prefix}_DAILY_OUTFLOW`], `${prefix}_DAILY_OUTFLOW`);
    return { ...(balanceCap === undefined ? {} : { balanceCap }), ...(dailyOutflow === undefined ? {} : { dailyOutflow }) };
  };
  const walletLimits = { unverified: tier('ZHIFU_UNVERIFIED'), verified: tier('ZHIFU_VERIFIED') };
  const modeText = env.ZHIFU_MODE?.trim() || 'sandbox';
  if (modeText !== 'sandbox' && modeText !== 'production') throw new ConfigError('ZHIFU_MODE must be sandbox or production.');
  const mode: Config['mode'] = modeText;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new ConfigError('DATABASE_URL must be a PostgreSQL URL (postgres://user@host:port/database); unset it to use SQLite under ./data.');
    }
    const poolSize = loadCount(env.ZHIFU_PG_POOL_SIZE, 'ZHIFU_PG_POOL_SIZE');
    if (poolSize !== undefined && poolSize > postgresPoolSizeMax) throw new ConfigError(`ZHIFU_PG_POOL_SIZE must be at most ${postgresPoolSizeMax}, not "${env.ZHIFU_PG_POOL_SIZE}".`);
    return { store: { kind: 'postgres', url, ...(poolSize === undefined ? {} : { poolSize }) }, port, host, pinKey, signInAttemptsPerAddress, publicUrl, mode, walletLimits };
  }
  return { store: { kind: 'sqlite', directory: resolve(env.ZHIFU_DATA_DIR?.trim() || 'data') }, port, host, pinKey, signInAttemptsPerAddress, publicUrl, mode, walletLimits };
}

function loadCny(text: string | undefined, name: string): bigint | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const parsed = parseAmount(text.trim(), 'CNY', { allowZero: false });
  if (!parsed.ok) throw new ConfigError(`${name} must be a positive CNY amount such as 2000.00, not "${text}" (${parsed.code}).`);
  return parsed.amount;
}

function loadUrl(text: string | undefined, name: string): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (!/^https?:\/\/[^\s/]+/.test(text.trim())) throw new ConfigError(`${name} must be an http(s) origin such as https://pay.example.com, not "${text}".`);
  return text.trim().replace(/\/$/, '');
}

function loadCount(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1) throw new ConfigError(`${name} must be a whole number of at least 1, not "${text}".`);
  return count;
}

function loadPort(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 8080;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${text}".`);
  return port;
}
