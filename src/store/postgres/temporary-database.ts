// Fresh PostgreSQL databases for tests and benchmarks: created on demand, dropped afterwards.

import pg from 'pg';
import { randomBytes } from 'node:crypto';

/** The server that temporary databases are made on (trust auth on this machine). */
export function adminUrl(): string {
  return process.env.ZHIFU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TemporaryDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export async function createTemporaryDatabase(prefix: string): Promise<TemporaryDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop(): Promise<void> {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
