// The store contract on PostgreSQL; each test gets a database of its own, dropped afterwards.

import { openPostgresStore } from '../postgres/postgres-store.js';
import { createTemporaryDatabase } from '../postgres/temporary-database.js';
import { describeLedgerStoreContract } from './ledger-store-contract.js';

describeLedgerStoreContract('postgres', async () => {
  const database = await createTemporaryDatabase('zhifu_contract');
  return {
    open: () => openPostgresStore({ url: database.url }),
    destroy: () => database.drop(),
  };
});
