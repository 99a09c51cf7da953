// Transfers are stored in blocks: one `transfer_blocks` row holds up to `transfersPerBlock`
// fixed-width records of consecutive transfers (in timestamp order). The id index has two kinds of
// entries: `transfer_runs` holds runs of records whose ids rise above every id stored before them
// (one row per run, within a block), and `transfer_ids` maps every other id to its block and slot.
// A transfer then costs at most one small index entry plus its share of one row, instead of a
// 15-column row and an entry in a UNIQUE index.
//
// A record is 148 bytes, little-endian except the id, which is big-endian so that the bytes the
// writer cuts out of a block with substr() sort like the numbers (time-ordered ids append to the
// index). u128 values are two u64 halves; timestamps and user_data_64 are 64-bit words.

import type { Transfer } from '../../ledger/index.js';
import type { ChainedTransfer } from '../account-chain.js';
import type { RowWriter } from './binary-rows.js';


/** Transfers per block: a block (4,736 bytes) spans two 4 KiB pages, so reading one transfer reads two. */
export const transfersPerBlock = 32;

export const transferRecordBytes = 148;

const u64Max = (1n << 64n) - 1n;

/** Where the big-endian id starts in a record (after the timestamp). */
export const transferRecordIdOffset = 8;

export const insertTransferBlockSql = `INSERT INTO transfer_blocks (timestamp, data) VALUES (?, ?)`;

/**
 * The index entries of a block (@data, keyed by its first timestamp @block, @count records), with
 * the ids cut out of the block itself: no value per transfer crosses over from JavaScript.
 */
export const insertTransferIdsSql = `INSERT INTO transfer_ids (id, block, slot)
  WITH RECURSIVE slots (slot) AS (VALUES (0) UNION ALL SELECT slot + 1 FROM slots WHERE slot + 1 < @count)
  SELECT substr(@data, slot * ${transferRecordBytes} + ${transferRecordIdOffset + 1}, 16), @block, slot FROM slots`;

export const insertTransferIdSql = `INSERT INTO transfer_ids (id, block, slot) VALUES (?, ?, ?)`;

export const insertTransferRunSql = `INSERT INTO transfer_runs (first, last, block, slot, count) VALUES (?, ?, ?, ?, ?)`;

/** What a block adds to the id index: runs of rising ids, and single ids. */
export interface BlockIndexEntries {
  /** First and last record of each run (slots, inclusive). */
  readonly runs: { readonly first: number; readonly last: number }[];
  readonly singles: number[];
}

/**
 * Splits a block's records into runs and singles for the id index. A record joins a run when its id
 * is above `max`, the highest id stored before it (updated in place as records pass), so that runs
 * never overlap each other or any stored id; a run of one record is a single. Ids are compared as
 * their big-endian bytes, without making BigInts.
 */
export function blockIndexEntries(block: Uint8Array, max: Uint8Array): BlockIndexEntries {
  const runs: { first: number; last: number }[] = [];
  const singles: number[] = [];
  const count = block.byteLength / transferRecordBytes;
  let runFirst = -1;
  // Where the highest id so far is: in `max` (-1), or in the block (the last record of the current run).
  let maxAt = -1;
  const close = (last: number): void => {
    if (runFirst < 0) return;
    if (last > runFirst) runs.push({ first: runFirst, last });
    else singles.push(runFirst);
    runFirst = -1;
  };
  for (let slot = 0; slot < count; slot++) {
    const at = slot * transferRecordBytes + transferRecordIdOffset;
    if ((maxAt < 0 ? compareIds(block, at, max, 0) : compareIds(block, at, block, maxAt)) > 0) {
      if (runFirst < 0) runFirst = slot;
      maxAt = at;
    } else {
      close(slot - 1);
      singles.push(slot);
    }
  }
  close(count - 1);
  if (maxAt >= 0) max.set(block.subarray(maxAt, maxAt + 16));
  return { runs, singles };
}

/** Compares two 16-byte big-endian ids, at `aOffset` of `a` and `bOffset` of `b` (negative, zero or positive). */
function compareIds(a: Uint8Array, aOffset: number, b: Uint8Array, bOffset: number): number {
  for (let index = 0; index < 16; index++) {
    const difference = a[aOffset + index]! - b[bOffset + index]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The slot of the record with this id (16 bytes, big-endian) among `count` records from `slot` of a run, or -1. */
export function findInRun(block: Uint8Array, slot: number, count: number, id: Uint8Array): number {
  let low = slot;
  let high = slot + count - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const order = compareIds(block, middle * transferRecordBytes + transferRecordIdOffset, id, 0);
    if (order === 0) return middle;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * Appends a transfer's record, with the previous transfers of its debit and credit accounts. A
 * caller that holds the high halves of the account ids (`id >> 64n`) passes them, to skip the shifts.
 */
export function writeTransferRecord(
  writer: RowWriter,
  t: Transfer,
  debitPrevious: bigint,
  creditPrevious: bigint,
  debitIdHigh: bigint = t.debitAccountId >> 64n,
  creditIdHigh: bigint = t.creditAccountId >> 64n,
): void {
  // Written field by field at fixed offsets (the hot path of a commit). The buffer starts zeroed,
  // so zero halves are not written; setBigUint64 keeps the low 64 bits of what it is given.
  const at = writer.claim(transferRecordBytes);
  const view = writer.dataView;
  view.setBigInt64(at, t.timestamp, true);
  if (t.id > u64Max) view.setBigUint64(at + 8, t.id >> 64n, false);
  view.setBigUint64(at + 16, t.id, false);
  view.setBigUint64(at + 24, t.debitAccountId, true);
  if (debitIdHigh !== 0n) view.setBigUint64(at + 32, debitIdHigh, true);
  view.setBigUint64(at + 40, t.creditAccountId, true);
  if (creditIdHigh !== 0n) view.setBigUint64(at + 48, creditIdHigh, true);
  writeU128(view, at + 56, t.amount);
  writeU128(view, at + 72, t.pendingId);
  writeU128(view, at + 88, t.userData128);
  if (t.userData64 !== 0n) view.setBigInt64(at + 104, t.userData64, true);
  view.setUint32(at + 112, t.userData32, true);
  view.setUint32(at + 116, t.timeout, true);
  view.setUint32(at + 120, t.ledger, true);
  view.setUint32(at + 124, t.code, true);
  view.setUint32(at + 128, t.flags, true);
  view.setBigInt64(at + 132, debitPrevious, true);
  view.setBigInt64(at + 140, creditPrevious, true);
}

function writeU128(view: DataView, offset: number, value: bigint): void {
  if (value === 0n) return;
  view.setBigUint64(offset, value, true);
  if (value > u64Max) view.setBigUint64(offset + 8, value >> 64n, true);
}

function u128At(view: DataView, offset: number): bigint {
  const low = view.getBigUint64(offset, true);
  const high = view.getBigUint64(offset + 8, true);
  return high === 0n ? low : (high << 64n) | low;
}

/** The record at `offset` of a view (a block, or one record cut out of it). */
export function readTransferRecord(view: DataView, offset: number): ChainedTransfer {
  const transfer: Transfer = {
    id: (view.getBigUint64(offset + 8, false) << 64n) | view.getBigUint64(offset + 16, false),
    debitAccountId: u128At(view, offset + 24),
    creditAccountId: u128At(view, offset + 40),
    amount: u128At(view, offset + 56),
    pendingId: u128At(view, offset + 72),
    userData128: u128At(view, offset + 88),
    userData64: view.getBigUint64(offset + 104, true),
    userData32: view.getUint32(offset + 112, true),
    timeout: view.getUint32(offset + 116, true),
    ledger: view.getUint32(offset + 120, true),
    code: view.getUint32(offset + 124, true),
    flags: view.getUint32(offset + 128, true),
    timestamp: view.getBigInt64(offset, true),
  };
  return { transfer, debitPrevious: view.getBigInt64(offset + 132, true), creditPrevious: view.getBigInt64(offset + 140, true) };
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A transfer id as the key of `transfer_ids`: 16 bytes, big-endian. */
export function transferIdKey(id: bigint): Buffer {
  const key = Buffer.allocUnsafe(16);
  key.writeBigUInt64BE(id >> 64n, 0);
  key.writeBigUInt64BE(BigInt.asUintN(64, id), 8);
  return key;
}

/** Transfer ids as a JSON array of hex keys, for `unhex(value) FROM json_each(?)`. */
export function transferIdKeysJson(ids: readonly bigint[]): string {
  return JSON.stringify(ids.map((id) => id.toString(16).padStart(32, '0')));
}

/** The transfer with `timestamp` in a block, found by binary search (records are in timestamp order). */
export function findInBlock(block: Uint8Array, timestamp: bigint): ChainedTransfer | undefined {
  const view = viewOf(block);
  let low = 0;
  let high = block.byteLength / transferRecordBytes - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = view.getBigInt64(middle * transferRecordBytes, true);
    if (at === timestamp) return readTransferRecord(view, middle * transferRecordBytes);
    if (at < timestamp) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
