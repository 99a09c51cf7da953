// One commit of the ledger: expire due holds, then run each operation's batch in order, against
// committed state read through a LedgerReader. Pure: time and state are passed in.

import { executeChained } from './chain.js';
import { createAccount, isUint16, type EngineOptions } from './create-accounts.js';
import { createTransfer } from './create-transfers.js';
import { expirePendingTransfers } from './expire.js';
import { AccountFlags, TransferFlags } from './flags.js';
import { batchEventsMax } from './limits.js';
import type { CreateAccountResult, CreateTransferResult } from './result-codes.js';
import type { AccountInput, TransferInput } from './types.js';
import { Workspace, type CommitPlan, type LedgerReader } from './workspace.js';

export type LedgerOperation =
  | { readonly kind: 'create_accounts'; readonly events: readonly AccountInput[] }
  | { readonly kind: 'create_transfers'; readonly events: readonly TransferInput[] };

export type OperationResults = readonly CreateAccountResult[] | readonly CreateTransferResult[];

export interface CommitInput {
  readonly operations: readonly LedgerOperation[];
  /** The first timestamp this commit may use: after the last commit's, and not before now. */
  readonly timestampFirst: bigint;
  /** Holds the store found due (expiry at or before `timestampFirst`). */
  readonly dueHoldIds: readonly bigint[];
}

export interface CommitOutput {
  /** One list of results per operation, one result per event. */
  readonly results: readonly OperationResults[];
  readonly plan: CommitPlan;
  readonly expired: number;
}

export function executeCommit(reader: LedgerReader, input: CommitInput, options: EngineOptions = {}): CommitOutput {
  let transferEvents = 0;
  for (const operation of input.operations) if (operation.kind === 'create_transfers' && operation.events.length <= batchEventsMax) transferEvents += operation.events.length;
  const workspace = new Workspace(reader, input.timestampFirst, transferEvents);
  const expired = expirePendingTransfers(workspace, input.dueHoldIds, input.timestampFirst);
  const results = input.operations.map((operation): OperationResults => {
    // A batch refused whole never runs, so it takes no timestamps.
    if (operation.events.length > batchEventsMax) return operation.events.map(() => 'batch_too_long' as const);
    if (operation.kind === 'create_accounts') {
      return executeChained(workspace, operation.events, isLinkedAccount, (event, timestamp) =>
        createAccount(workspace, event, timestamp, options),
      );
    }
    return executeChained(workspace, operation.events, isLinkedTransfer, (event, timestamp) =>
      createTransfer(workspace, event, timestamp),
    );
  });
  return { results, plan: workspace.plan(), expired };
}

// Flags that are not a valid u16 do not link: such an event fails alone with flags_out_of_range.
function isLinkedAccount(event: AccountInput): boolean {
  return isUint16(event.flags) && (event.flags & AccountFlags.linked) !== 0;
}

function isLinkedTransfer(event: TransferInput): boolean {
  return isUint16(event.flags) && (event.flags & TransferFlags.linked) !== 0;
}
