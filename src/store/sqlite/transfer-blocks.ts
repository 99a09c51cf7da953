// Transfers are stored in blocks: one `transfer_blocks` row holds up to `transfersPerBlock`
// fixed-width records of consecutive transfers (in timestamp order), and `transfer_ids` maps each id
// to its block and slot. A transfer then costs one small index entry plus its share of one row,
// instead of a 15-column row and an entry in a UNIQUE index.
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
  writer.i64(t.timestamp);
  writer.u128BigEndian(t.id);
  writer.u128WithHigh(t.debitAccountId, debitIdHigh);
  writer.u128WithHigh(t.creditAccountId, creditIdHigh);
  writer.u128(t.amount);
  writer.u128(t.pendingId);
  writer.u128(t.userData128);
  writer.i64(t.userData64);
  writer.u32(t.userData32);
  writer.u32(t.timeout);
  writer.u32(t.ledger);
  writer.u32(t.code);
  writer.u32(t.flags);
  writer.i64(debitPrevious);
  writer.i64(creditPrevious);
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
