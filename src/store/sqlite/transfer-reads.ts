// Reading transfers out of their blocks (transfer-blocks.ts): by id through the id index, by
// timestamp (an account's chain) through the block that starts at or before it, and all of them in
// order for the audit.

import { TransferFlags, type PendingStatus, type Transfer } from '../../ledger/index.js';
import type { ChainedTransfer } from '../account-chain.js';
import { encodeU128, holdStatuses, type HoldRow } from './codec.js';
import type { Statements } from './statements.js';
import { findInBlock, findInRun, readTransferRecord, transferIdKey, transferIdKeysJson, transferRecordBytes, viewOf } from './transfer-blocks.js';

export function readTransfer(statements: Statements, id: bigint): Transfer | undefined {
  const key = transferIdKey(id);
  const record = statements.transfer.get(key) as Buffer | undefined;
  if (record !== undefined) return readTransferRecord(viewOf(record), 0).transfer;
  const run = statements.transferRun.get({ id: key }) as Buffer | undefined;
  return run === undefined ? undefined : transferInRun(run, key);
}

/** The stored transfers among `ids`, in one query per kind of index entry (single ids, runs). */
export function readTransfersIn(statements: Statements, ids: readonly bigint[]): Transfer[] {
  const keys = transferIdKeysJson(ids);
  const found = (statements.transfersIn.all(keys) as Buffer[]).map((record) => readTransferRecord(viewOf(record), 0).transfer);
  for (const { id, records } of statements.transferRunsIn.all(keys) as { id: string; records: Buffer }[]) {
    const transfer = transferInRun(records, Buffer.from(id, 'hex'));
    if (transfer !== undefined) found.push(transfer);
  }
  return found;
}

/** The transfer with this id (16 bytes, big-endian) among a run's records, if the run holds it (it may have gaps). */
function transferInRun(records: Buffer, key: Uint8Array): Transfer | undefined {
  const slot = findInRun(records, 0, records.byteLength / transferRecordBytes, key);
  return slot < 0 ? undefined : readTransferRecord(viewOf(records), slot * transferRecordBytes).transfer;
}

/**
 * Reads up to `count` transfers of an account's chain from `timestamp` back. Consecutive links often
 * fall in the same block, so the last block read is kept for the next link.
 */
export function readChain(statements: Statements, accountId: bigint, timestamp: bigint, count: number): ChainedTransfer[] {
  const rows: ChainedTransfer[] = [];
  let block: Buffer | undefined;
  let blockFirst = 0n;
  let blockLast = -1n;
  let next = timestamp;
  while (next !== 0n && rows.length < count) {
    if (next < blockFirst || next > blockLast) {
      block = statements.transferBlockAt.get(next) as Buffer | undefined;
      if (block === undefined) break;
      const view = viewOf(block);
      blockFirst = view.getBigInt64(0, true);
      blockLast = view.getBigInt64(block.byteLength - transferRecordBytes, true);
    }
    const chained = findInBlock(block!, next);
    if (chained === undefined) break;
    rows.push(chained);
    next = chained.transfer.debitAccountId === accountId ? chained.debitPrevious : chained.creditPrevious;
  }
  return rows;
}

/** Every transfer in timestamp order, with its hold's status if it is a pending transfer. */
export function* allTransfers(statements: Statements): Generator<{ transfer: Transfer; holdStatus: PendingStatus | undefined }> {
  for (const block of statements.transferBlocks.iterate() as Iterable<Buffer>) {
    const view = viewOf(block);
    for (let offset = 0; offset < block.byteLength; offset += transferRecordBytes) {
      const { transfer } = readTransferRecord(view, offset);
      let holdStatus: PendingStatus | undefined;
      if ((transfer.flags & TransferFlags.pending) !== 0) {
        const hold = statements.hold.get(encodeU128(transfer.id)) as HoldRow | undefined;
        holdStatus = hold === undefined ? undefined : holdStatuses[Number(hold.status)];
      }
      yield { transfer, holdStatus };
    }
  }
}
