// Configuration from the environment, read in one place. Store selection: SQLite under ./data
// (ZHIFU_DATA_DIR) unless DATABASE_URL names a PostgreSQL database.

import { resolve } from 'node:path';

export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly directory: string }
  | { readonly kind: 'postgres'; readonly url: string };

export interface Config {
  readonly store: StoreConfig;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new ConfigError('DATABASE_URL must be a PostgreSQL URL (postgres://user@host:port/database); unset it to use SQLite under ./data.');
    }
    return { store: { kind: 'postgres', url } };
  }
  return { store: { kind: 'sqlite', directory: resolve(env.ZHIFU_DATA_DIR?.trim() || 'data') } };
}
