// The commit pipeline of the SQLite owner. The main thread runs the engine against the latest
// state (committed, plus the effects of commits still in flight), encodes the writes, and hands
// them to the writer thread; while the writer makes one commit durable, the engine already runs
// the next. Callers are answered only when their commit is durable. A failed commit drops the
// commits computed on top of it, and the pipeline starts again from the committed state.

import {
  executeCommit,
  expiryBatchMax,
  type CommitPlan,
  type EngineOptions,
  type LedgerOperation,
  type Transfer,
} from '../../ledger/index.js';
import { maxTransferIdAfter, transferIdsToLookUp } from '../prefetch.js';
import type { CommitOutcome } from '../store.js';
import { decodeAccount, decodeHold, decodeU128, encodeU128 } from './codec.js';
import type { AccountRow, HoldRow, U128Value } from './codec.js';
import { RowWriter } from './binary-rows.js';
import { InFlight } from './in-flight.js';
import type { Statements } from './statements.js';
import { transferRecordBytes, writeTransferRecord } from './transfer-blocks.js';
import { readTransfer, readTransfersIn } from './transfer-reads.js';
import { encodeWriteJob, type LoggedAccount } from './write-job.js';
import { SqliteWriter } from './writer.js';

/** Accounts kept in memory by default; past that, settled ones are dropped (oldest first) and read again when needed. */
export const accountEntriesMax = 1_000_000;

/** An account's state with its chain head, and the commit that last changed it (-1: read from disk). */
interface AccountEntry extends LoggedAccount {
  readonly sequence: number;
  /**
   * The account's state before this commit, while this commit is not yet durable (it is the state
   * to return to if the commit fails); cut once this commit is durable, so that old states die.
   */
  previous: AccountEntry | undefined;
}

interface LedgerPosition {
  lastTimestamp: bigint;
  maxTransferId: bigint;
}

export class SqliteCommitter {
  /** The latest state of accounts in use: committed, or changed by a commit still in flight. */
  private readonly current = new Map<bigint, AccountEntry>();
  /**
   * Committed states dropped from `current` whose commit may not be folded into the accounts table
   * yet (the account log holds them): they are read from here, not from their stale rows.
   */
  private readonly logged = new Map<bigint, AccountEntry>();
  private readonly inFlight = new InFlight();
  private readonly writer: SqliteWriter;
  private readonly committed: LedgerPosition;
  /** The position after every commit handed to the writer, durable or not. */
  private pipeline: LedgerPosition;
  private epoch = 0;
  private sequenceNext = 0;
  /** The last commit the writer made durable. */
  private acknowledged = -1;

  constructor(
    path: string,
    private readonly statements: Statements,
    private readonly options: EngineOptions & { readonly accountsInMemoryMax?: number },
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

  /** An account as committed (durable), with its chain head. */
  committedAccount(id: bigint): LoggedAccount | undefined {
    let entry = this.current.get(id);
    // An entry of a commit in flight links back to the durable state (none: created in flight).
    if (entry !== undefined) {
      while (entry !== undefined && entry.sequence > this.acknowledged) entry = entry.previous;
      return entry;
    }
    return this.logged.get(id) ?? this.readAccount(id);
  }

  commit(operations: readonly LedgerOperation[], now: bigint): Promise<CommitOutcome> {
    const timestampFirst = now > this.pipeline.lastTimestamp ? now : this.pipeline.lastTimestamp + 1n;
    const dueHoldIds = (this.statements.dueHolds.all(timestampFirst, expiryBatchMax) as U128Value[]).map(decodeU128);
    const maxTransferId = this.pipeline.maxTransferId;
    const found = this.prefetchTransfers(transferIdsToLookUp(operations, dueHoldIds, maxTransferId));
    // The states the engine read, in order: the plan names each updated account by its place here.
    const reads: AccountEntry[] = [];
    const output = executeCommit(
      {
        account: (id) => {
          const latest = this.latestAccount(id);
          if (latest === undefined) return undefined;
          reads.push(latest);
          return latest.account;
        },
        // An id above every id stored or in flight cannot exist (the engine sees this commit's own).
        transfer: (id) => (id > maxTransferId ? undefined : (this.inFlight.transfer(id) ?? (found.has(id) ? found.get(id) : this.readTransfer(id)))),
        pending: (id) => this.inFlight.hold(id) ?? this.readHold(id),
      },
      { operations, timestampFirst, dueHoldIds },
      this.options,
    );
    const plan = output.plan;
    const { results, expired } = output;
    const sequence = this.sequenceNext++;
    const { transfers, created, changed } = this.changes(plan, reads, sequence);
    const position: LedgerPosition = {
      lastTimestamp: plan.lastTimestamp > this.pipeline.lastTimestamp ? plan.lastTimestamp : this.pipeline.lastTimestamp,
      maxTransferId: maxTransferIdAfter(plan, this.pipeline.maxTransferId),
    };
    const epoch = this.epoch;
    const job = encodeWriteJob({ epoch, sequence }, plan, transfers, created, changed, { ...position, maxTransferIdBefore: maxTransferId });
    for (const entry of created) this.remember(entry);
    for (const entry of changed) this.remember(entry);
    this.inFlight.add(sequence, plan);
    this.pipeline = position;

    return this.writer.submit(job).then(
      () => {
        this.acknowledged = sequence;
        // These states are durable now: the states before them are no longer needed.
        for (let index = 0; index < changed.length; index++) changed[index]!.previous = undefined;
        this.committed.lastTimestamp = position.lastTimestamp;
        this.committed.maxTransferId = position.maxTransferId;
        this.inFlight.release(sequence);
        return { results, expired, lastTimestamp: position.lastTimestamp };
      },
      (error: unknown) => {
        // The first failure of an epoch resets the pipeline to the committed state; the commits
        // dropped after it end here too, and find it reset already.
        if (epoch === this.epoch) this.reset();
        throw error;
      },
    );
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  /** Forgets every effect of the commits in flight: each account goes back to its durable state. */
  private reset(): void {
    this.epoch += 1;
    this.inFlight.clear();
    this.pipeline = { ...this.committed };
    for (const [id, entry] of this.current) {
      if (entry.sequence <= this.acknowledged) continue;
      let durable = entry.previous;
      while (durable !== undefined && durable.sequence > this.acknowledged) durable = durable.previous;
      if (durable === undefined) this.current.delete(id);
      else this.current.set(id, durable);
    }
  }

  /**
   * The commit's transfers linked into their accounts' chains, as block records, and the new state of the accounts it
   * created and of the stored accounts it changed (balances, flags, or only the chain head).
   */
  private changes(plan: CommitPlan, reads: readonly AccountEntry[], sequence: number) {
    // Each account's chain head and id high half by the plan's slot for it (the engine names each
    // transfer's accounts by slot): linking a transfer into its accounts' chains then costs no
    // lookup by u128 id, which hashes a BigInt.
    const heads: bigint[] = new Array(plan.slotCount);
    const idHighs: bigint[] = new Array(plan.slotCount);
    const createdSlots = plan.accountsCreatedSlots;
    for (let index = 0; index < createdSlots.length; index++) {
      const slot = createdSlots[index]!;
      heads[slot] = 0n;
      idHighs[slot] = plan.accountsCreated[index]!.id >> 64n;
    }
    const updatedSlots = plan.accountsUpdatedSlots;
    for (let index = 0; index < updatedSlots.length; index++) {
      const slot = updatedSlots[index]!;
      const latest = reads[plan.accountsUpdatedReads[index]!]!;
      heads[slot] = latest.head;
      idHighs[slot] = latest.idHigh;
    }
    const transfers = plan.transfersCreated;
    const transferSlots = plan.transferSlots;
    const writer = new RowWriter(transfers.length * transferRecordBytes);
    for (let index = 0; index < transfers.length; index++) {
      const transfer = transfers[index]!;
      const debit = transferSlots[2 * index]!;
      const credit = transferSlots[2 * index + 1]!;
      // The engine lists every account a transfer moves money on as created or updated.
      const debitHead = heads[debit];
      const creditHead = heads[credit];
      if (debitHead === undefined || creditHead === undefined) throw new Error(`ledger: the accounts of transfer ${transfer.id} are not in the plan`);
      writeTransferRecord(writer, transfer, debitHead, creditHead, idHighs[debit], idHighs[credit]);
      heads[debit] = transfer.timestamp;
      heads[credit] = transfer.timestamp;
    }
    const created: AccountEntry[] = new Array(createdSlots.length);
    for (let index = 0; index < created.length; index++) {
      const slot = createdSlots[index]!;
      created[index] = { account: plan.accountsCreated[index]!, head: heads[slot]!, idHigh: idHighs[slot]!, sequence, previous: undefined };
    }
    const changed: AccountEntry[] = new Array(updatedSlots.length);
    for (let index = 0; index < changed.length; index++) {
      const slot = updatedSlots[index]!;
      const before = reads[plan.accountsUpdatedReads[index]!]!;
      // A durable state before this one is the last one needed: the chain ends there.
      if (before.sequence <= this.acknowledged) before.previous = undefined;
      changed[index] = { account: plan.accountsUpdated[index]!, head: heads[slot]!, idHigh: idHighs[slot]!, sequence, previous: before };
    }
    return { transfers: writer.finish(), created, changed };
  }

  private latestAccount(id: bigint): AccountEntry | undefined {
    const entry = this.current.get(id);
    if (entry !== undefined) return entry;
    let loaded = this.logged.get(id);
    if (loaded === undefined) {
      const stored = this.readAccount(id);
      if (stored === undefined) return undefined;
      loaded = { ...stored, sequence: -1, previous: undefined };
    }
    this.remember(loaded);
    return loaded;
  }

  private remember(entry: AccountEntry): void {
    this.current.set(entry.account.id, entry);
    if (this.current.size <= (this.options.accountsInMemoryMax ?? accountEntriesMax)) return;
    // Drop the oldest entry if it is settled; one still in flight stays, and the map stays over
    // its size until it settles. A dropped state may not be folded into its row yet: it is kept
    // with the logged states until the fold of its commit.
    const oldest = this.current.entries().next();
    if (oldest.done || oldest.value[1].sequence > this.acknowledged) return;
    this.current.delete(oldest.value[0]);
    if (oldest.value[1].sequence >= 0) this.logged.set(oldest.value[0], oldest.value[1]);
  }

  private readAccount(id: bigint): LoggedAccount | undefined {
    const row = this.statements.account.get(encodeU128(id)) as AccountRow | undefined;
    if (row === undefined) return undefined;
    const account = decodeAccount(row);
    return { account, head: row.last_transfer_timestamp, idHigh: account.id >> 64n };
  }

  /** Reads, in one query, which of the given transfer ids are stored. */
  private prefetchTransfers(ids: readonly bigint[]): Map<bigint, Transfer | undefined> {
    const found = new Map<bigint, Transfer | undefined>();
    const missing = ids.filter((id) => this.inFlight.transfer(id) === undefined);
    if (missing.length === 0) return found;
    for (const id of missing) found.set(id, undefined);
    for (const transfer of readTransfersIn(this.statements, missing)) found.set(transfer.id, transfer);
    return found;
  }

  private readTransfer(id: bigint): Transfer | undefined {
    return readTransfer(this.statements, id);
  }

  private readHold(id: bigint) {
    const row = this.statements.hold.get(encodeU128(id)) as HoldRow | undefined;
    return row === undefined ? undefined : decodeHold(row);
  }
}

