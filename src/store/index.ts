// The store layer's public surface for the layers above.

export { Ledger, commitEventsMax } from './ledger.js';
export type { CommitStatistics } from './ledger.js';
export { openStore } from './open-store.js';
export type { OpenOptions } from './open-store.js';
export { CommitFailedError, DependentCommitError, StoreLockedError, StoreReadOnlyError } from './store.js';
export type { LedgerStore, CommitOutcome, StoreKind } from './store.js';
