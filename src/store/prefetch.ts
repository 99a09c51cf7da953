// What a commit must read before the engine runs: the accounts, transfers and holds its events
// name. Stores look these up in a few set-based queries instead of one query per event.

import { TransferFlags, type CommitPlan, type LedgerOperation, type Transfer } from '../ledger/index.js';

/** Accounts named by the events: created, or debited and credited. */
export function referencedAccountIds(operations: readonly LedgerOperation[]): Set<bigint> {
  const ids = new Set<bigint>();
  for (const operation of operations) {
    if (operation.kind === 'create_accounts') {
      for (const event of operation.events) ids.add(event.id);
      continue;
    }
    for (const event of operation.events) {
      ids.add(event.debitAccountId);
      ids.add(event.creditAccountId);
    }
  }
  return ids;
}

/**
 * Transfer ids the commit must look up: the events' ids and the holds they post or void, and the
 * due holds. Ids above the highest id ever stored cannot exist and are left out, so clients that
 * make ids rising with time, as TigerBeetle recommends, send new transfers that cost no lookup.
 */
export function transferIdsToLookUp(operations: readonly LedgerOperation[], dueHoldIds: readonly bigint[], maxStoredId: bigint): bigint[] {
  const ids = [...dueHoldIds];
  for (const operation of operations) {
    if (operation.kind !== 'create_transfers') continue;
    for (const event of operation.events) {
      if (event.id <= maxStoredId) ids.push(event.id);
      if (event.pendingId !== 0n && event.pendingId <= maxStoredId) ids.push(event.pendingId);
    }
  }
  return ids;
}

/** Accounts of stored pending transfers that the events resolve: needed for the second read. */
export function holdAccountIds(transfers: Iterable<Transfer>): bigint[] {
  const ids: bigint[] = [];
  for (const transfer of transfers) {
    if ((transfer.flags & TransferFlags.pending) === 0) continue;
    ids.push(transfer.debitAccountId, transfer.creditAccountId);
  }
  return ids;
}

/** The highest transfer id stored once the plan is written. */
export function maxTransferIdAfter(plan: CommitPlan, maxBefore: bigint): bigint {
  let max = maxBefore;
  for (const transfer of plan.transfersCreated) if (transfer.id > max) max = transfer.id;
  return max;
}
