// The commit pipeline of the SQLite owner. The main thread runs the engine against committed state
// plus the effects of commits still in flight, encodes the writes, and hands them to the writer
// thread; while the writer makes one commit durable, the engine already runs the next. Callers are
// answered only when their commit is durable. A failed commit drops the commits computed on top of
// it, and the pipeline starts again from the committed state.

import { executeCommit, expiryBatchMax, type Account, type EngineOptions, type LedgerOperation, type Transfer } from '../../ledger/index.js';
import { AccountCache } from '../account-cache.js';
import { chainTransfers } from '../account-chain.js';
import { directReferences, maxTransferIdAfter, splitByMaxId } from '../prefetch.js';
import type { CommitOutcome } from '../store.js';
import { decodeAccount, decodeHold, decodeTransfer, decodeU128, encodeU128, u128JsonArray } from './codec.js';
import type { AccountRow, HoldRow, TransferRow, U128Value } from './codec.js';
import { InFlight, type AccountState } from './in-flight.js';
import type { Statements } from './statements.js';
import { encodeWriteJob } from './write-job.js';
import { SqliteWriter } from './writer.js';

interface LedgerPosition {
  lastTimestamp: bigint;
  maxTransferId: bigint;
}

export class SqliteCommitter {
  /** Accounts as committed (durable), recently used. */
  private readonly cache = new AccountCache();
  /** Accounts whose committed state is in the account log, not yet folded into their rows. */
  private readonly logged = new Map<bigint, AccountState & { readonly sequence: number }>();
  private readonly inFlight = new InFlight();
  private readonly writer: SqliteWriter;
  private readonly committed: LedgerPosition;
  /** The position after every commit handed to the writer, durable or not. */
  private pipeline: LedgerPosition;
  private epoch = 0;
  private sequenceNext = 0;

  constructor(
    path: string,
    private readonly statements: Statements,
    private readonly options: EngineOptions,
  ) {
    const state = statements.ledgerState.get() as { last_timestamp: bigint; max_transfer_id: U128Value };
    this.committed = { lastTimestamp: state.last_timestamp, maxTransferId: decodeU128(state.max_transfer_id) };
    this.pipeline = { ...this.committed };
    this.writer = new SqliteWriter(
      path,
      (through) => {
        for (const [id, entry] of this.logged) if (entry.sequence <= through) this.logged.delete(id);
      },
      (message) => process.emitWarning(`Zhifu: folding the SQLite account log failed (it will be retried): ${message}`),
    );
  }

  /** An account as committed, with its chain head; read from disk (and remembered) if not in memory. */
  committedAccount(id: bigint): AccountState | undefined {
    const cached = this.cache.get(id) ?? this.logged.get(id);
    if (cached !== undefined) return cached;
    const row = this.statements.account.get(encodeU128(id)) as AccountRow | undefined;
    if (row === undefined) return undefined;
    const account = decodeAccount(row);
    this.cache.set(account, row.last_transfer_timestamp);
    return { account, head: row.last_transfer_timestamp };
  }

  commit(operations: readonly LedgerOperation[], now: bigint): Promise<CommitOutcome> {
    const s = this.statements;
    const timestampFirst = now > this.pipeline.lastTimestamp ? now : this.pipeline.lastTimestamp + 1n;
    const dueHoldIds = (s.dueHolds.all(timestampFirst, expiryBatchMax) as U128Value[]).map(decodeU128);
    const found = this.prefetchTransfers(directReferences(operations, dueHoldIds).transferIds);
    const maxTransferId = this.pipeline.maxTransferId;
    const accountState = (id: bigint): AccountState | undefined => this.inFlight.account(id) ?? this.committedAccount(id);
    const output = executeCommit(
      {
        account: (id) => accountState(id)?.account,
        // An id above every id stored or in flight cannot exist (the engine sees this commit's own).
        transfer: (id) => (id > maxTransferId ? undefined : (this.inFlight.transfer(id) ?? (found.has(id) ? found.get(id) : this.readTransfer(id)))),
        pending: (id) => this.inFlight.hold(id) ?? this.readHold(id),
      },
      { operations, timestampFirst, dueHoldIds },
      this.options,
    );
    const plan = output.plan;
    const created = new Set(plan.accountsCreated.map((account) => account.id));
    const headOf = (id: bigint): bigint => (created.has(id) ? 0n : (accountState(id)?.head ?? 0n));
    const { chained, heads } = chainTransfers(plan.transfersCreated, headOf);
    const changed = changedAccounts(plan.accountsUpdated, heads, created, (id) => accountState(id)!);
    const createdStates = plan.accountsCreated.map((account) => ({ account, head: heads.get(account.id) ?? 0n }));

    const position: LedgerPosition = {
      lastTimestamp: plan.lastTimestamp > this.pipeline.lastTimestamp ? plan.lastTimestamp : this.pipeline.lastTimestamp,
      maxTransferId: maxTransferIdAfter(plan, this.pipeline.maxTransferId),
    };
    const identity = { epoch: this.epoch, sequence: this.sequenceNext++ };
    const job = encodeWriteJob(identity, plan, chained, (id) => heads.get(id) ?? 0n, changed, position);
    const states = new Map<bigint, AccountState>();
    for (const state of createdStates) states.set(state.account.id, state);
    for (const state of changed) states.set(state.account.id, state);
    this.inFlight.add(identity.sequence, plan, states);
    this.pipeline = position;

    return this.writer.submit(job).then(
      () => {
        this.committed.lastTimestamp = position.lastTimestamp;
        this.committed.maxTransferId = position.maxTransferId;
        for (const state of createdStates) this.cache.set(state.account, state.head);
        for (const state of changed) {
          this.cache.set(state.account, state.head);
          this.logged.set(state.account.id, { ...state, sequence: identity.sequence });
        }
        this.inFlight.release(identity.sequence);
        return { results: output.results, expired: output.expired, lastTimestamp: position.lastTimestamp };
      },
      (error: unknown) => {
        // The first failure of an epoch resets the pipeline to the committed state; the commits
        // dropped after it end here too, and find it reset already.
        if (identity.epoch === this.epoch) {
          this.epoch += 1;
          this.inFlight.clear();
          this.pipeline = { ...this.committed };
        }
        throw error;
      },
    );
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  /**
   * Reads, in one query, which of the transfer ids a commit names are stored. Ids above the highest
   * stored id cannot be, so they cost nothing.
   */
  private prefetchTransfers(ids: ReadonlySet<bigint>): Map<bigint, Transfer | undefined> {
    const found = new Map<bigint, Transfer | undefined>();
    const { lookUp } = splitByMaxId(ids, this.pipeline.maxTransferId);
    const missing = lookUp.filter((id) => this.inFlight.transfer(id) === undefined);
    for (const id of missing) found.set(id, undefined);
    if (missing.length === 0) return found;
    for (const row of this.statements.transfersIn.all(u128JsonArray(missing)) as TransferRow[]) {
      const transfer = decodeTransfer(row);
      found.set(transfer.id, transfer);
    }
    return found;
  }

  private readTransfer(id: bigint): Transfer | undefined {
    const row = this.statements.transfer.get(encodeU128(id)) as TransferRow | undefined;
    return row === undefined ? undefined : decodeTransfer(row);
  }

  private readHold(id: bigint) {
    const row = this.statements.hold.get(encodeU128(id)) as HoldRow | undefined;
    return row === undefined ? undefined : decodeHold(row);
  }
}

/**
 * Stored accounts the commit changed, with their new heads: those whose balances or flags changed,
 * and those whose only change is a new chain head (a balancing transfer of zero).
 */
function changedAccounts(
  updated: readonly Account[],
  heads: ReadonlyMap<bigint, bigint>,
  created: ReadonlySet<bigint>,
  current: (id: bigint) => AccountState,
): AccountState[] {
  const states = new Map<bigint, AccountState>();
  for (const account of updated) states.set(account.id, { account, head: heads.get(account.id) ?? current(account.id).head });
  for (const [id, head] of heads) {
    if (!created.has(id) && !states.has(id)) states.set(id, { account: current(id).account, head });
  }
  return [...states.values()];
}

