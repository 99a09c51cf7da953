// What a commit must read before the engine runs: the accounts, transfers and holds its events
// name. Stores look these up in a few set-based queries instead of one query per event.

import { TransferFlags, type LedgerOperation, type Transfer } from '../ledger/index.js';

export interface References {
  readonly accountIds: Set<bigint>;
  readonly transferIds: Set<bigint>;
}

/** Ids named directly by the events (and the due holds), before any stored row is read. */
export function directReferences(operations: readonly LedgerOperation[], dueHoldIds: readonly bigint[]): References {
  const accountIds = new Set<bigint>();
  const transferIds = new Set<bigint>(dueHoldIds);
  for (const operation of operations) {
    if (operation.kind === 'create_accounts') {
      for (const event of operation.events) accountIds.add(event.id);
      continue;
    }
    for (const event of operation.events) {
      transferIds.add(event.id);
      if (event.pendingId !== 0n) transferIds.add(event.pendingId);
      accountIds.add(event.debitAccountId);
      accountIds.add(event.creditAccountId);
    }
  }
  return { accountIds, transferIds };
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
