// The messages between the main thread and the platform writer thread (write-worker.ts).

export interface StatementInput {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** When set, the unit fails (and none of it applies) unless the statement changed this many rows. */
  readonly expectRows?: number;
}

/** The error code of a unit whose statement did not change the rows it expected: someone else changed them first. */
export const writeConflictCode = 'ZHIFU_WRITE_CONFLICT';

export interface StatementOutput {
  readonly rows: unknown[];
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

export type PlatformWriteRequest = { readonly type: 'write'; readonly id: number; readonly statements: readonly StatementInput[] } | { readonly type: 'close' };

export type UnitResult =
  | { readonly id: number; readonly ok: true; readonly outputs: StatementOutput[] }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly code: string | undefined };

export type PlatformWriteReply = { readonly type: 'done'; readonly results: UnitResult[] } | { readonly type: 'closed' };
