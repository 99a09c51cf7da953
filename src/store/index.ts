// The store layer's public surface for the layers above.

export { Ledger, commitEventsMax } from './ledger.js';
export type { CommitReport, CommitStatistics } from './ledger.js';
export { openStore } from './open-store.js';
export type { OpenOptions } from './open-store.js';
export { CommitFailedError, DependentCommitError, StoreLockedError, StoreReadOnlyError } from './store.js';
export type { AccountTotals, AuditOptions, LedgerStore, CommitOutcome, StoreKind } from './store.js';
export { compileWrite, noWrites, openPlatformDatabase, PlatformWriteConflictError, unlessUnchanged } from './platform/platform-database.js';
export type { PlatformDatabase, PlatformWrite, WritesWith } from './platform/platform-database.js';
export type { TradeRefundRequestTable, TestClockTable, JobTable, MerchantPayoutAccountTable, PayoutTable, TradeSplitTable, MerchantAppTable, PaymentCodeTable, EventTable, WebhookAttemptTable, WebhookDeliveryTable, WebhookEndpointTable, TradeDisputeTable, TradeEventTable, TradeItemTable, TradeRefundTable, TradeTable, ApiKeyTable, CardTable, MerchantMemberTable, MerchantTable, OperatorActionTable, OperatorTable, PlatformTables, UserTable, WalletTransferTable } from './platform/tables.js';
export { IdempotencyKeys, idempotencyKeyRetentionMilliseconds } from './platform/idempotency-keys.js';
export type { IdempotencyStart } from './platform/idempotency-keys.js';
export { prepareInsert, prepareQuery, rowInserter, rowUpdater } from './platform/prepared-query.js';
export { inListValuesMax, selectInBatches } from './platform/in-batches.js';
export type { PreparedQuery } from './platform/prepared-query.js';
export { DatabaseJobLeases } from './platform/job-leases.js';
export { containsText, startsWithText } from './platform/text-match.js';
