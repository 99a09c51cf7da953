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

/** Accounts kept in memory; past that, settled ones are dropped (oldest first) and read again when needed. */
export const accountEntriesMax = 1_000_000;

/** An account's state with its chain head, and the commit that last changed it (-1: read from disk). */
interface AccountEntry extends LoggedAccount {
  readonly sequence: number;
}

interface LedgerPosition {
  lastTimestamp: bigint;
  maxTransferId: bigint;
}

export class SqliteCommitter {
  /** The latest state of accounts in use: committed, or changed by a commit still in flight. */
  private readonly current = new Map<bigint, AccountEntry>();
  /** Committed state of the accounts in the account log, not yet folded into their rows. */
  private readonly logged = new Map<bigint, AccountEntry>();
  /**
   * The changed accounts of each acknowledged commit not yet in `logged`, oldest first. They are
   * put there only when an account is looked up in it, which the pipeline does only for accounts
   * dropped from `current`: most commits never pay for a map entry per account.
   */
  private loggedCommits: { readonly sequence: number; readonly changed: readonly AccountEntry[] }[] = [];
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
    private readonly options: EngineOptions,
  ) {
    const state = statements.ledgerState.get() as { last_timestamp: bigint; max_transfer_id: U128Value };
    this.committed = { lastTimestamp: state.last_timestamp, maxTransferId: decodeU128(state.max_transfer_id) };
    this.pipeline = { ...this.committed };
    this.writer = new SqliteWriter(
      path,
      (through) => {
        this.loggedCommits = this.loggedCommits.filter((commit) => commit.sequence > through);
        for (const [id, entry] of this.logged) if (entry.sequence <= through) this.logged.delete(id);
      },
      (message) => process.emitWarning(`Zhifu: folding the SQLite account log failed (it will be retried): ${message}`),
    );
  }

  /** An account as committed (durable), with its chain head. */
  committedAccount(id: bigint): LoggedAccount | undefined {
    const entry = this.current.get(id);
    if (entry !== undefined && entry.sequence <= this.acknowledged) return entry;
    return this.loggedAccount(id) ?? this.readAccount(id);
  }

  commit(operations: readonly LedgerOperation[], now: bigint): Promise<CommitOutcome> {
    const timestampFirst = now > this.pipeline.lastTimestamp ? now : this.pipeline.lastTimestamp + 1n;
    const dueHoldIds = (this.statements.dueHolds.all(timestampFirst, expiryBatchMax) as U128Value[]).map(decodeU128);
    const maxTransferId = this.pipeline.maxTransferId;
    const found = this.prefetchTransfers(transferIdsToLookUp(operations, dueHoldIds, maxTransferId));
    // The states the engine read, in order: the plan names each updated account by its place here.
    const reads: LoggedAccount[] = [];
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
    const job = encodeWriteJob({ epoch, sequence }, plan, transfers, created, changed, position);
    for (const entry of created) this.remember(entry);
    for (const entry of changed) this.remember(entry);
    this.inFlight.add(sequence, plan);
    this.pipeline = position;

    return this.writer.submit(job).then(
      () => {
        this.acknowledged = sequence;
        this.committed.lastTimestamp = position.lastTimestamp;
        this.committed.maxTransferId = position.maxTransferId;
        this.loggedCommits.push({ sequence, changed });
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

  /** Forgets every effect of the commits in flight. */
  private reset(): void {
    this.epoch += 1;
    this.inFlight.clear();
    this.pipeline = { ...this.committed };
    for (const [id, entry] of this.current) if (entry.sequence > this.acknowledged) this.current.delete(id);
  }

  /**
   * The commit's transfers linked into their accounts' chains, as block records, and the new state of the accounts it
   * created and of the stored accounts it changed (balances, flags, or only the chain head).
   */
  private changes(plan: CommitPlan, reads: readonly LoggedAccount[], sequence: number) {
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
      created[index] = { account: plan.accountsCreated[index]!, head: heads[slot]!, idHigh: idHighs[slot]!, sequence };
    }
    const changed: AccountEntry[] = new Array(updatedSlots.length);
    for (let index = 0; index < changed.length; index++) {
      const slot = updatedSlots[index]!;
      changed[index] = { account: plan.accountsUpdated[index]!, head: heads[slot]!, idHigh: idHighs[slot]!, sequence };
    }
    return { transfers: writer.finish(), created, changed };
  }

  private latestAccount(id: bigint): LoggedAccount | undefined {
    const entry = this.current.get(id);
    if (entry !== undefined) return entry;
    const loaded = this.loggedAccount(id) ?? this.readAccount(id);
    if (loaded !== undefined) this.remember({ ...loaded, sequence: -1 });
    return loaded;
  }

  /** An account's committed state in the account log, if it is there. */
  private loggedAccount(id: bigint): AccountEntry | undefined {
    // Oldest first, so that a later commit's state of an account replaces an earlier one's.
    for (const commit of this.loggedCommits) for (const entry of commit.changed) this.logged.set(entry.account.id, entry);
    this.loggedCommits = [];
    return this.logged.get(id);
  }

  private remember(entry: AccountEntry): void {
    this.current.set(entry.account.id, entry);
    if (this.current.size <= accountEntriesMax) return;
    // Drop the oldest entry if it is settled; one still in flight stays, and the map stays over
    // its size until it settles.
    const oldest = this.current.entries().next();
    if (!oldest.done && oldest.value[1].sequence <= this.acknowledged) this.current.delete(oldest.value[0]);
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

