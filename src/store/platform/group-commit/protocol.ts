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

/** A unit of writes: its statements apply together or not at all. */
export interface WriteUnit {
  readonly id: number;
  readonly statements: readonly StatementInput[];
}

/** The units of one turn of the main thread's event loop travel in one message. */
export type PlatformWriteRequest = { readonly type: 'write'; readonly units: readonly WriteUnit[] } | { readonly type: 'close' };

export type UnitResult =
  | { readonly id: number; readonly ok: true; readonly outputs: StatementOutput[] }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly code: string | undefined };

export type PlatformWriteReply = { readonly type: 'done'; readonly results: UnitResult[] } | { readonly type: 'closed' };
