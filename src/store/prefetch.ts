// What a commit must read before the engine runs: the accounts, transfers and holds its events
// name. Stores look these up in a few set-based queries instead of one query per event.

import { TransferFlags, type CommitPlan, type LedgerOperation, type Transfer } from '../ledger/index.js';

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

/**
 * Splits the transfer ids to read into those that may be stored and those that cannot be: ids
 * above the highest id ever stored. Clients that make ids rising with time, as TigerBeetle
 * recommends, so send new transfers that cost no lookup at all.
 */
export function splitByMaxId(ids: ReadonlySet<bigint>, maxStoredId: bigint): { readonly lookUp: bigint[]; readonly absent: bigint[] } {
  const lookUp: bigint[] = [];
  const absent: bigint[] = [];
  for (const id of ids) (id > maxStoredId ? absent : lookUp).push(id);
  return { lookUp, absent };
}

/** The highest transfer id stored once the plan is written. */
export function maxTransferIdAfter(plan: CommitPlan, maxBefore: bigint): bigint {
  let max = maxBefore;
  for (const transfer of plan.transfersCreated) if (transfer.id > max) max = transfer.id;
  return max;
}
