// A commit's writes as the main thread hands them to the writer thread: binary rows per table
// (binary-rows.ts), encoded from the engine's plan, and applied by the writer in one transaction.

import type { Account, CommitPlan } from '../../ledger/index.js';
import type { BalanceHeads } from './balance-history.js';
import { RowReader, RowWriter } from './binary-rows.js';
import { decodeU128, encodeHoldStatus, encodeU128, type U128Value } from './codec.js';
import type { Statements } from './statements.js';
import { blockIndexEntries, transferIdKey, transferRecordBytes, transferRecordIdOffset, transfersPerBlock } from './transfer-blocks.js';

// Row sizes in bytes (u128 16, i64 8, u32 4), to size the buffers once.
const accountRowBytes = 16 + 4 + 4 + 4 + 16 + 8 + 4 + 4 * 16 + 8 + 8;
const holdRowBytes = 16 + 4 + 8 + 8;
const balanceRowBytes = 16 + 8 + 4 * 16;
const accountLogEntryBytes = 16 + 4 + 4 * 16 + 8;
const u64Max = (1n << 64n) - 1n;

export interface WriteJob {
  readonly type: 'commit';
  /** Jobs of an epoch that had a failed commit are dropped; the main thread starts a new epoch. */
  readonly epoch: number;
  readonly sequence: number;
  readonly accountsCreated: ArrayBuffer;
  /** The commit's transfers: records in timestamp order (transfer-blocks.ts). */
  readonly transfers: ArrayBuffer;
  /** The new state of every stored account the commit changed: one row of the account log. */
  readonly accountLog: ArrayBuffer;
  readonly holds: ArrayBuffer;
  readonly balances: ArrayBuffer;
  readonly lastTimestamp: bigint;
  /** The highest transfer id stored before this commit and after it. */
  readonly maxTransferIdBefore: bigint;
  readonly maxTransferId: bigint;
}

/** An account's state after a commit, as the account log keeps it. */
export interface LoggedAccount {
  readonly account: Account;
  readonly head: bigint;
  /** The id's high 64 bits (`id >> 64n`), computed once per account rather than for every row that names it. */
  readonly idHigh: bigint;
}

export function encodeWriteJob(
  identity: { readonly epoch: number; readonly sequence: number },
  plan: CommitPlan,
  /** The commit's transfer records, chained (SqliteCommitter.changes). */
  transfers: ArrayBuffer,
  created: readonly LoggedAccount[],
  changed: readonly LoggedAccount[],
  state: { readonly lastTimestamp: bigint; readonly maxTransferIdBefore: bigint; readonly maxTransferId: bigint },
): WriteJob {
  const accounts = new RowWriter(created.length * accountRowBytes);
  for (const { account, head } of created) {
    accounts.u128(account.id);
    accounts.u32(account.ledger);
    accounts.u32(account.code);
    accounts.u32(account.flags);
    accounts.u128(account.userData128);
    accounts.i64(account.userData64);
    accounts.u32(account.userData32);
    writeBalances(accounts, account);
    accounts.i64(account.timestamp);
    accounts.i64(head);
  }
  const holds = new RowWriter(plan.pendingChanges.size * holdRowBytes);
  for (const [id, hold] of plan.pendingChanges) {
    holds.u128(id);
    holds.u32(encodeHoldStatus(hold.status));
    holds.i64(hold.expiresAt);
    holds.i64(hold.resolvedAt);
  }
  const balances = new RowWriter(plan.balances.length * balanceRowBytes);
  for (const balance of plan.balances) {
    balances.u128(balance.accountId);
    balances.i64(balance.timestamp);
    writeBalances(balances, balance);
  }
  return {
    type: 'commit',
    ...identity,
    accountsCreated: accounts.finish(),
    transfers,
    accountLog: encodeAccountLog(changed),
    holds: holds.finish(),
    balances: balances.finish(),
    ...state,
  };
}

function writeBalances(
  writer: RowWriter,
  balances: { debitsPending: bigint; debitsPosted: bigint; creditsPending: bigint; creditsPosted: bigint },
): void {
  writer.u128(balances.debitsPending);
  writer.u128(balances.debitsPosted);
  writer.u128(balances.creditsPending);
  writer.u128(balances.creditsPosted);
}

/** One account-log row: id, flags, four balances and chain head of each changed account. */
export function encodeAccountLog(changed: readonly LoggedAccount[]): ArrayBuffer {
  // Written at fixed offsets (one entry per changed account, thousands per commit); the buffer
  // starts zeroed, so zero halves are not written.
  const buffer = new ArrayBuffer(changed.length * accountLogEntryBytes);
  const view = new DataView(buffer);
  let at = 0;
  for (let index = 0; index < changed.length; index++) {
    const { account, head, idHigh } = changed[index]!;
    view.setBigUint64(at, account.id, true);
    if (idHigh !== 0n) view.setBigUint64(at + 8, idHigh, true);
    view.setUint32(at + 16, account.flags, true);
    setU128(view, at + 20, account.debitsPending);
    setU128(view, at + 36, account.debitsPosted);
    setU128(view, at + 52, account.creditsPending);
    setU128(view, at + 68, account.creditsPosted);
    view.setBigInt64(at + 84, head, true);
    at += accountLogEntryBytes;
  }
  return buffer;
}

function setU128(view: DataView, offset: number, value: bigint): void {
  if (value === 0n) return;
  view.setBigUint64(offset, value, true);
  if (value > u64Max) view.setBigUint64(offset + 8, value >> 64n, true);
}

/** An account-log entry, as bind values for the accounts table. */
export interface AccountLogEntry {
  readonly id: U128Value;
  readonly flags: number;
  readonly debitsPending: U128Value;
  readonly debitsPosted: U128Value;
  readonly creditsPending: U128Value;
  readonly creditsPosted: U128Value;
  readonly head: bigint;
}

/**
 * Adds to `latest` the entries of one account-log row whose account it does not hold yet. Rows are
 * read newest first, so an account already held has a newer state: its entry is skipped, not decoded.
 */
export function decodeAccountLogInto(buffer: ArrayBuffer, latest: Map<bigint, AccountLogEntry>): void {
  const reader = new RowReader(buffer);
  while (!reader.done) {
    const id = reader.u128();
    if (latest.has(id)) {
      reader.skip(accountLogEntryBytes - 16);
      continue;
    }
    latest.set(id, {
      id: encodeU128(id),
      flags: reader.u32(),
      debitsPending: reader.u128Value(),
      debitsPosted: reader.u128Value(),
      creditsPending: reader.u128Value(),
      creditsPosted: reader.u128Value(),
      head: reader.i64(),
    });
  }
}

/**
 * Writes the commit's transfers (records in timestamp order) as blocks of `transfersPerBlock`: one
 * row per block, and one statement per block that cuts the ids out of it for the id index.
 */
function insertTransferBlocks(statements: Statements, transfers: ArrayBuffer, maxTransferIdBefore: bigint): void {
  const bytes = Buffer.from(transfers);
  const view = new DataView(transfers);
  const blockBytes = transfersPerBlock * transferRecordBytes;
  // The highest id stored so far, as index key bytes; blockIndexEntries raises it as runs pass.
  const max = transferIdKey(maxTransferIdBefore);
  const idAt = (data: Buffer, slot: number) => data.subarray(slot * transferRecordBytes + transferRecordIdOffset, slot * transferRecordBytes + transferRecordIdOffset + 16);
  for (let offset = 0; offset < bytes.byteLength; offset += blockBytes) {
    const data = bytes.subarray(offset, Math.min(bytes.byteLength, offset + blockBytes));
    const block = view.getBigInt64(offset, true);
    statements.insertTransferBlock.run(block, data);
    const { runs, singles } = blockIndexEntries(data, max);
    if (runs.length === 0) {
      statements.insertTransferIds.run({ data, block, count: data.byteLength / transferRecordBytes });
      continue;
    }
    for (const run of runs) statements.insertTransferRun.run(idAt(data, run.first), idAt(data, run.last), block, run.first, run.last - run.first + 1);
    for (const slot of singles) statements.insertTransferId.run(idAt(data, slot), block, slot);
  }
}

/** The balance snapshots of a job, in timestamp order. */
function* balanceSnapshots(buffer: ArrayBuffer) {
  const reader = new RowReader(buffer);
  while (!reader.done) {
    yield { accountId: reader.u128Value(), timestamp: reader.i64(), balances: [reader.u128Value(), reader.u128Value(), reader.u128Value(), reader.u128Value()] };
  }
}

/** Writes a job's rows (inside the caller's transaction). */
export function applyWriteJob(statements: Statements, balanceHeads: BalanceHeads, job: WriteJob): void {
  // Runs of ids are safe only above every stored id (transfer_runs has no unique key to refuse a
  // duplicate): a commit computed on another idea of the highest id than the store's is refused.
  const stored = decodeU128((statements.ledgerState.get() as { max_transfer_id: U128Value }).max_transfer_id);
  if (stored !== job.maxTransferIdBefore) {
    throw new Error(`the store's highest transfer id is ${stored}, not ${job.maxTransferIdBefore} as this commit was computed on: another writer changed the ledger`);
  }
  const accounts = new RowReader(job.accountsCreated);
  while (!accounts.done) {
    statements.insertAccount.run(
      accounts.u128Value(), accounts.u32(), accounts.u32(), accounts.u32(), accounts.u128Value(), accounts.i64(), accounts.u32(),
      accounts.u128Value(), accounts.u128Value(), accounts.u128Value(), accounts.u128Value(), accounts.i64(), accounts.i64(),
    );
  }
  // Balance snapshots before the transfers: a commit that fails on a transfer has moved the heads
  // the writer keeps, which it must then forget (balance-history.test.ts).
  if (job.balances.byteLength > 0) balanceHeads.append(balanceSnapshots(job.balances));
  insertTransferBlocks(statements, job.transfers, job.maxTransferIdBefore);
  if (job.accountLog.byteLength > 0) statements.appendAccountLog.run(Buffer.from(job.accountLog));
  const holds = new RowReader(job.holds);
  while (!holds.done) statements.upsertHold.run(holds.u128Value(), holds.u32(), holds.i64(), holds.i64());
  statements.setLedgerState.run(job.lastTimestamp, encodeU128(job.maxTransferId));
}
