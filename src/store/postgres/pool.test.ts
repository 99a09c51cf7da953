import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPool } from './pool.js';
import { createTemporaryDatabase, type TemporaryDatabase } from './temporary-database.js';

describe('the PostgreSQL pool', () => {
  let database: TemporaryDatabase;
  beforeAll(async () => {
    database = await createTemporaryDatabase('zhifu_pool');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('survives an idle connection ended by the server, and goes on with a new one', async () => {
    const pool = openPool(database.url, 2);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const admin = openPool(database.url, 1);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await admin.end();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(warnings.some((message) => message.includes('idle PostgreSQL connection failed'))).toBe(true);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    } finally {
      process.off('warning', onWarning);
      await pool.end();
    }
  });
});
