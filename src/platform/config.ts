// Configuration from the environment, read in one place. Store selection: SQLite under ./data
// (ZHIFU_DATA_DIR) unless DATABASE_URL names a PostgreSQL database.

import { resolve } from 'node:path';

export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly directory: string }
  | { readonly kind: 'postgres'; readonly url: string };

export interface Config {
  readonly store: StoreConfig;
  /** Where the HTTP server listens. */
  readonly port: number;
  readonly host: string;
  /** The key of payment PIN hashes (ZHIFU_PIN_KEY); made and kept in the platform database when unset. */
  readonly pinKey: string | undefined;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const url = env.DATABASE_URL?.trim();
  const port = loadPort(env.PORT);
  const host = env.HOST?.trim() || '0.0.0.0';
  const pinKey = env.ZHIFU_PIN_KEY?.trim() || undefined;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new ConfigError('DATABASE_URL must be a PostgreSQL URL (postgres://user@host:port/database); unset it to use SQLite under ./data.');
    }
    return { store: { kind: 'postgres', url }, port, host, pinKey };
  }
  return { store: { kind: 'sqlite', directory: resolve(env.ZHIFU_DATA_DIR?.trim() || 'data') }, port, host, pinKey };
}

function loadPort(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 8080;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${text}".`);
  return port;
}
