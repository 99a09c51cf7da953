// The store contract on SQLite, and what only the embedded store does: the single-writer lock and
// read-only access beside the owner.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountInput } from '../../ledger/index.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import { StoreLockedError, StoreReadOnlyError } from '../store.js';
import { describeLedgerStoreContract } from './ledger-store-contract.js';

describeLedgerStoreContract('sqlite', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'zhifu-contract-'));
  return {
    open: async () => openSqliteStore({ directory }),
    destroy: async () => rmSync(directory, { recursive: true, force: true }),
  };
});

describe('SQLite store ownership', () => {
  it('refuses a second writer with a clear message, and lets readers in', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'zhifu-lock-'));
    const owner = openSqliteStore({ directory });
    await owner.commit([{ kind: 'create_accounts', events: [accountInput({ id: 1n, ledger: 156, code: 1 })] }], 1n);
    expect(() => openSqliteStore({ directory })).toThrow(StoreLockedError);
    expect(() => openSqliteStore({ directory })).toThrow(/in use by another Zhifu process \(pid \d+/);
    const reader = openSqliteStore({ directory, readOnly: true });
    expect(await reader.lookupAccounts([1n])).toHaveLength(1);
    expect((await reader.audit()).ok).toBe(true);
    await expect(reader.commit([], 2n)).rejects.toThrow(StoreReadOnlyError);
    await reader.close();
    await owner.close();
    const next = openSqliteStore({ directory });
    expect(await next.lookupAccounts([1n])).toHaveLength(1);
    await next.close();
    rmSync(directory, { recursive: true, force: true });
  });
});
