// Idempotency keys on both stores: a claim, its answer replayed, another request under the key
// refused, a running request holding the key, a claim that lapses, a key given back; and on SQLite,
// where claims live in memory, a response replayed before its row is on disk.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { createTemporaryDatabase } from '../postgres/temporary-database.js';
import { idempotencyInProgressStaleMilliseconds, idempotencyKeyRetentionMilliseconds, IdempotencyKeys } from './idempotency-keys.js';
import { openPlatformDatabase, type PlatformDatabase } from './platform-database.js';

describe.each(['sqlite', 'postgres'] as const)('idempotency keys on %s', (kind) => {
  let platform: PlatformDatabase;
  let destroy: () => Promise<void>;
  const clock = new ManualClock();
  let keys: IdempotencyKeys;

  beforeAll(async () => {
    if (kind === 'sqlite') {
      const directory = mkdtempSync(join(tmpdir(), 'zhifu-idempotency-'));
      platform = await openPlatformDatabase({ kind: 'sqlite', directory });
      destroy = async () => rmSync(directory, { recursive: true, force: true });
    } else {
      const database = await createTemporaryDatabase('zhifu_idempotency');
      platform = await openPlatformDatabase({ kind: 'postgres', url: database.url });
      destroy = database.drop;
    }
    keys = new IdempotencyKeys(platform, clock);
  });
  afterAll(async () => {
    await platform.close();
    await destroy();
  });

  it('claims a key, holds it while the request runs, then replays the answer and refuses another request', async () => {
    expect(await keys.start('usr_a', 'k1', 'fingerprint 1')).toEqual({ kind: 'started' });
    expect(await keys.start('usr_a', 'k1', 'fingerprint 1')).toEqual({ kind: 'in_progress' });
    expect(await keys.start('usr_a', 'k1', 'fingerprint 2')).toEqual({ kind: 'mismatch' });
    // Another caller's key of the same name is another key.
    expect(await keys.start('usr_b', 'k1', 'fingerprint 2')).toEqual({ kind: 'started' });
    await keys.complete('usr_a', 'k1', 201, '{"id":"tr_1"}');
    expect(await keys.start('usr_a', 'k1', 'fingerprint 1')).toEqual({ kind: 'replay', statusCode: 201, body: '{"id":"tr_1"}' });
    expect(await keys.start('usr_a', 'k1', 'fingerprint 2')).toEqual({ kind: 'mismatch' });
    await keys.forget('usr_b', 'k1');
  });

  it('keeps the answer on disk, and replays it after the process that wrote it is gone', async () => {
    expect(await keys.start('usr_a', 'k2', 'fingerprint')).toEqual({ kind: 'started' });
    await keys.complete('usr_a', 'k2', 402, '{"error":{}}');
    // The row is written soon after the answer on SQLite; wait until it is there.
    for (let attempt = 0; attempt < 100; attempt++) {
      const row = await platform.db.selectFrom('idempotency_keys').selectAll().where('scope', '=', 'usr_a').where('key', '=', 'k2').executeTakeFirst();
      if (row?.state === 'completed') break;
      await new Promise((next) => setTimeout(next, 10));
    }
    const restarted = new IdempotencyKeys(platform, clock);
    expect(await restarted.start('usr_a', 'k2', 'fingerprint')).toEqual({ kind: 'replay', statusCode: 402, body: '{"error":{}}' });
  });

  it('lets a claim lapse when its request never answered, and gives a key back after a server error', async () => {
    expect(await keys.start('usr_a', 'k3', 'fingerprint')).toEqual({ kind: 'started' });
    clock.advanceSeconds(idempotencyInProgressStaleMilliseconds / 1000);
    expect(await keys.start('usr_a', 'k3', 'fingerprint')).toEqual({ kind: 'started' });
    await keys.forget('usr_a', 'k3');
    expect(await keys.start('usr_a', 'k3', 'another request')).toEqual({ kind: 'started' });
    await keys.forget('usr_a', 'k3');
  });

  // Only SQLite keeps claims in memory; PostgreSQL writes the answer before the request answers.
  if (kind !== 'sqlite') return;
  it('replays the answers an earlier process kept, over several pages, once it knows the recent keys', async () => {
    const now = clock.now().getTime();
    const rows = Array.from({ length: 12_001 }, (_, index) => ({ scope: `usr_p${index % 7}`, key: `page-${index}`, fingerprint: 'f', state: 'completed', status_code: 201, response_body: `{"n":${index}}`, created_at: now }));
    for (let start = 0; start < rows.length; start += 1_000) await platform.db.insertInto('idempotency_keys').values(rows.slice(start, start + 1_000)).execute();
    // One kept longer ago than the retention counts as never used.
    await platform.db.insertInto('idempotency_keys').values({ scope: 'usr_p0', key: 'old', fingerprint: 'f', state: 'completed', status_code: 201, response_body: '{}', created_at: now - idempotencyKeyRetentionMilliseconds - 1 }).execute();
    const restarted = new IdempotencyKeys(platform, clock);
    expect(await restarted.start('usr_p9', 'first', 'f')).toEqual({ kind: 'started' });
    await restarted.recentKeysRead();
    for (const index of [0, 4_999, 5_000, 9_999, 10_000, 12_000]) {
      expect(await restarted.start(`usr_p${index % 7}`, `page-${index}`, 'f')).toEqual({ kind: 'replay', statusCode: 201, body: `{"n":${index}}` });
    }
    expect(await restarted.start('usr_p1', 'page-1', 'other')).toEqual({ kind: 'mismatch' });
    expect(await restarted.start('usr_p0', 'old', 'f')).toEqual({ kind: 'started' });
    expect(await restarted.start('usr_p0', 'never', 'f')).toEqual({ kind: 'started' });
    // A key this process claimed is in the filter too, before its row is written.
    expect(await restarted.start('usr_p0', 'never', 'f')).toEqual({ kind: 'in_progress' });
  });

  it('replays an answer from memory before its row is on disk', async () => {
    expect(await keys.start('usr_a', 'k4', 'fingerprint')).toEqual({ kind: 'started' });
    void keys.complete('usr_a', 'k4', 201, '{"id":"tr_4"}');
    // In the same turn, before the writer thread has written the row.
    expect(await platform.db.selectFrom('idempotency_keys').select('key').where('scope', '=', 'usr_a').where('key', '=', 'k4').executeTakeFirst()).toBeUndefined();
    expect(await keys.start('usr_a', 'k4', 'fingerprint')).toEqual({ kind: 'replay', statusCode: 201, body: '{"id":"tr_4"}' });
    expect(await keys.start('usr_a', 'k4', 'other')).toEqual({ kind: 'mismatch' });
  });
});
