// Listing an account's transfers. Each stored transfer points to the previous transfer of its
// debit account and of its credit account, and each account to its latest transfer, so that
// writing a transfer appends rows only, with no per-account index to update at random places
// (which capped SQLite below 100,000 transfers/s). A listing walks that chain from the newest.

import type { AccountFilter, Transfer } from '../ledger/index.js';

/** A stored transfer with the chain pointers of its two accounts (0n where there is none). */
export interface ChainedTransfer {
  readonly transfer: Transfer;
  readonly debitPrevious: bigint;
  readonly creditPrevious: bigint;
}

/** Reads up to `count` transfers of an account's chain, starting at `timestamp` and going back. */
export type ChainReader = (accountId: bigint, timestamp: bigint, count: number) => Promise<ChainedTransfer[]> | ChainedTransfer[];

/** Rows read from the chain per round trip. */
const chainChunkRows = 256;

/**
 * The transfers of `filter.accountId` that match the filter, oldest first (newest first when
 * reversed). Walks back from `head`, the account's latest transfer; an ascending listing walks
 * down to `timestampMin`, so its cost grows with the transfers after that point.
 */
export async function listAccountTransfers(filter: AccountFilter, head: bigint, read: ChainReader): Promise<Transfer[]> {
  const matches: Transfer[] = [];
  if (filter.limit <= 0 || head === 0n) return matches;
  let next = head;
  walk: while (next !== 0n && next >= filter.timestampMin) {
    const rows = await read(filter.accountId, next, chainChunkRows);
    if (rows.length === 0) break;
    for (const row of rows) {
      const transfer = row.transfer;
      if (transfer.timestamp < filter.timestampMin) break walk;
      const isDebit = transfer.debitAccountId === filter.accountId;
      next = isDebit ? row.debitPrevious : row.creditPrevious;
      if (transfer.timestamp > filter.timestampMax) continue;
      if (!(isDebit ? filter.debits : filter.credits)) continue;
      matches.push(transfer);
      if (filter.reversed && matches.length >= filter.limit) break walk;
    }
  }
  if (filter.reversed) return matches;
  matches.reverse();
  return matches.slice(0, filter.limit);
}

/**
 * Links the transfers of a commit into their accounts' chains. `headOf` gives an account's
 * latest transfer before this commit (0n for none). Returns the chained transfers in order and
 * every touched account's new head.
 */
export function chainTransfers(
  transfers: readonly Transfer[],
  headOf: (accountId: bigint) => bigint,
): { readonly chained: ChainedTransfer[]; readonly heads: Map<bigint, bigint> } {
  const heads = new Map<bigint, bigint>();
  const chained: ChainedTransfer[] = new Array(transfers.length);
  for (let index = 0; index < transfers.length; index++) {
    const transfer = transfers[index]!;
    const debitPrevious = heads.get(transfer.debitAccountId) ?? headOf(transfer.debitAccountId);
    const creditPrevious = heads.get(transfer.creditAccountId) ?? headOf(transfer.creditAccountId);
    heads.set(transfer.debitAccountId, transfer.timestamp);
    heads.set(transfer.creditAccountId, transfer.timestamp);
    chained[index] = { transfer, debitPrevious, creditPrevious };
  }
  return { chained, heads };
}

/** Timestamps are u64 in the ledger's model but stored as signed 64-bit: bounds past that are clamped. */
export const storedTimestampMax = (1n << 63n) - 1n;

export function clampTimestamp(value: bigint): bigint {
  return value > storedTimestampMax ? storedTimestampMax : value < 0n ? 0n : value;
}
