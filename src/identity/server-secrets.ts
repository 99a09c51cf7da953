// Secrets the server needs (the PIN key, …): taken from the environment when set, otherwise made
// once at random and kept in the platform database, so that every server process shares them.

import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../store/index.js';

export async function loadServerSecret(db: Kysely<PlatformTables>, name: string, configured: string | undefined, now: number): Promise<Buffer> {
  if (configured !== undefined && configured.length > 0) return Buffer.from(configured, 'utf8');
  await db
    .insertInto('server_secrets')
    .values({ name, value: randomBytes(32).toString('base64'), created_at: now })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}
