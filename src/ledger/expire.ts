// Expiry of holds whose timeout has passed: the pending amount goes back, as if voided.

import { reopenClosedAccounts } from './post-or-void.js';
import type { Workspace } from './workspace.js';

/**
 * Expires the given holds (the store finds those due). A hold already resolved, not yet due, or
 * unknown is skipped, so a list that went stale is harmless. Returns how many expired.
 */
export function expirePendingTransfers(workspace: Workspace, holdIds: readonly bigint[], now: bigint): number {
  let expired = 0;
  for (const id of holdIds) {
    const state = workspace.pending(id);
    const hold = workspace.transfer(id);
    if (state === undefined || hold === undefined) continue;
    if (state.status !== 'pending' || state.expiresAt === 0n || state.expiresAt > now) continue;
    const debit = workspace.slot(hold.debitAccountId);
    const credit = workspace.slot(hold.creditAccountId);
    if (debit < 0 || credit < 0) throw new Error(`ledger: accounts of hold ${id} are missing`);
    const timestamp = workspace.tick();
    workspace.adjust(debit, timestamp, -hold.amount, 0n, 0n, 0n);
    workspace.adjust(credit, timestamp, 0n, 0n, -hold.amount, 0n);
    workspace.setPending(id, { status: 'expired', expiresAt: state.expiresAt, resolvedAt: timestamp });
    reopenClosedAccounts(workspace, hold, debit, credit);
    expired += 1;
  }
  return expired;
}
