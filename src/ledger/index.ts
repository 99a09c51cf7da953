// The ledger engine's public surface: pure functions and types, no I/O.

export * from './types.js';
export * from './flags.js';
export * from './limits.js';
export * from './result-codes.js';
export { executeCommit } from './execute-commit.js';
export type { LedgerOperation, OperationResults, CommitInput, CommitOutput } from './execute-commit.js';
export type { EngineOptions } from './create-accounts.js';
export type { CommitPlan, LedgerReader } from './workspace.js';
export { LedgerAuditor } from './auditor.js';
export type { AuditReport, AuditFailure } from './auditor.js';
